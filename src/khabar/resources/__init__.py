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
import time
from collections.abc import Callable, Sequence
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
    "frequent_tokens",
    "model_path",
    "month_names",
    "org_heads",
    "ranker_weights",
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
_CACHE_OFF = ("off", "0", "none", "no")
_PRUNE_AFTER_S = 7 * 86400  # another key of a table, or a temporary file, older than this goes
_SAID: set[str] = set()  # cache problems this process has logged (each once)


def derived(name: str, build: Callable[[], T], inputs: Sequence[Path]) -> T:
    """``build()``, or what it returned in an earlier process with the same code and inputs.

    For tables derived from packaged files that take seconds to build and a tenth of that to
    read back (the gazetteer's index: about 2.3 s against 0.25 s; a CRF model's weights). The
    result is pickled into the cache folder as ``<name>-<key>.pickle``, where the key is the
    SHA-256 of khabar's code (every ``.py`` file of the package, as loaded: hashed when this
    module is imported), khabar's and Python's versions and the bytes of ``inputs`` (files, or
    folders read whole), so a changed resource, model or version is never served an old table;
    a table whose code or inputs changed while it was built is returned but not kept.

    The folder is ``KHABAR_CACHE_DIR``, else ``$XDG_CACHE_HOME/khabar``, else
    ``~/.cache/khabar``, made with mode 0700; ``KHABAR_CACHE_DIR=off`` (or ``0``, ``no``,
    ``none``) builds every time. Pickles are code, so a folder that another user owns or others
    may write to is not used. Writes go through a temporary file and a rename (processes that
    build at once never read half a file); keys of the same table and temporary files older
    than a week are removed. Nothing about the cache stops a run: a folder that cannot be used
    (not the user's, not writable, no home directory) and a save that fails are logged once
    (warning) and each process builds its own; a saved file that cannot be read is logged,
    built again and replaced. Raises what ``build`` raises (``ResourceError`` for a missing or
    damaged resource)."""
    folder = _cache_dir()
    key = _key(inputs) if folder is not None else None
    if folder is None or key is None or not _usable(folder):
        return build()
    path = folder / f"{name}-{key[:24]}.pickle"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = None
    except OSError as exc:
        _say(f"read:{folder}", "cannot read derived tables in %s (%s); each process builds its "
             "own (set KHABAR_CACHE_DIR to a folder of yours, or off)", folder, exc)  # fmt: skip
        return build()
    if data is not None:
        try:
            return _unpickled(data)  # type: ignore[no-any-return]
        except Exception as exc:  # noqa: BLE001 (any damage to a cache file: build it again)
            log.warning("derived-data cache %s is unreadable (%s: %s); building it again",
                        path, type(exc).__name__, exc)  # fmt: skip
    value = build()
    if _hash_code() == _LOADED_CODE and _key(inputs) == key:  # code and data as when keyed
        _save(path, value)
    else:
        log.info("%s: khabar's code or data changed while it was built; not kept", name)
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


def _say(what: str, message: str, *args: object) -> None:
    """Log a cache problem once per process (warning)."""
    if what not in _SAID:
        _SAID.add(what)
        log.warning(message, *args)


def _cache_dir() -> Path | None:
    value = os.environ.get("KHABAR_CACHE_DIR")
    if value is not None and value.strip():
        return None if value.strip().lower() in _CACHE_OFF else Path(value).absolute()
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError) as exc:  # no home directory (an arbitrary container uid)
            _say("home", "no home directory for derived tables (%s); each process builds its "
                 "own (set KHABAR_CACHE_DIR)", exc)  # fmt: skip
            return None
    return Path(base) / "khabar"


def _usable(folder: Path) -> bool:
    """Whether ``folder`` (made if missing, mode 0700) is this user's and no one else may write
    to it; logged once when not."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = folder.stat()
    except OSError as exc:
        _say(f"dir:{folder}", "cannot keep derived tables in %s (%s); each process builds its "
             "own (set KHABAR_CACHE_DIR to a writable folder, or off)", folder, exc)  # fmt: skip
        return False
    if not folder.is_dir() or st.st_uid != os.getuid() or st.st_mode & 0o022:
        _say(f"dir:{folder}", "derived-table folder %s is not this user's alone (owner %s, mode "
             "%o); not used", folder, st.st_uid, st.st_mode & 0o777)  # fmt: skip
        return False
    return True


def _package_version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("khabar")
    except PackageNotFoundError:
        return "unknown"


def _update(h: Any, name: str, data: bytes) -> None:
    h.update(f"{name}\0{len(data)}\0".encode() + data)


def _hash_code() -> bytes:
    """SHA-256 of every ``.py`` file of the khabar package (path and bytes), khabar's version
    and Python's."""
    package = _root().parent
    h = hashlib.sha256(f"{sys.version}\0{_package_version()}\0".encode())
    for p in sorted(package.rglob("*.py")):
        _update(h, str(p.relative_to(package)), p.read_bytes())
    return h.digest()


_LOADED_CODE = _hash_code()  # the code this process runs: taken when it loads


def _key(inputs: Sequence[Path]) -> str | None:
    """The key of a table built from ``inputs``, or None when one cannot be read (the build
    then says why, as it would without a cache)."""
    h = hashlib.sha256(_LOADED_CODE)
    try:
        for item in inputs:
            if item.is_dir():
                for p in sorted(p for p in item.rglob("*") if p.is_file()):
                    _update(h, str(p.relative_to(item)), _digest(p))
            else:
                _update(h, item.name, _digest(item))
    except OSError:
        return None
    return h.hexdigest()


def _digest(path: Path) -> bytes:
    """SHA-256 of a file's bytes, hashed once per process while its size and modification time
    stay the same (several tables share the data files and the 70 MB e5 model)."""
    st = path.stat()
    return _digest_of(str(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=1024)
def _digest_of(path: str, size: int, mtime_ns: int) -> bytes:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").digest()


def _save(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path`` atomically; prune the table's week-old other keys."""
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(path)
    except Exception as exc:  # noqa: BLE001 (a table that cannot be kept is still returned)
        _say(f"save:{path.parent}", "cannot keep derived table %s (%s: %s); each process builds "
             "its own", path.name, type(exc).__name__, exc)  # fmt: skip
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _prune(path: Path) -> None:
    """Remove the table's other keys and temporary files untouched for ``_PRUNE_AFTER_S``
    (another version that still uses one writes it again)."""
    stem = path.stem.rsplit("-", 1)[0]
    limit = time.time() - _PRUNE_AFTER_S
    for old in [*path.parent.glob(f"{stem}-*.pickle"), *path.parent.glob(f".{stem}-*.tmp")]:
        mine = old.name.lstrip(".").split(".")[0].rsplit("-", 1)[0] == stem
        try:
            if old != path and mine and old.stat().st_mtime < limit:
                old.unlink()
        except FileNotFoundError:
            continue  # another process pruned it first


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
    Kept between processes (``derived``).
    """
    return derived(f"wordfreq-{lang}", lambda: _word_counts(lang), data_files())


def _word_counts(lang: str) -> dict[str, int]:
    columns, rows = _headed_table("wordfreq", lang)
    if columns != ["word", "count"]:
        raise ResourceError(f"wordfreq/{lang}.tsv: columns {columns}, expected word, count")
    try:
        return {row[0]: int(row[1]) for row in rows}
    except ValueError as exc:
        raise ResourceError(f"wordfreq/{lang}.tsv: a count that is not a number: {exc}") from exc


@lru_cache(maxsize=8)
def frequent_tokens(lang: str, reader: str) -> tuple[str, ...]:
    """The most frequent tokens of ``lang``'s real news as ``reader`` cuts them, as written,
    most frequent first (``resources/tokens/<lang>.tsv``, its first line names the corpus; built
    by ``training/resources/build_tokens.py``): ``ner`` the entity recogniser's tokens,
    ``words`` the ``\\w+`` words the static vectors read. () for a language without a file.

    Raises ``ResourceError`` for a malformed file.
    """
    try:
        columns, rows = _headed_table("tokens", lang)
    except ResourceError:
        if resources.files("khabar.resources").joinpath("tokens", f"{lang}.tsv").is_file():
            raise
        return ()
    if columns != ["reader", "token", "count"]:
        raise ResourceError(f"tokens/{lang}.tsv: columns {columns}, expected reader, token, count")
    return tuple(row[1] for row in rows if row[0] == reader)


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
def arabic_month_names() -> frozenset[str]:
    """Normalised Arabic names of the Gregorian months (``months.csv``: يوليو, تموز)."""
    return frozenset(normalize(r["name"]) for r in read_csv("months.csv")
                     if r["lang"] == "ar" and r["calendar"] == "gregorian")  # fmt: skip


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
def person_titles(lang: str) -> frozenset[str]:
    """Words that stand before a person's name in ``lang`` and are no part of it (titles, ranks,
    roles, nationalities: الأمير, اللواء, اليمني, سردار, "president"), in matching form
    (``entities.word_key``; ``person_titles.tsv``, built by
    ``training/resources/build_person_titles.py`` from the entity recogniser's training
    sentences); empty for other languages."""
    return frozenset(r["word"] for r in read_csv("person_titles.tsv") if r["lang"] == lang)


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


@lru_cache(maxsize=4)
def ranker_weights(name: str) -> dict[str, float]:
    """Feature -> weight of a trained ranker of the event stage (``models/<name>``:
    ``counts.json``, built by ``training/counts/train.py``; ``roles.json``, built by
    ``training/roles/train.py``; cards beside them), read once per process.

    Raises ``ResourceError`` if the file is missing, unreadable or has no weights."""
    path = model_path(name)
    try:
        weights = json.loads(path.read_text(encoding="utf-8"))["weights"]
        return {str(k): float(v) for k, v in weights.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ResourceError(f"packaged model {name} is unreadable or has no weights ({exc}); "
                            "reinstall khabar") from exc  # fmt: skip


@lru_cache(maxsize=1)
def weekday_names() -> dict[str, int]:
    """Normalised weekday name → weekday number (Monday = 0)."""
    return {normalize(r["name"]): int(r["weekday"]) for r in read_csv("weekdays.csv")}
