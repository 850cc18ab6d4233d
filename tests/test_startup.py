"""Start-up: what a run imports, and that the shortcuts taken for speed change no answer.

policylint runs as a pre-commit hook on every commit, so the command line imports its
heavy libraries only where a command needs them, text options skip typer's pydantic
coercion, and the on-disk cache (``policylint.cache``) spares a run the YAML parsing of
the shipped data and jsonschema's import for an inventory that passed before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import EXAMPLES, REPO

HEAVY = ("jsonschema", "rich", "markdown_it", "yaml", "pydantic")


def run_python(code: str, cache_dir=None, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("POLICYLINT_")}
    environ.update(env)
    if cache_dir is not None:
        environ["POLICYLINT_CACHE_DIR"] = str(cache_dir)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=REPO, env=environ
    )


def run_cli(args: list[str], cache_dir) -> subprocess.CompletedProcess:
    """The command line in a fresh process; stderr ends with the heavy modules it imported."""
    return run_python(
        f"""
        import sys
        sys.argv = ["policylint", *{args!r}]
        from policylint.cli import main
        try:
            main()
        finally:
            sys.stderr.write("\\nimported: " + " ".join(m for m in {HEAVY!r} if m in sys.modules) + "\\n")
        """,
        cache_dir,
    )


def imported(result: subprocess.CompletedProcess) -> set[str]:
    return set(result.stderr.rsplit("imported:", 1)[1].split())


def test_importing_the_cli_imports_no_heavy_library():
    result = run_python(f"import sys, policylint.cli; print([m for m in {HEAVY!r} if m in sys.modules])")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_help_imports_no_heavy_library(tmp_path):
    result = run_cli(["check", "--help"], tmp_path)
    assert result.returncode == 0 and "--policy" in result.stdout
    assert imported(result) == set()


def test_a_check_with_text_options_skips_typer_coercion(tmp_path):
    args = ["check", "--no-config", "-f", "json", "--select", "PL", "--ignore", "PL9", "--fail-on", "warning", str(EXAMPLES / "inventory.yaml")]
    result = run_cli(args, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "pydantic" not in imported(result)


def test_an_unchanged_valid_inventory_is_not_validated_again(tmp_path):
    args = ["check", "--no-config", "-f", "json", str(EXAMPLES / "inventory.yaml")]
    first = run_cli(args, tmp_path)
    second = run_cli(args, tmp_path)
    assert first.returncode == second.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "jsonschema" in imported(first)
    assert imported(second) == {"yaml"}  # the inventory itself is still read


def test_an_invalid_inventory_is_validated_on_every_run(tmp_path):
    inventory = tmp_path / "inv.yaml"
    inventory.write_text("version: 1\ndata:\n  - id: d\n    category: user.contact.email\n    purpose: []\n", encoding="utf-8")
    args = ["check", "--no-config", "-f", "json", str(inventory)]
    runs = [run_cli(args, tmp_path / "cache") for _ in range(2)]
    assert [r.returncode for r in runs] == [1, 1]
    assert runs[0].stdout == runs[1].stdout
    assert all("jsonschema" in imported(r) for r in runs)
    codes = [f["code"] for f in json.loads(runs[1].stdout)["findings"]]
    assert "PL001" in codes


def test_output_is_the_same_without_the_cache(tmp_path):
    args = ["check", "--no-config", "--policy", str(EXAMPLES / "privacy-policy.md"), str(EXAMPLES / "inventory.yaml")]
    cached = [run_cli(args + ["-f", "json"], tmp_path) for _ in range(2)]
    uncached = run_python(
        f"""
        import sys
        sys.argv = ["policylint", *{args + ["-f", "json"]!r}]
        from policylint.cli import main
        main()
        """,
        POLICYLINT_NO_CACHE="1",
    )
    assert cached[0].stdout == cached[1].stdout == uncached.stdout
    assert cached[0].returncode == cached[1].returncode == uncached.returncode == 1


OPTIONS = [
    "--no-config",
    "--show-config",
    "--policy", "a.md",
    "-p", "b.md",
    "--select", "PL1",
    "--ignore", "PL10",
    "--ignore", "PL2",
    "--fail-on", "warning",
    "--minor-age", "15",
    "--baseline", "base.json",
    "-o", "json",
    "x.yaml",
    "y.yaml",
]


@pytest.mark.parametrize(
    "args",
    [
        OPTIONS,
        ["--no-config", "--show-config"],
        ["--no-config", "--show-config", "--minor-age", "abc"],
        ["--no-config", "--show-config", "--minor-age"],
        ["--no-config", "--show-config", "--format"],
        ["--no-config", "--show-config", "--format", "xml"],
        ["--no-config", "--show-config", "-o", "sarif=out.sarif", "-o", "text", "-o", "json"],
    ],
)
def test_text_options_come_out_as_typer_makes_them(monkeypatch, cli, args):
    """The shortcut for text options gives what typer's own coercion gives, errors included."""
    fast = cli("check", *args)
    from policylint import _fastcli

    monkeypatch.setattr(_fastcli, "_skip_coercion", lambda params: None)
    slow = cli("check", *args)
    assert (fast.exit_code, fast.stdout, fast.stderr) == (slow.exit_code, slow.stdout, slow.stderr)
