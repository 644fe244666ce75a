"""Packaged data files (lexicons, calendars, samples); loaded once, validated on load.

Each CSV has a ``source`` column saying where its rows come from. Tables that take seconds to
derive from them (the gazetteer's index, the models' weight tables) are kept between processes
by ``derived``.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import json
import logging
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from khabar.errors import ResourceError
from khabar.normalize import normalize

__all__ = [
    "BoilerplateRule",
    "boilerplate_rules",
    "clause_final_words",
    "credit_names",
    "data_files",
    "derived",
    "model_path",
    "month_names",
    "org_heads",
    "read_csv",
    "story_decision",
    "weekday_names",
    "word_classes",
    "word_counts",
]


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of ``khabar/resources/<name>`` (``.tsv`` is tab-separated).

    Raises ``ResourceError`` if the file is missing or has no ``source`` column.
    """
    try:
        text = resources.files("khabar.resources").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"packaged resource {name} is missing; reinstall khabar") from exc
    delimiter = "\t" if name.endswith(".tsv") else ","
    rows = list(
        csv.DictReader(
            io.StringIO(text),
            delimiter=delimiter,
            quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL,
        )
    )
    if not rows or "source" not in rows[0]:
        raise ResourceError(f"resource {name} is empty or lacks its 'source' column")
    return rows


def model_path(name: str) -> Path:
    """Path of the packaged model file ``khabar/resources/models/<name>`` (each model family
    has its card beside it, e.g. ``ner.md``: data, licences, metrics, how to retrain).

    Raises ``ResourceError`` if the file is missing.
    """
    path = Path(str(resources.files("khabar.resources").joinpath("models", name)))
    if not path.is_file():
        raise ResourceError(f"packaged model {name} is missing; reinstall khabar")
    return path


log = logging.getLogger(__name__)
T = TypeVar("T")
_CACHE_OFF = ("", "0", "off", "none", "no")
_UNWRITABLE: list[str] = []  # cache folders this process could not write (logged once each)


def derived(name: str, build: Callable[[], T], inputs: Iterable[Path]) -> T:
    """``build()``, or what it returned in an earlier process with the same code and inputs.

    For tables derived from packaged files that take seconds to build and a tenth of that to
    read back (the gazetteer's index: about 2.3 s against 0.25 s; a CRF model's weights). The
    result is pickled into the cache folder as ``<name>-<key>.pickle``, where the key is the
    SHA-256 of khabar's code (every ``.py`` file of the package), Python's version and the
    bytes of ``inputs`` (files, or folders read whole), so a changed resource, model or
    version is never served an old table. The folder is ``KHABAR_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/khabar``, else ``~/.cache/khabar``; ``KHABAR_CACHE_DIR=off`` builds every
    time. A saved file that cannot be read is built again and replaced, and a folder that
    cannot be written is logged once (warning): each process then builds its own. Writes go
    through a temporary file and a rename, so processes that build at once never read half a
    file; a file of the same name with another key is removed. Pickles are code: the folder
    must be the user's own, as every cache folder is."""
    folder = _cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{_key(inputs)[:24]}.pickle"
    try:
        with path.open("rb") as f:
            return _unpickled(f.read())  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 (any damage to a cache file: build it again)
        log.warning("derived-data cache %s is unreadable (%s: %s); building it again",
                    path, type(exc).__name__, exc)  # fmt: skip
    value = build()
    _save(path, value)
    return value


def _unpickled(data: bytes) -> Any:
    """``pickle.loads`` with the cyclic garbage collector paused: reading back a table of a
    million objects otherwise runs its full collections many times over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


def data_files() -> list[Path]:
    """The packaged data files apart from the models (``resources/models``): the inputs of
    tables built from lexicons, gazetteers and word counts."""
    root = _root()
    return [p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix != ".py"
            and not {"models", "__pycache__"} & set(p.relative_to(root).parts)]  # fmt: skip


def _root() -> Path:
    return Path(str(resources.files("khabar.resources")))


def _cache_dir() -> Path | None:
    value = os.environ.get("KHABAR_CACHE_DIR")
    if value is not None:
        return None if value.strip().lower() in _CACHE_OFF else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "khabar"


@lru_cache(maxsize=1)
def _code_key() -> bytes:
    """SHA-256 of every ``.py`` file of the khabar package and of Python's version."""
    package = _root().parent
    h = hashlib.sha256(sys.version.encode())
    for p in sorted(package.rglob("*.py")):
        h.update(str(p.relative_to(package)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.digest()


def _key(inputs: Iterable[Path]) -> str:
    h = hashlib.sha256(_code_key())
    for item in inputs:
        files = sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]
        for p in files:
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _save(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path`` atomically; remove the same table's other keys."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        stem = path.stem.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{stem}-*.pickle"):
            if old != path and old.stem.rsplit("-", 1)[0] == stem:
                old.unlink(missing_ok=True)
    except OSError as exc:
        if str(path.parent) not in _UNWRITABLE:
            _UNWRITABLE.append(str(path.parent))
            log.warning("cannot keep derived tables in %s (%s); each process builds its own "
                        "(set KHABAR_CACHE_DIR to a writable folder, or off)",
                        path.parent, exc)  # fmt: skip


def _headed_table(folder: str, lang: str) -> tuple[list[str], list[list[str]]]:
    """Columns and rows of ``resources/<folder>/<lang>.tsv``: a ``# source:`` line, a header
    line, then tab-separated rows."""
    try:
        text = resources.files("khabar.resources").joinpath(folder, f"{lang}.tsv").read_text(
            encoding="utf-8"
        )
    except OSError as exc:
        raise ResourceError(f"{folder}/{lang}.tsv is missing; reinstall khabar") from exc
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# source:"):
        raise ResourceError(f"{folder}/{lang}.tsv lacks its '# source:' header")
    if len(lines) < 2:
        raise ResourceError(f"{folder}/{lang}.tsv lacks its column line")
    columns = lines[1].split("\t")
    rows = [line.split("\t") for line in lines[2:]]
    if any(len(row) != len(columns) for row in rows):
        raise ResourceError(f"{folder}/{lang}.tsv: a row without {len(columns)} fields")
    return columns, rows


@lru_cache(maxsize=4)
def word_counts(lang: str) -> dict[str, int]:
    """Normalised word → count in real news of ``lang`` (``resources/wordfreq/<lang>.tsv``, its
    first line names the corpus; built by ``training/resources/build_wordfreq.py``).

    Raises ``ResourceError`` if the file is missing (ar, fa and en ship one) or malformed.
    """
    columns, rows = _headed_table("wordfreq", lang)
    if columns != ["word", "count"]:
        raise ResourceError(f"wordfreq/{lang}.tsv: columns {columns}, expected word, count")
    try:
        return {row[0]: int(row[1]) for row in rows}
    except ValueError as exc:
        raise ResourceError(f"wordfreq/{lang}.tsv: a count that is not a number: {exc}") from exc


@lru_cache(maxsize=4)
def word_classes(lang: str) -> dict[str, tuple[str, ...]]:
    """Word key (``khabar.extract.entities.word_key``) → its distributional class at each size,
    coarse to fine (``resources/clusters/<lang>.tsv``, columns ``c32 c128 c512``; built from real
    news by ``training/resources/build_clusters.py``, its first line names the corpus).

    Raises ``ResourceError`` if the file is missing (ar, fa and en ship one) or malformed.
    """
    columns, rows = _headed_table("clusters", lang)
    if columns[:1] != ["word"] or len(columns) < 2:
        raise ResourceError(f"clusters/{lang}.tsv: columns {columns}, expected word, c<k>...")
    return {row[0]: tuple(row[1:]) for row in rows}


def normalize_pattern(pattern: str) -> str:
    """Normalise the non-ASCII runs of a regex (so it matches normalised text), keep the syntax."""
    return re.sub(r"[^\x00-\x7f]+", lambda m: normalize(m.group()), pattern)


class BoilerplateRule(NamedTuple):
    kind: str
    lang: str
    max_words: int  # longer lines are prose that happens to start like boilerplate
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    """Line patterns of boilerplate (matched against normalised, stripped lines)."""
    out = []
    for row in read_csv("boilerplate.tsv"):
        try:
            # IGNORECASE, not .lower(): lowering a regex turns \S into \s and \D into \d
            regex = re.compile(normalize_pattern(row["pattern"]), re.IGNORECASE)
        except re.error as exc:
            raise ResourceError(f"boilerplate.tsv: bad pattern {row['pattern']!r}: {exc}") from exc
        out.append(BoilerplateRule(row["kind"], row["lang"], int(row["max_words"]), regex))
    return tuple(out)


@lru_cache(maxsize=1)
def credit_names() -> frozenset[str]:
    """Normalised names that mark a parenthesised caption credit (agencies, 'archive'...)."""
    return frozenset(normalize(r["name"]) for r in read_csv("credits.csv"))


@lru_cache(maxsize=1)
def month_names() -> dict[str, tuple[tuple[str, int], ...]]:
    """Normalised month name → ((calendar, month number), ...) (a name can be in two calendars)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for row in read_csv("months.csv"):
        out.setdefault(normalize(row["name"]), []).append((row["calendar"], int(row["month"])))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """English nationality word ("Iraqi", "Iraqis", "North Korean") → the ISO 3166-1 alpha-2
    code of its country (``demonyms.tsv``, built by ``training/resources/build_demonyms.py``
    from countries-states-cities)."""
    return {r["form"]: r["iso2"] for r in read_csv("demonyms.tsv")}


@lru_cache(maxsize=4)
def org_heads(lang: str) -> frozenset[str]:
    """Words that head an institution's name in ``lang`` (Persian: وزارت, اداره, شورای), in
    matching form (``lexicon.alias_key``; ``org_heads.tsv``, built by
    ``training/resources/build_org_heads.py`` from the project's labelled training sentences);
    empty for other languages."""
    return frozenset(r["head"] for r in read_csv("org_heads.tsv") if r["lang"] == lang)


@lru_cache(maxsize=4)
def clause_final_words(lang: str) -> frozenset[str]:
    """Words of ``lang`` that end clauses, in matching form: Persian verbs (گفت, کردند, است),
    from where Fars News puts them (``clause_final.tsv``, built by
    ``training/resources/build_clause_final.py``); empty for other languages."""
    return frozenset(r["word"] for r in read_csv("clause_final.tsv") if r["lang"] == lang)


@lru_cache(maxsize=1)
def story_decision() -> dict[str, Any]:
    """The fitted story decision (``models/stories-decision.json``, built by
    ``training/stories/fit_decision.py``; card: ``models/stories.md``): ``features`` (names,
    in order), ``weights`` (one per feature), ``bias`` and ``threshold`` (the join probability),
    with the data it was fitted on under ``source``.

    Raises ``ResourceError`` if the file is missing or lacks a part."""
    path = model_path("stories-decision.json")
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"packaged model stories-decision.json is unreadable: {exc}") from exc
    if not isinstance(model, dict):
        raise ResourceError("packaged model stories-decision.json is no JSON object")
    missing = [k for k in ("features", "weights", "bias", "threshold", "source") if k not in model]
    if missing:
        raise ResourceError(f"packaged model stories-decision.json lacks {', '.join(missing)}")
    if len(model["features"]) != len(model["weights"]):
        raise ResourceError("packaged model stories-decision.json has a weight per feature no "
                            "more: retrain with training/stories/fit_decision.py")
    return model


@lru_cache(maxsize=1)
def weekday_names() -> dict[str, int]:
    """Normalised weekday name → weekday number (Monday = 0)."""
    return {normalize(r["name"]): int(r["weekday"]) for r in read_csv("weekdays.csv")}
