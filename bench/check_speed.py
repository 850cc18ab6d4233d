"""How long a pre-commit run of policylint takes, against peers measured in the same run.

Runs each command several times as a fresh process (what pre-commit does on every commit)
and prints the median and minimum wall time, and each as a ratio to the peers:

- ``python -c pass``: the interpreter's own start-up, the floor for any Python hook;
- ``yamllint`` on the same inventory (when installed): a common YAML pre-commit hook;
- ``policylint --help``: start-up of the command line alone (lazy imports).

Usage: python bench/check_speed.py [--runs 15]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLICY = REPO / "examples" / "privacy-policy.md"
INVENTORY = REPO / "examples" / "inventory.yaml"


def timed(command: list[str], runs: int) -> list[float]:
    subprocess.run(command, capture_output=True, cwd=REPO)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=REPO)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    policylint = [sys.executable, "-m", "policylint"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "policylint --help": [*policylint, "--help"],
        "policylint check (example)": [*policylint, "check", "--policy", str(POLICY), str(INVENTORY)],
        "policylint check --format sarif": [*policylint, "check", "-f", "sarif", "--policy", str(POLICY), str(INVENTORY)],
    }
    if shutil.which("yamllint"):
        commands["yamllint (same inventory)"] = ["yamllint", "-d", "relaxed", str(INVENTORY)]
    results = {name: timed(cmd, args.runs) for name, cmd in commands.items()}
    floor = statistics.median(results["python -c pass"])
    peer = statistics.median(results["yamllint (same inventory)"]) if "yamllint (same inventory)" in results else None
    print(f"{'command':<34} {'median ms':>10} {'min ms':>8} {'x python':>9} {'x yamllint':>11}")
    for name, times in results.items():
        median = statistics.median(times)
        ratio_peer = f"{median / peer:>11.2f}" if peer else f"{'-':>11}"
        print(f"{name:<34} {median * 1000:>10.1f} {min(times) * 1000:>8.1f} {median / floor:>9.2f} {ratio_peer}")


if __name__ == "__main__":
    main()
