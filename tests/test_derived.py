"""Derived tables kept between processes (``khabar.resources.derived``): built once, read back
while the code and inputs are the same, built again when either changes or the file is damaged;
a folder that cannot be written costs speed, never a result."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from khabar.extract.crf import CRFModel, _weights
from khabar.resources import derived, model_path


class _Builds:
    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KHABAR_CACHE_DIR", str(folder))
    return folder


def test_a_table_is_built_once_then_read_back(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "rows.tsv"
    source.write_text("a\t1\n", encoding="utf-8")
    build = _Builds({"a": (1, 2.5)})
    assert derived("table", build, [source]) == {"a": (1, 2.5)}
    assert derived("table", build, [source]) == {"a": (1, 2.5)}
    assert build.calls == 1
    assert len(list(cache.glob("table-*.pickle"))) == 1


def test_a_changed_input_is_built_again_and_the_old_file_goes(cache: Path,
                                                               tmp_path: Path) -> None:  # fmt: skip
    source = tmp_path / "rows.tsv"
    source.write_text("a\t1\n", encoding="utf-8")
    derived("table", _Builds("old"), [source])
    derived("table-other", _Builds("kept"), [source])  # another table whose name starts alike
    source.write_text("a\t2\n", encoding="utf-8")
    build = _Builds("new")
    assert derived("table", build, [source]) == "new"
    assert build.calls == 1
    assert len(list(cache.glob("table-*.pickle"))) == 2  # table's new key, and table-other's
    assert derived("table-other", _Builds("rebuilt"), [source]) == "rebuilt"  # its input moved


def test_a_folder_input_is_read_whole(cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "x.tsv").write_text("1", encoding="utf-8")
    derived("table", _Builds("first"), [folder])
    (folder / "sub" / "x.tsv").write_text("2", encoding="utf-8")
    assert derived("table", _Builds("second"), [folder]) == "second"


def test_a_damaged_file_is_built_again_and_said(cache: Path, tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    source = tmp_path / "rows.tsv"
    source.write_text("a", encoding="utf-8")
    derived("table", _Builds([1, 2]), [source])
    (saved,) = cache.glob("table-*.pickle")
    saved.write_bytes(saved.read_bytes()[:5])  # cut short
    build = _Builds([1, 2])
    with caplog.at_level(logging.WARNING, logger="khabar.resources"):
        assert derived("table", build, [source]) == [1, 2]
    assert build.calls == 1 and "unreadable" in caplog.text
    assert derived("table", _Builds("unused"), [source]) == [1, 2]  # replaced by a good one


def test_off_builds_every_time_and_writes_nothing(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("KHABAR_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    build = _Builds("v")
    derived("table", build, [])
    derived("table", build, [])
    assert build.calls == 2
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_said_once(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KHABAR_CACHE_DIR", str(blocker / "cache"))  # under a file: no folder
    build = _Builds("v")
    with caplog.at_level(logging.WARNING, logger="khabar.resources"):
        assert derived("table", build, []) == "v"
        assert derived("table", build, []) == "v"
    assert build.calls == 2
    assert caplog.text.count("cannot keep derived tables") == 1


def test_a_model_read_back_is_the_model_built(cache: Path) -> None:
    path = model_path("ner-en.crfsuite")
    built = _weights(path)
    first, again = CRFModel(path), CRFModel(path)  # the second reads the first's file
    assert len(list(cache.glob("crf-ner-en-*.pickle"))) == 1
    for model in (first, again):
        assert model.labels == built[0] and model.attributes == built[1]
        assert np.array_equal(model.state_weights, built[2])
        assert np.array_equal(model.transitions, built[3])
