"""Shared fixtures: temporary inventory/policy files and a runner for the CLI."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SEED_POLICY = EXAMPLES / "privacy-policy.md"
# Third-party data files live beside the repository in a development checkout only.
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def write(tmp_path):
    """write("name.yaml", text) -> path of a dedented file in a temporary folder."""

    def _write(name: str, text: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return str(path)

    return _write


@pytest.fixture
def cli():
    """cli("check", ...) -> click Result with exit_code, stdout, stderr."""
    from policylint.cli import app

    runner = CliRunner()

    def _run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return _run


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Keep the suite's cache entries out of the user's cache folder."""
    import os

    previous = os.environ.get("POLICYLINT_CACHE_DIR")
    os.environ["POLICYLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("policylint-cache"))
    yield
    if previous is None:
        os.environ.pop("POLICYLINT_CACHE_DIR", None)
    else:
        os.environ["POLICYLINT_CACHE_DIR"] = previous
