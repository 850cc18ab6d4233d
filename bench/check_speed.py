"""How long a pre-commit run of policylint takes, against peers measured in the same run.

Runs each command several times as a fresh process (what pre-commit does on every commit),
taking the commands in turn so that a busy machine slows them all alike, and prints the
median and minimum wall time, and each median as a ratio to the peers:

- ``python -c pass``: the interpreter's own start-up, the floor for any Python hook;
- ``yamllint`` on the same inventory (when installed): a common YAML pre-commit hook.

The policylint commands are the console script pre-commit runs (``policylint``):

- ``--help``: start-up of the command line alone (lazy imports);
- ``check`` of the example inventory against the example policy, as text and as SARIF;
- ``check`` of the inventory alone (no policy: format, taxonomy and reference checks);
- ``check`` with the cache off (``POLICYLINT_NO_CACHE=1``): a first run after installing
  or upgrading, or a CI job that starts from an empty home folder.

Modules run from bytecode, as in an installed tool (pip compiles it when it installs):
the bytecode of this run goes to a temporary folder (``PYTHONPYCACHEPREFIX``), never
beside the sources, even when ``PYTHONDONTWRITEBYTECODE`` is set; ``--no-bytecode``
compiles every module on every run instead. policylint's cache also goes to a temporary
folder, filled by each command's warm-up run.

Usage: python bench/check_speed.py [--runs 15] [--no-bytecode]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLICY = REPO / "examples" / "privacy-policy.md"
INVENTORY = REPO / "examples" / "inventory.yaml"


def policylint_command() -> list[str]:
    script = Path(sys.executable).with_name("policylint.exe" if os.name == "nt" else "policylint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "policylint"]


def yamllint_command() -> str | None:
    beside = Path(sys.executable).with_name("yamllint.exe" if os.name == "nt" else "yamllint")
    return str(beside) if beside.exists() else shutil.which("yamllint")


def run_all(commands: dict[str, tuple[list[str], dict]], runs: int, env: dict) -> dict[str, list[float]]:
    for command, extra in commands.values():  # warm the file cache, the bytecode and policylint's cache
        subprocess.run(command, capture_output=True, cwd=REPO, env={**env, **extra})
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, extra) in commands.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, cwd=REPO, env={**env, **extra})
            times[name].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-bytecode", action="store_true", help="compile every module from source on every run")
    args = parser.parse_args()
    policylint = policylint_command()
    example = ["--policy", str(POLICY), str(INVENTORY)]
    check = [*policylint, "check", *example]
    no_cache = {"POLICYLINT_NO_CACHE": "1"}
    commands: dict[str, tuple[list[str], dict]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], {}),
        "policylint --help": ([*policylint, "--help"], {}),
        "policylint check (example)": (check, {}),
        "policylint check --format sarif": ([*policylint, "check", "-f", "sarif", *example], {}),
        "policylint check (no policy)": ([*policylint, "check", str(INVENTORY)], {}),
        "policylint check (example, no cache)": (check, no_cache),
    }
    yamllint = yamllint_command()
    if yamllint:
        commands["yamllint (same inventory)"] = ([yamllint, "-d", "relaxed", str(INVENTORY)], {})
    with tempfile.TemporaryDirectory(prefix="policylint-bench-") as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYLINT_")}
        env["POLICYLINT_CACHE_DIR"] = str(Path(scratch, "cache"))
        if args.no_bytecode:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            env.pop("PYTHONPYCACHEPREFIX", None)
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(scratch, "bytecode"))
        results = run_all(commands, args.runs, env)
    floor = statistics.median(results["python -c pass"])
    peer = statistics.median(results["yamllint (same inventory)"]) if yamllint else None
    print(f"{args.runs} runs each, {'no bytecode' if args.no_bytecode else 'from bytecode'}, commands taken in turn")
    print(f"{'command':<38} {'median ms':>10} {'min ms':>8} {'x python':>9} {'x yamllint':>11}")
    for name, times in results.items():
        median = statistics.median(times)
        ratio_peer = f"{median / peer:>11.2f}" if peer else f"{'-':>11}"
        print(f"{name:<38} {median * 1000:>10.1f} {min(times) * 1000:>8.1f} {median / floor:>9.2f} {ratio_peer}")


if __name__ == "__main__":
    main()
