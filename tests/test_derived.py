"""Derived tables kept between processes (``khabar.resources.derived``): built once, read back
while the code and inputs are the same, built again when either changes or the file is damaged;
a cache folder that cannot be used costs speed, never a result or a run."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import numpy as np
import pytest

from khabar import resources
from khabar.extract import actors, entities, places
from khabar.extract.crf import CRFModel, _weights
from khabar.resources import derived, model_path


class _Builds:
    def __init__(self, value: object, then: object = None) -> None:
        self.value, self.then, self.calls = value, then, 0

    def __call__(self) -> object:
        self.calls += 1
        if callable(self.then):
            self.then()
        return self.value


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KHABAR_CACHE_DIR", str(folder))
    monkeypatch.setattr(resources, "_SAID", set())
    return folder


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "rows.tsv"
    path.write_text("a\t1\n", encoding="utf-8")
    return path


def test_a_table_is_built_once_then_read_back(cache: Path, source: Path) -> None:
    build = _Builds({"a": (1, 2.5)})
    assert derived("table", build, [source]) == {"a": (1, 2.5)}
    assert derived("table", build, [source]) == {"a": (1, 2.5)}
    assert build.calls == 1
    assert len(list(cache.glob("table-*.pickle"))) == 1
    assert cache.stat().st_mode & 0o777 == 0o700


def test_a_changed_input_or_code_is_built_again(cache: Path, source: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    derived("table", _Builds("old"), [source])
    source.write_text("a\t2\n", encoding="utf-8")
    assert derived("table", _Builds("new data"), [source]) == "new data"
    monkeypatch.setattr(resources, "_LOADED_CODE", b"another version of khabar")
    monkeypatch.setattr(resources, "_hash_code", lambda: b"another version of khabar")
    assert derived("table", _Builds("new code"), [source]) == "new code"
    # the old keys stay for a week (another checkout or version may still read them)
    assert len(list(cache.glob("table-*.pickle"))) == 3


def test_keys_unused_for_a_week_are_pruned(cache: Path, source: Path) -> None:
    derived("table", _Builds("old"), [source])
    derived("table-other", _Builds("kept"), [source])  # another table whose name starts alike
    week_ago = time.time() - 8 * 86400
    for p in cache.glob("table-*.pickle"):
        os.utime(p, (week_ago, week_ago))
    source.write_text("a\t2\n", encoding="utf-8")
    derived("table", _Builds("new"), [source])
    names = sorted(p.name.rsplit("-", 1)[0] for p in cache.glob("table-*.pickle"))
    assert names == ["table", "table-other"]  # the old key of "table" went, table-other's not


def test_a_folder_input_is_read_whole(cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "x.tsv").write_text("1", encoding="utf-8")
    derived("table", _Builds("first"), [folder])
    (folder / "sub" / "x.tsv").write_text("2", encoding="utf-8")
    assert derived("table", _Builds("second"), [folder]) == "second"


def test_what_changed_while_it_was_built_is_not_kept(cache: Path, source: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    edit = _Builds("built", then=lambda: source.write_text("edited", encoding="utf-8"))
    assert derived("table", edit, [source]) == "built"
    upgrade = _Builds("built", then=lambda: monkeypatch.setattr(
        resources, "_hash_code", lambda: b"the files on disk changed"))  # fmt: skip
    assert derived("table", upgrade, [source]) == "built"
    assert list(cache.glob("*.pickle")) == []


def test_a_damaged_file_is_built_again_and_said(cache: Path, source: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    derived("table", _Builds([1, 2]), [source])
    (saved,) = cache.glob("table-*.pickle")
    saved.write_bytes(saved.read_bytes()[:5])  # cut short
    build = _Builds([1, 2])
    with caplog.at_level(logging.WARNING, logger="khabar.resources"):
        assert derived("table", build, [source]) == [1, 2]
    assert build.calls == 1 and "unreadable" in caplog.text
    assert derived("table", _Builds("unused"), [source]) == [1, 2]  # replaced by a good one


def test_a_table_that_cannot_be_pickled_is_still_returned(cache: Path, source: Path,
                                                          caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    def value() -> int:  # a local function: pickle refuses it
        return 1

    with caplog.at_level(logging.WARNING, logger="khabar.resources"):
        assert derived("table", _Builds(value), [source]) is value
        assert derived("table", _Builds(value), [source]) is value
    assert caplog.text.count("cannot keep derived table") == 1
    assert [p.name for p in cache.iterdir()] == []  # no file, no temporary file left


def test_off_builds_every_time_and_writes_nothing(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("KHABAR_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    build = _Builds("v")
    derived("table", build, [])
    derived("table", build, [])
    assert build.calls == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["under a file", "shared", "no home"])
def test_a_folder_that_cannot_be_used_is_said_once(where: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    monkeypatch.setattr(resources, "_SAID", set())
    if where == "under a file":
        (tmp_path / "a-file").write_text("", encoding="utf-8")
        monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    elif where == "shared":  # others may write there: a planted pickle would run as code
        (tmp_path / "shared").mkdir(mode=0o777)
        (tmp_path / "shared").chmod(0o777)
        monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path / "shared"))
    else:
        monkeypatch.delenv("KHABAR_CACHE_DIR")
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

        def homeless() -> Path:
            raise RuntimeError("Could not determine home directory.")

        monkeypatch.setattr(Path, "home", homeless)
    build = _Builds("v")
    with caplog.at_level(logging.WARNING, logger="khabar.resources"):
        assert derived("table", build, []) == "v"
        assert derived("table", build, []) == "v"
    assert build.calls == 2
    assert len(caplog.records) == 1 and "unreadable" not in caplog.text
    if where == "shared":
        assert list((tmp_path / "shared").iterdir()) == []


def test_a_model_read_back_is_the_model_built(cache: Path) -> None:
    path = model_path("ner-en.crfsuite")
    built = _weights(path)
    first, again = CRFModel(path), CRFModel(path)  # the second reads the first's file
    assert len(list(cache.glob("crf-ner-en-*.pickle"))) == 1
    for model in (first, again):
        assert model.labels == built[0] and model.attributes == built[1]
        assert np.array_equal(model.state_weights, built[2])
        assert np.array_equal(model.transitions, built[3])


def test_the_shipped_tables_read_back_equal_to_a_fresh_build(cache: Path) -> None:
    for name, build in (("gazetteer", places._build_gazetteer),
                        ("world-actors", actors._build_world_actors),
                        ("name-words", entities._build_name_words),
                        ("world-organisations", actors._build_world_organisations),
                        ("generic-agents-ar", lambda: actors._build_generic_agents("ar")),
                        ("wordfreq-fa", lambda: resources._word_counts("fa"))):  # fmt: skip
        fresh = derived(name, build, resources.data_files())
        read = derived(name, _Builds(None), resources.data_files())
        assert read is not fresh and read == fresh, name
        if name == "gazetteer":
            assert read.index.first == fresh.index.first and read.index._starts == ({}, {})
        if name in ("world-organisations", "generic-agents-ar"):  # (alias index, names)
            assert (read[0].first, read[0].heads) == (fresh[0].first, fresh[0].heads), name
            assert read[0]._starts == ({}, {}), name


def test_the_code_key_follows_every_source_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    package = tmp_path / "khabar"
    (package / "resources").mkdir(parents=True)
    (package / "extract").mkdir()
    (package / "extract" / "places.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(resources, "_root", lambda: package / "resources")
    before = resources._hash_code()
    assert resources._hash_code() == before
    (package / "extract" / "places.py").write_text("X = 2\n", encoding="utf-8")
    assert resources._hash_code() != before
    (package / "extract" / "places.py").rename(package / "extract" / "gazetteer.py")
    assert resources._hash_code() != before
