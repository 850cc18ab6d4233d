"""The on-disk cache: where it lives, that it is ignored when it cannot be used, and that a
cached answer is the answer computed without it."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from policylint import cache, resources, taxonomy
from policylint.inventory import schema
from policylint.inventory.yamlload import load_document


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.delenv("POLICYLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", str(folder))
    return folder


def shipped_data_files():
    rules = resources.rules_dir()
    return sorted(rules.rglob("*.yaml"))


def test_cache_folder_follows_the_platform_conventions(monkeypatch, tmp_path):
    for name in ("POLICYLINT_NO_CACHE", "POLICYLINT_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert cache.directory() == tmp_path / ".cache" / "policylint"
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache.directory() == tmp_path / "xdg" / "policylint"
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.directory() == tmp_path / "mine"
    monkeypatch.setenv("POLICYLINT_NO_CACHE", "1")
    assert cache.directory() is None


@pytest.mark.parametrize("variable", ["POLICYLINT_CACHE_DIR", "XDG_CACHE_HOME"])
def test_a_relative_cache_folder_is_never_used(monkeypatch, tmp_path, variable):
    """A relative folder would land in the repository being checked."""
    monkeypatch.delenv("POLICYLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("POLICYLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(variable, "relative/cache")
    folder = cache.directory()
    assert folder is None or folder.is_absolute() and not str(folder).startswith(os.getcwd())


def test_keys_depend_on_every_part_and_on_their_boundaries():
    assert cache.key("a", "bc") != cache.key("ab", "c")
    assert cache.key("a", "b") == cache.key("a", b"b")
    assert len(cache.key("x")) == 64


def test_entries_are_written_whole_and_read_back(cache_dir):
    cache.write("data", "k", "value")
    assert cache.read("data", "k") == "value"
    assert cache.read("data", "missing") is None
    assert [p.name for p in (cache_dir / "data").iterdir()] == ["k"]  # no temporary file left


def test_an_unusable_cache_folder_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.delenv("POLICYLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", str(blocker / "cache"))
    cache.write("data", "k", "value")  # cannot create the folder: nothing happens
    assert cache.read("data", "k") is None
    path = resources.rules_dir() / "cookies.yaml"
    assert resources.load_yaml(path)["cookies"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions that apply")
def test_a_read_only_cache_folder_is_ignored(cache_dir):
    cache_dir.mkdir()
    cache_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        cache.write("data", "k", "value")
        assert cache.read("data", "k") is None
    finally:
        cache_dir.chmod(stat.S_IRWXU)


def test_old_entries_are_pruned(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 10)
    for i in range(11):
        cache.write("data", f"k{i:02}", "v")
        os.utime(cache_dir / "data" / f"k{i:02}", (1000 + i, 1000 + i))
    cache.write("data", "latest", "v")
    left = sorted(p.name for p in (cache_dir / "data").iterdir())
    assert len(left) <= 10 and "latest" in left and "k00" not in left


@pytest.mark.parametrize("path", shipped_data_files(), ids=lambda p: p.name)
def test_a_cached_data_file_reads_exactly_as_parsed(cache_dir, path, monkeypatch):
    parsed = resources.load_yaml(path)
    assert len(list((cache_dir / "data").iterdir())) == 1

    def no_yaml(*args, **kwargs):
        raise AssertionError("the cached value should have been used")

    import yaml

    monkeypatch.setattr(yaml, "load", no_yaml)
    cached = resources.load_yaml(path)
    assert repr(cached) == repr(parsed)  # repr tells 1, 1.0 and True apart


def test_a_changed_data_file_is_parsed_again(cache_dir, tmp_path):
    path = tmp_path / "terms.yaml"
    path.write_text("terms:\n  - key: a\n", encoding="utf-8")
    assert resources.load_yaml(path) == {"terms": [{"key": "a"}]}
    path.write_text("terms:\n  - key: b\n", encoding="utf-8")
    assert resources.load_yaml(path) == {"terms": [{"key": "b"}]}


def test_a_value_json_cannot_carry_is_not_cached(cache_dir, tmp_path):
    path = tmp_path / "odd.yaml"
    path.write_text("1: one\nwhen: 2024-01-01\n", encoding="utf-8")
    first = resources.load_yaml(path)
    assert not (cache_dir / "data").exists()
    assert repr(resources.load_yaml(path)) == repr(first)


def test_the_lazy_taxonomy_holds_what_the_files_say():
    shipped = taxonomy.load()
    assert list(shipped.vocabularies) == list(taxonomy.KINDS)
    assert len(shipped.vocabularies) == len(taxonomy.KINDS)
    assert "data_use" in shipped.vocabularies and "nothing" not in shipped.vocabularies
    assert shipped.vocabularies.get("nothing") is None
    for kind, filename in taxonomy.KINDS.items():
        eager = taxonomy._load_vocabulary(kind, filename)
        lazy = shipped[kind]
        assert lazy.terms == eager.terms and lazy._by_phrase == eager._by_phrase
    with pytest.raises(KeyError):
        shipped["nothing"]


def _inventory(tmp_path, text):
    path = tmp_path / "inv.yaml"
    path.write_text(text, encoding="utf-8")
    return load_document(str(path))


def test_a_valid_document_is_validated_once(cache_dir, tmp_path, monkeypatch):
    doc = _inventory(tmp_path, "version: 1\ndata:\n  - id: d\n    category: user.contact.email\n")
    calls = []
    real = schema._validator
    monkeypatch.setattr(schema, "_validator", lambda: calls.append(1) or real())
    assert schema.validate(doc) == [] and calls == [1]
    assert schema.validate(doc) == [] and calls == [1]
    changed = _inventory(tmp_path, "version: 1\ndata:\n  - id: e\n    category: user.contact.email\n")
    assert schema.validate(changed) == [] and calls == [1, 1]


def test_values_that_differ_only_in_type_are_different_documents(cache_dir, tmp_path):
    valid = _inventory(tmp_path, "version: 1\n")
    assert schema.validate(valid) == []
    text_version = _inventory(tmp_path, "version: '1'\n")
    assert [f.code for f in schema.validate(text_version)] == ["PL001"]


def test_an_invalid_document_is_validated_every_time(cache_dir, tmp_path, monkeypatch):
    doc = _inventory(tmp_path, "version: 1\ndata:\n  - id: d\n    purpose: []\n")
    calls = []
    real = schema._validator
    monkeypatch.setattr(schema, "_validator", lambda: calls.append(1) or real())
    first = schema.validate(doc)
    second = schema.validate(doc)
    assert first and first == second and calls == [1, 1]
    assert not (cache_dir / "valid").exists()
