"""The pre-commit hook, run by the real pre-commit against this checkout (try-repo).

pre-commit builds the hook's own environment from this repository (pip install of the
project), so the test covers .pre-commit-hooks.yaml, packaging and the shipped data files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import REPO

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

POLICY = """\
# Privacy Policy

## Information We Collect

When you create an account we collect your name and email address to provide our services.

## How We Share Information

We share information with payment processors that handle your payments.
"""

CLEAN = """\
version: 1
data:
  - id: account-email
    category: email address
    purposes: [essential.service]
  - id: account-name
    category: user.name
    purposes: [essential.service]
"""

VIOLATING = CLEAN + """\
  - id: precise-location
    category: user.location.precise
    purposes: [essential.service]
"""


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def try_repo(cwd, home):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "policylint", "--all-files", "--verbose"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_fails_on_a_violating_inventory_and_passes_on_a_clean_one(tmp_path):
    project = tmp_path / "project"
    (project / "privacy").mkdir(parents=True)
    (project / "privacy-policy.md").write_text(POLICY)
    (project / ".policylint.toml").write_text(
        textwrap.dedent(
            """\
            policy = ["privacy-policy.md"]
            inventory = ["privacy/*.yaml"]
            """
        )
    )
    inventory = project / "privacy" / "inventory.yaml"
    inventory.write_text(VIOLATING)
    git(project, "init", "-q")
    git(project, "add", ".")
    home = tmp_path / "pre-commit-home"

    failing = try_repo(project, home)
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert "PL104" in output and "precise-location" in output

    inventory.write_text(CLEAN)
    git(project, "add", ".")
    passing = try_repo(project, home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
