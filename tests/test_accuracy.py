"""The reader's accuracy floor on the hand-labelled corpus (bench/accuracy.py measures it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"


def _measure():
    spec = importlib.util.spec_from_file_location("bench_accuracy", ROOT / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.measure(CORPUS)


@pytest.fixture(scope="module")
def result():
    if not any(CORPUS.glob("*.gold.yaml")):
        pytest.skip("no labelled corpus")
    return _measure()


@pytest.mark.parametrize("kind", ["data_categories", "recipients"])
def test_precision_and_recall_floor(result, kind):
    values = result["sets"][kind]
    assert values["precision"] >= 0.95, (kind, values)
    assert values["recall"] >= 0.90, (kind, values)


@pytest.mark.parametrize("kind", ["children", "sale", "retention", "transfers", "cookies_mentioned"])
def test_stance_floor(result, kind):
    values = result["stances"][kind]
    assert values["accuracy"] >= 0.95, (kind, values)
