"""How fast the policy reader reads a ~100 KB policy, against markdown-it-py's own parse.

Builds one large Markdown policy by concatenating the corpus policies (and the example
policy), repeated until it reaches the target size, then times ``read_policy`` and, in the
same run, ``MarkdownIt("commonmark").enable("table").parse`` of the same text (the peer).
Reports min and median in milliseconds and the ratio reader / peer.

Usage: python bench/read_speed.py [--kb 100] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def build_policy(target_bytes: int) -> str:
    sources = sorted((ROOT / "tests" / "corpus").glob("*.md"))
    sources = [p for p in sources if p.name != "README.md"] + [ROOT / "examples" / "privacy-policy.md"]
    parts: list[str] = []
    size = 0
    round_ = 0
    while size < target_bytes:
        round_ += 1
        for path in sources:
            text = path.read_text(encoding="utf-8")
            # demote the documents' own titles so the whole reads as one policy with many sections
            text = text.replace("\n# ", "\n## ").removeprefix("# ")
            chunk = f"\n\n## Part {round_}.{path.stem}\n\n{text}"
            parts.append(chunk)
            size += len(chunk.encode("utf-8"))
            if size >= target_bytes:
                break
    return "# Combined Privacy Policy\n" + "".join(parts)


def _time(func, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=100, help="size of the policy in KB (default 100)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    from markdown_it import MarkdownIt

    from policylint.policy import read_policy
    from policylint.taxonomy import load

    text = build_policy(args.kb * 1024)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "combined-policy.md"
        path.write_text(text, encoding="utf-8")
        load()  # the taxonomy is loaded once per process; time the reading, not the loading
        first = _time(lambda: read_policy([str(path)]), 1)[0]
        reader = _time(lambda: read_policy([str(path)]), args.runs)
        md = MarkdownIt("commonmark").enable("table")
        peer = _time(lambda: md.parse(text), args.runs)
        decl = read_policy([str(path)])
    size_kb = len(text.encode("utf-8")) / 1024
    print(f"policy: {size_kb:.0f} KB, {text.count(chr(10)) + 1} lines, {len(decl.sections)} sections")
    print(f"first read (builds the phrase matcher): {first:.1f} ms")
    print(f"read_policy        min {min(reader):8.1f} ms   median {statistics.median(reader):8.1f} ms")
    print(f"markdown-it parse  min {min(peer):8.1f} ms   median {statistics.median(peer):8.1f} ms")
    print(f"ratio (median reader / median peer): {statistics.median(reader) / statistics.median(peer):.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
