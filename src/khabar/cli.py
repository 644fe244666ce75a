"""The ``khabar`` command line: parse arguments, call one library function, format the result.

Every command takes ``--json`` for machine-readable output and ``--db`` / ``--config`` to pick the
database and settings file. Exit codes: 0 success, 1 error (message on stderr), 2 usage error,
3 ingest finished but quarantined some input (see the summary or ``khabar stats``), 4 an
evaluation is below its pinned floor.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from khabar.errors import EvalError, KhabarError
from khabar.settings import Settings, load_settings

if TYPE_CHECKING:
    from khabar.executors import Executor
    from khabar.pipeline import IngestReport
    from khabar.readers import ReadContext
    from khabar.store import SQLiteStore

# Heavy modules (numpy, scikit-learn, the models, the store, the API) are imported inside the
# commands that use them, so `khabar --help` starts at once (bench/cli_start.py measures it).

__all__ = ["app", "main"]

app = typer.Typer(
    help="khabar: Arabic, Persian and English news into a searchable, traceable store.\n\n"
    "Start with `khabar ingest FOLDER` (plain text, HTML, JSONL, RSS/Atom, WARC), then "
    "`khabar search WORDS`, `khabar show DOC_ID` and `khabar stats`.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(help="Score the pipeline against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
watch_app = typer.Typer(
    help="Watchlists: standing queries matched against every later ingest (alerts, Atom feeds).",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")

class _Console(Console):
    """A console whose ``print`` reads no markup unless asked (``markup=True``): titles, queries
    and sentences are data, and "[/b]" in one would end the command with a MarkupError."""

    def print(self, *objects: Any, markup: bool | None = False, **kwargs: Any) -> None:
        super().print(*objects, markup=markup, **kwargs)


out = _Console()
err = _Console(stderr=True)
_OWN_EXTRACT_GOLD = Path("tests/data/extract_gold")
_REAL_GOLD = Path("tests/data/real")  # the real-news gold, when run from a checkout

_EXPORT_FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")  # khabar.export.FORMATS
_EXECUTORS = ("auto", "inprocess", "processes", "dask")
_DEVICES = ("auto", "cpu", "cuda", "numpy")
_STORY_SORTS = ("last_day", "size", "last_report", "contradictions")  # store.sqlite.STORY_SORTS


def _day(value: str | None) -> str | None:
    """A --since/--until value: a real day written YYYY-MM-DD (a usage error, exit 2, if not)."""
    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            date.fromisoformat(value)
            return value
    except ValueError:
        pass  # a well-formed but impossible day (2015-02-30): the same message as a bad form
    raise typer.BadParameter(f"{value!r} is not a day: expected YYYY-MM-DD, e.g. 2024-04-21")


def _known_country(value: str | None) -> str | None:
    """A callback refusing a country khabar does not know (exit 2, as any bad option value):
    an ISO code or a name in any script (``places.country_code``), or XXX (the events whose
    country is not known); None passes."""
    from khabar.store.events import no_country

    if value is None or no_country(value):
        return value
    from khabar.extract.places import country_code, unknown_country

    if country_code(value) is None:
        raise typer.BadParameter(unknown_country(value))
    return value


def _known_event_type(value: str | None) -> str | None:
    """A callback giving the words an event-type filter matches (``export.event_type_filter``:
    "attacks" -> "attack") and refusing words no ACLED type, sub-type or PLOVER type contains
    (``export.unknown_event_type``), which would select nothing; None passes."""
    if value is None:
        return None
    from khabar.export import event_type_filter, unknown_event_type

    words = event_type_filter(value)
    if words is None:
        raise typer.BadParameter(unknown_event_type(value))
    return words


def _refuse_unknown_name(store: SQLiteStore, kind: str, name: str | None) -> None:
    """Refuse (exit 2, as any bad option value) a --place or --actor that no gazetteer or actor
    dictionary knows (``names.unknown_name``: the closest names) and, for an actor, that no
    stored event carries as its actor or target label; a known name that selects nothing on
    this page or with the other filters passes."""
    if not name:
        return
    from khabar.names import actors_named, places_named, unknown_name
    from khabar.store.events import EventFilters, event_page

    if kind == "place" and places_named(name):
        return
    if kind == "actor" and (actors_named(name)
                            or event_page(store, EventFilters(actor=name), limit=1)[0]):
        return
    raise typer.BadParameter(unknown_name(kind, name), param_hint=f"--{kind}")


def _one_of(*choices: str) -> Any:
    """A callback refusing any value but ``choices`` (None passes: the setting decides)."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in choices:
            raise typer.BadParameter(f"{value!r}: choose one of {', '.join(choices)}")
        return value

    return check


def _day_range(since: str | None, until: str | None) -> None:
    if since and until and since > until:
        raise typer.BadParameter(f"--since {since} is after --until {until}")


SinceOpt = Annotated[
    str | None, typer.Option(help="First event day, YYYY-MM-DD.", callback=_day)
]
UntilOpt = Annotated[
    str | None, typer.Option(help="Last event day, YYYY-MM-DD.", callback=_day)
]
ExecutorOpt = Annotated[
    str,
    typer.Option(help="Where the per-document work runs: auto (here for up to 500 items, else "
                      "on local worker processes), inprocess, processes or dask.",
                 callback=_one_of(*_EXECUTORS)),
]  # fmt: skip
EmbedExecutorOpt = Annotated[
    str,
    typer.Option("--executor", help="Where the model runs: inprocess (the C engine uses every "
                                    "core) or dask.",
                 callback=_one_of("inprocess", "dask")),
]  # fmt: skip
WorkersOpt = Annotated[
    int | None,
    typer.Option(min=1, help="Worker processes (processes, dask; auto: one per core, at most "
                             "4; else 2)."),
]  # fmt: skip
EmbedWorkersOpt = Annotated[
    int | None, typer.Option("--workers", min=1, help="Dask workers of a local cluster (2).")
]
SchedulerOpt = Annotated[
    str | None, typer.Option(help="Address of an existing Dask scheduler (tcp://...).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
CountryOpt = Annotated[
    str | None, typer.Option(help="ISO code or name (IQ, IRQ, Iraq, العراق); XXX: the events "
                             "whose country is not known.", callback=_known_country),
]
EventActorOpt = Annotated[str | None, typer.Option(help="Actor id or name (actor or target).")]
EventTypeOpt = Annotated[
    str | None, typer.Option("--type", help="Words of the ACLED type/sub-type or PLOVER type.",
                             callback=_known_event_type),
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="SQLite database file (default: setting 'database', khabar.db)."),
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="TOML settings file (default: ./khabar.toml).")
]


def open_store(settings: Settings, *, create: bool = True) -> SQLiteStore:
    """``khabar.store.open_store``, imported on first use."""
    from khabar.store import open_store as _open_store

    return _open_store(settings, create=create)


def _settings(db: str | None, config: Path | None, **overrides: Any) -> Settings:
    return load_settings({"database": db, **overrides}, config_file=config)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """"1 story", "2 stories", "0 rows": the count with its noun in the right number."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _print_json(data: Any) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False, default=str))


def _count_files(paths: list[str], ctx: ReadContext) -> int:
    from khabar.readers import format_of

    n = 0
    for p in map(Path, paths):
        if p.is_dir():
            n += sum(1 for f in p.rglob("*") if f.is_file() and format_of(f, ctx))
        else:
            n += 1
    return n


_LISTED = 20  # files not read that the summary names one by one


def _summary_table(report: IngestReport) -> Table:
    t = Table(title=f"ingest run {report.run_id}", show_header=True)
    t.add_column("outcome")
    t.add_column("count", justify="right")
    t.add_column("details")
    c = report.counts()
    t.add_row("ingested", str(c["ingested"]), "")
    t.add_row("unchanged (seen before)", str(c["unchanged"]), "")
    t.add_row("exact duplicates", str(c["exact_duplicates"]), "copies of stored documents")
    t.add_row("near duplicates", str(c["near_duplicates"]), "stored, linked to the first copy")
    t.add_row("shared paragraphs", str(c["shared_paragraphs"]), "wire text shared across docs")
    fixed = [q for q in report.repaired if q.reason != "unparsed_date"]
    unread = [q for q in report.repaired if q.reason == "unparsed_date"]
    t.add_row("repaired", str(c["repaired"]), "; ".join(q.detail for q in fixed[:3]))
    t.add_row("unparsed dates", str(c["unparsed_dates"]),
              "; ".join(q.detail for q in unread[:3]) or "kept as written, never compared")
    t.add_row("quarantined", str(c["quarantined"]), "")
    for q in report.quarantined:
        where = f"{q.source} {q.locator}".strip()
        t.add_row("", "", f"[{q.reason}] {where}: {q.detail}")  # cells read no markup
    if report.skipped:
        t.add_row("skipped", str(sum(report.skipped.values())),
                  ", ".join(f"{k}={v}" for k, v in report.skipped.items()))  # fmt: skip
    shown = report.skipped_files[:_LISTED]
    for path, why in shown:
        t.add_row("", "", f"[{why}] {path}: not read")
    if len(report.skipped_files) > len(shown):
        t.add_row("", "", f"... and {len(report.skipped_files) - len(shown)} more "
                  "(all of them in --json)")  # fmt: skip
    if report.embedded or report.embed_error:
        t.add_row("embedded", str(report.embedded), report.embed_error)
    if report.watch_matches or report.watch_error:
        found = report.watch_matches
        t.add_row("watchlist matches", str(sum(found.values())), (report.watch_error or
                  ", ".join(f"{k}: {_plural(v, 'new match', 'new matches')}"
                            for k, v in found.items())))  # fmt: skip
    return t


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read.")],
    executor: ExecutorOpt = "auto",
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Read articles into the store: clean, identify language, find duplicates, extract,
    group into stories, fuse.

    Unreadable input is quarantined with its reason; the batch always continues.
    Exit code 3 means something was quarantined. The per-document steps (cleaning, extraction)
    run here for a small input and on local worker processes for a larger one (--executor
    auto); --executor dask runs them on a Dask cluster (a local one on 127.0.0.1, or
    --scheduler). The result is the same wherever they run.

    Example: khabar ingest samples/ feeds/today.rss crawl.warc.gz --executor dask --workers 2
    """
    settings = _settings(db, config)
    with _runner(executor, workers, scheduler) as runner:
        report = _ingest_with_progress(paths, settings, runner, json_out)
    if json_out:
        data = report.counts() | {
            "run_id": report.run_id,
            "quarantine": [
                {"source": q.source, "locator": q.locator, "reason": q.reason, "detail": q.detail}
                for q in report.quarantined
            ],
        }
        _print_json(data)
    else:
        out.print(_summary_table(report))
    if report.quarantined:
        raise typer.Exit(3)


@contextmanager
def _runner(executor: str, workers: int | None,
            scheduler: str | None) -> Iterator[Executor | None]:  # fmt: skip
    """The executor named on the command line (None: in this process), closed after use."""
    if executor == "inprocess":
        yield None
        return
    from khabar.executors import make_executor

    runner = make_executor(executor, workers=workers, scheduler=scheduler)
    try:
        yield runner
    finally:
        runner.close()


def _progress(label: str, json_out: bool, *extra: TextColumn) -> Progress:
    """A progress bar on stderr (none with --json or when stderr is not a terminal)."""
    return Progress(
        TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        *extra, console=err, transient=True, disable=json_out or not err.is_terminal,
    )  # fmt: skip


def _print_table(columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
    """A table with a header, one row per tuple of cells."""
    t = Table(show_header=True)
    for col in columns:
        t.add_column(col)
    for row in rows:
        t.add_row(*(Text(cell) for cell in row))  # data, never markup ("[/b]" in a title)
    out.print(t)


def _ingest_with_progress(
    paths: list[str], settings: Settings, runner: Any, json_out: bool
) -> IngestReport:
    from khabar.pipeline import ingest
    from khabar.readers import ReadContext

    with open_store(settings) as store:
        total = _count_files(paths, ReadContext(settings))
        with _progress("ingest", json_out, TextColumn("{task.fields[current]}")) as progress:
            task = progress.add_task("ingest", total=total or None, current="")
            last: list[str] = [""]

            def advance(source: str) -> None:
                if source != last[0]:
                    progress.update(task, advance=1 if last[0] else 0, current=Path(source).name)
                    last[0] = source

            return ingest(paths, store, on_item=advance, executor=runner)


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    limit: Annotated[int | None, typer.Option(help="Most hits to show.", min=1)] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Full-text search that ignores hamza, ya/alef maqsura, kaf/keheh, harakat, tatweel and
    digit forms.

    Example: khabar search "مسئول أمريكي"
    """
    with open_store(_settings(db, config), create=False) as store:
        hits = store.search(query, limit=limit)
    if json_out:
        _print_json(hits)
        return
    if not hits:
        out.print(f"no document matches {query!r}", markup=False)
        return
    _print_table(("id", "lang", "published", "title / snippet"), (
        (h["id"], h["lang"], h["published"] or "", f"{h['title'] or ''}\n{h['snippet']}")
        for h in hits
    ))  # fmt: skip


@app.command("show")
def show_cmd(
    doc_id: Annotated[str, typer.Argument(help="Document id, or any unique prefix of it.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Show one document: fields, kept paragraphs with spans, removed lines with the rule
    that removed them, duplicates and shared paragraphs.

    Example: khabar show 9a868b19
    """
    with open_store(_settings(db, config), create=False) as store:
        doc = store.document(store.resolve_document_id(doc_id))
    if json_out:
        doc.pop("raw_text", None)
        _print_json(doc)
        return
    for key in ("id", "title", "summary", "lang", "lang_score", "lang_evidence", "published",
                "published_text", "dateline", "agency", "outlet", "url", "source", "locator",
                "kind", "encoding"):  # fmt: skip
        if doc.get(key) not in (None, ""):
            out.print(f"[bold]{key}[/bold]: {escape(str(doc[key]))}", highlight=False, markup=True)
    out.print("\n[bold]paragraphs[/bold]", markup=True)
    for p in doc["paragraphs"]:
        out.print(f"  [{p['idx']}] {p['role']} {p['start']}:{p['end']}  {p['text']}",
                  highlight=False)  # fmt: skip
    out.print("\n[bold]removed or lifted lines[/bold]", markup=True)
    for line in doc["removed_lines"]:
        out.print(f"  line {line['line_no']} {line['role']} ({line['rule']}): {line['text']}",
                  highlight=False)  # fmt: skip
    _print_facts(doc["facts"])
    for key in ("duplicates", "shared_paragraphs"):
        if doc[key]:
            out.print(f"\n[bold]{key}[/bold]", markup=True)
            for row in doc[key]:
                out.print("  " + ", ".join(f"{k}={v}" for k, v in row.items()), highlight=False)


_DATE_BASIS = {
    "text": "its words '{}'", "title": "the title's '{}'", "document": "'{}' in another sentence",
    "lead": "'{}' in the title or first paragraph",
    "recalled": "'{}' before the news it recalls it for",
    "publication": "publication day, no date words", "crawl": "crawl time, no date words",
}


def _event_date(e: dict[str, Any]) -> str | None:
    """The event's date and where it comes from: "2024-03-08 (its words 'منذ يومين')"."""
    if not e["date"]:
        return None
    why = _DATE_BASIS.get(e.get("date_basis") or "", "")
    return f"{e['date']} ({why.format(e['date_text'] or '')})" if why else e["date"]


def _event_line(e: dict[str, Any]) -> str:
    fields = {
        "date": _event_date(e), "places": ",".join(json.loads(e["places"])), "actor": e["actor"],
        "target": e["target"], "killed": e["killed"], "injured": e["injured"],
        "victims": e["victims"],
    }  # fmt: skip
    plover = e["plover"] + (f"/{e['mode']}" if e.get("mode") else "")
    score = f" {e['type_score']:.2f}" if e.get("type_score") is not None else ""
    bits = [plover, f"({e.get('type_source') or 'lexicon'}{score})"]
    bits += [e["acled_subtype"] or e["acled_type"]] if e["acled_type"] else []
    bits += [f"{k}={v}" for k, v in fields.items() if v not in (None, "")]
    bits += json.loads(e["modality"]) + (["background"] if e["background"] else [])
    bits += ["MAIN EVENT"] if e.get("is_main") else []
    taken = json.loads(e.get("from_title") or "[]")
    bits += [f"from the title: {', '.join(taken)}"] if taken else []
    line = f"  {e['start']}:{e['end']} [{e['trigger']}] " + " ".join(bits)
    return line + (f"\n      date {e['date_note']}" if e.get("date_note") else "")


def _claim_line(c: dict[str, Any]) -> str:
    chain = " ← ".join(json.loads(c["chain"]))
    via = f" via {chain}" if chain else ""
    who = c["speaker"] or "?"
    return f"  {c['start']}:{c['end']} {who} {c['stance']} ({c['verb']}){via}: {c['content']}"


def _print_facts(facts: dict[str, list[dict[str, Any]]]) -> None:
    """Events, claims, dates (with their flags and proposed corrections), places, actors, and
    every entity with its label, the source that found it (model, gazetteer, dictionary,
    document) and its score."""
    for title, rows, line in (("events", facts["event_mentions"], _event_line),
                              ("claims", facts["claims"], _claim_line)):  # fmt: skip
        if rows:
            out.print(f"\n[bold]{title}[/bold]", markup=True)
        for row in rows:
            out.print(line(row), highlight=False)
    dates = facts["date_mentions"]
    if dates:
        listed = "; ".join(f"{d['text']}={d['value']}" for d in dates)
        out.print(f"\n[bold]dates[/bold] {escape(listed)}", highlight=False, markup=True)
    for d in (d for d in dates if d["flags"] != "[]"):
        out.print(f"  flag {d['text']}: {'; '.join(json.loads(d['flags']))}", highlight=False)
        for value, calendar, reason in json.loads(d["corrections"]):
            out.print(f"    proposed {value} ({calendar}): {reason}", highlight=False)
    places = sorted({f"{p['name']} ({p['country']} {p['lat']:.2f},{p['lon']:.2f})"
                     for p in facts["place_mentions"]})  # fmt: skip
    actors = sorted({a["name"] if a["actor_id"] else f"{a['text']} ({a['kind']})"
                     for a in facts["actor_mentions"]})  # fmt: skip
    entities = [f"{e['text']} {e['label']}"
                + (f" = {e['ref']}" if e.get("ref") else "")
                + (f" [{e['sector']}]" if e.get("sector") else "")
                + f" ({e['source']} {e['score']:.2f})"
                for e in facts.get("entity_mentions", [])]  # fmt: skip
    for title, names in (("places", places), ("actors", actors), ("entities", entities)):
        if names:
            out.print(f"\n[bold]{title}[/bold] " + escape("; ".join(names)), highlight=False,
                      markup=True)  # fmt: skip


@app.command("stories")
def stories_cmd(
    limit: Annotated[int, typer.Option(help="Most stories to list.", min=1)] = 50,
    offset: Annotated[int, typer.Option(help="Stories to skip (the next page).", min=0)] = 0,
    sort: Annotated[str, typer.Option(
        help="Order, each descending: last_day (last event day), size (documents), "
        "last_report (latest publication day) or contradictions.",
        callback=_one_of(*_STORY_SORTS))] = "last_day",
    place: Annotated[str | None, typer.Option(
        help="Stories naming this place: any gazetteer name or alias, any script "
        "(Aden = عدن), or a gazetteer id.")] = None,
    actor: Annotated[str | None, typer.Option(
        help="Stories naming this actor: any alias of the actor dictionaries, or an id.")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Stories, newest first (or --sort), with their size, languages, time span and a title
    per language; --place and --actor keep those naming a place or actor, in any language.

    Example: khabar stories --sort size --place Aden --limit 10 --offset 10
    """
    from khabar.store.story_list import StoryFilters, story_list

    with open_store(_settings(db, config), create=False) as store:
        _refuse_unknown_name(store, "place", place)
        _refuse_unknown_name(store, "actor", actor)
        found = story_list(store, StoryFilters(place=place, actor=actor), sort=sort,
                           limit=limit, offset=offset)  # fmt: skip
    if json_out:
        _print_json(found.items)
        return
    for what, refs in found.resolved.items():
        named = "; ".join(f"{r['name']} ({r['about']}, {r['id']})" for r in refs)
        out.print(f"{what}: " + (named or "in no dictionary; matched as events' actor label"),
                  highlight=False)  # fmt: skip
    shown = f"{offset + 1}–{offset + len(found.items)}" if found.items else "none"
    out.print(f"stories {shown} of {found.total}", highlight=False)
    _print_table(("story", "docs", "languages", "days", "titles"), (
        (str(r["id"]), str(r["size"]), r["langs"] or "",
         f"{r['first_day']} – {r['last_day']}" if r["first_day"] else "-",
         "\n".join(f"{k}: {v}" for k, v in r["titles"].items()))
        for r in found.items
    ))  # fmt: skip


@app.command("story")
def story_cmd(
    story_id: Annotated[int, typer.Argument(help="Story id (from `khabar stories`).")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """One story: its documents and why each joined, its main events, merges and titles.

    Example: khabar story 1
    """
    with open_store(_settings(db, config), create=False) as store:
        story = store.story(story_id)
    if json_out:
        _print_json(story)
        return
    days = f"{story['first_day']} – {story['last_day']}" if story["first_day"] else "no stated day"
    out.print(f"[bold]story {story['id']}[/bold] {days}", markup=True)
    for lang, title in story["titles"].items():
        out.print(f"  {lang}: {title}", markup=False, highlight=False)
    out.print("\n[bold]documents[/bold]", markup=True)
    founders = 0
    for m in story["members"]:
        why = ", ".join(m["reasons"][:8])
        head = " ".join(str(x) for x in (m["id"], m["lang"], m["outlet"], m["title"]) if x)
        how = f"joined on {m['score']}: {why}"
        if m["reasons"][:1] == ["first document of the story"]:  # it joined nothing
            founders += 1  # the first of a story merged into this one (merges, below)
            how = why if founders == 1 else "first document of a story merged into this one"
        out.print(f"  {head}\n    {how}", markup=False, highlight=False)
    if story["events"]:
        out.print("\n[bold]events[/bold] (canonical, `khabar event ID` for every value)",
                  markup=True)  # fmt: skip
        for e in story["events"]:
            out.print("  " + _event_summary(e), highlight=False)
    if story["contradictions"]:
        out.print("\n[bold]contradictions[/bold]", markup=True)
        for c in story["contradictions"]:
            _print_contradiction(c)
    for mg in story["merges"]:
        out.print(f"  merged story {mg['from_story']} (bridge {mg['bridge_doc']})", highlight=False)


def _event_summary(e: dict[str, Any]) -> str:
    chosen = {k: v["value"] for k, v in e["chosen"].items()}
    labels = {k: next((x["label"] for x in e["fields"].get(k, []) if x["value"] == v), str(v))
              for k, v in chosen.items()}  # fmt: skip
    # ACLED's sub-event type, else its event type, else the PLOVER type as a word: one kind of
    # label on every line ("Attack", "Protest with intervention", "Consult")
    kind = e["acled_subtype"] or e.get("acled_type") or str(e["plover"]).capitalize()
    parts = [e["id"], chosen.get("date") or "undated", kind, labels.get("location", "?")]
    for key in ("killed", "injured"):
        if key in chosen:
            parts.append(f"{key} {chosen[key]}")
    bg = " (background)" if e["background"] else ""
    return (f"{' · '.join(map(str, parts))}{bg} — {_plural(e['independent_sources'], 'source')}, "
            f"{','.join(e['languages'])}")  # fmt: skip


def _print_contradiction(c: dict[str, Any]) -> None:
    where = f" [event {c['event_id']}]" if c["event_id"] else ""
    out.print(f"  {c['id']} {c['kind']}{where}: {c['what']}", highlight=False)
    if c.get("why"):
        out.print(f"    why one event: {c['why']}", highlight=False)
    for side in c["sides"]:
        out.print(f"    • {side['value']}", highlight=False)
        for src in side["sources"][:4]:
            who = f" — {src['speaker']}" if src["speaker"] else ""
            out.print(f"        {src['doc_id']}[{src['start']}:{src['end']}] {src['lang']}"
                      f"{who}: {src['quote'][:110]}", highlight=False)  # fmt: skip


DeviceOpt = Annotated[
    str | None,
    typer.Option(help="auto, cpu, cuda or numpy (default: setting 'embed_device').",
                 callback=_one_of(*_DEVICES)),  # fmt: skip
]


@app.command("reindex")
def reindex_cmd(db: DbOpt = None, config: ConfigOpt = None, json_out: JsonOpt = False) -> None:
    """Rebuild the search index of every document in the store from its stored text, as ingest
    indexes it now (after an upgrade: Arabic words behind their proclitics, بعدن for عدن).

    Example: khabar reindex
    """
    settings = _settings(db, config)
    with open_store(settings, create=False) as store, _progress("reindex", json_out) as progress:
        task = progress.add_task("reindex", total=None)
        done = store.reindex_search(on_batch=lambda n: progress.update(task, advance=n))
    if json_out:
        _print_json({"reindexed": done})
    else:
        out.print(f"reindexed {_plural(done, 'document')}")


@app.command("embed")
def embed_cmd(
    device: DeviceOpt = None,
    again: Annotated[bool, typer.Option(help="Embed every document again.")] = False,
    executor: EmbedExecutorOpt = "inprocess",
    workers: EmbedWorkersOpt = None,
    scheduler: SchedulerOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Embed the title and lead of every document that has no vector yet (multilingual-e5-small,
    on the CPU or a CUDA device), for `khabar similar`. With --executor dask the model runs on
    the cluster's workers (each on its own GPU when --device auto finds one).

    Example: khabar embed --device auto
    """
    from khabar.embed import embed_pending, make_embedder

    settings = _settings(db, config, **({"embed_device": device} if device else {}))
    with (
        _runner(executor, workers, scheduler) as runner,
        open_store(settings, create=False) as store,
        _progress("embed", json_out) as progress,
    ):
        embedder = make_embedder(settings) if runner is None else None
        task = progress.add_task("embed", total=None)

        def advance(n: int) -> None:
            progress.update(task, advance=n)

        report = embed_pending(store, embedder, executor=runner, again=again, on_batch=advance)
    data = {"embedded": report.embedded, "seconds": round(report.seconds, 2),
            "per_second": round(report.per_second, 1), "device": report.device}  # fmt: skip
    if json_out:
        _print_json(data)
    else:
        out.print(f"embedded {_plural(data['embedded'], 'document')} on {data['device']} in "
                  f"{data['seconds']} s ({data['per_second']}/s)")  # fmt: skip


@app.command("similar")
def similar_cmd(
    doc_id: Annotated[
        str | None, typer.Argument(help="A stored document's id, or any unique prefix of it.")
    ] = None,
    text: Annotated[
        str | None, typer.Option(help="Find documents like this text instead (any language).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Most documents to show.", min=1)] = None,
    device: DeviceOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Documents nearest in meaning to a document or a text, across Arabic, Persian and
    English (cosine of title+lead embeddings; run `khabar embed` first).

    Example: khabar similar 9a868b19ea911255    or    khabar similar --text "حمله به پایگاه"
    """
    from khabar.embed import make_embedder, similar

    settings = _settings(db, config)
    embedder = make_embedder(settings, device) if text is not None else None
    with open_store(settings, create=False) as store:
        if doc_id is not None:
            doc_id = store.resolve_document_id(doc_id)
        hits = similar(store, doc_id=doc_id, text=text, embedder=embedder, limit=limit)
    if json_out:
        _print_json(hits)
        return
    _print_table(("score", "id", "lang", "story", "title (or first words)"), (
        (f"{h['score']:.3f}", h["doc_id"], h["lang"] or "", str(h["story_id"] or ""),
         (h["title"] or f"{h['lead'] or ''}…")
         + (f" [near copy of {h['near_copy_of']}]" if h["near_copy_of"] else ""))
        for h in hits
    ))  # fmt: skip


@app.command("fuse")
def fuse_cmd(db: DbOpt = None, config: ConfigOpt = None, json_out: JsonOpt = False) -> None:
    """Fuse every story again into canonical events and contradictions (ingest does this for
    the stories it changes; run it after changing the fusion settings).

    Example: KHABAR_FUSE_PLACE_KM=30 khabar fuse
    """
    from khabar.fuse import fuse_stories

    with open_store(_settings(db, config), create=False) as store:
        stories, events, found = fuse_stories(store)
    if json_out:
        _print_json({"stories": stories, "events": events, "contradictions": found})
    else:
        out.print(f"{_plural(stories, 'story', 'stories')} fused: {_plural(events, 'event')}, "
                  f"{_plural(found, 'contradiction')}")  # fmt: skip


@app.command("timeline")
def timeline_cmd(
    story: Annotated[int | None, typer.Option(help="Only this story's events.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    actor: EventActorOpt = None,
    event_type: EventTypeOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Canonical events by day, of one story or of the whole collection, background,
    undated and weak ones included (undated ones last, and none when --since or --until is
    given); the filters are export's. With --json, each event record carries its contradictions.

    Example: khabar timeline --country Iraq --since 2024-04-01 --type ASSAULT
    """
    _day_range(since, until)
    from khabar.export import select_events

    filters = {"story": story, "since": since, "until": until, "country": country,
               "actor": actor, "type": event_type, "include_background": True,
               "include_undated": True, "include_weak": True}  # fmt: skip
    with open_store(_settings(db, config), create=False) as store:
        if story is not None:
            store.story(story)  # NotFoundError (exit 1) for a story that is not there
        _refuse_unknown_name(store, "actor", actor)
        events = select_events(store, filters)
    if json_out:
        _print_json(events)
        return
    if not events:
        filtered = any((since, until, country, actor, event_type))
        out.print("no events" + (f" in story {story}" if story is not None else "")
                  + (" with these filters" if filtered else ""))  # fmt: skip
    for e in events:
        out.print(_event_summary(e), highlight=False)


@app.command("event")
def event_cmd(
    event_id: Annotated[str, typer.Argument(help="Event id (from `khabar timeline`).")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """One canonical event: every value of every field with its sources, the chosen value and
    the rule that chose it, and its contradictions.

    Example: khabar event 1.3
    """
    with open_store(_settings(db, config), create=False) as store:
        e = store.event(event_id)
    if json_out:
        _print_json(e)
        return
    out.print(_event_summary(e), highlight=False)
    for name, values in e["fields"].items():
        rule = e["chosen"][name]["rule"]
        out.print(f"[bold]{name}[/bold] (chosen by: {rule})", markup=True)
        for v in values:
            mark = "→" if v["value"] == e["chosen"][name]["value"] else " "
            docs = ", ".join(sorted({s["doc_id"] for s in v["sources"]}))
            sources = _plural(v["independent_sources"], "independent source")
            label = v["label"]
            if name == "date" and label != v["value"]:
                label = f"{v['value']} ({label})"  # the day, then its words: "2015-08-06 (اليوم)"
            out.print(f"  {mark} {label}: {sources}, {_plural(v['outlets'], 'outlet')} "
                      f"({docs})", highlight=False)  # fmt: skip
    for c in e["contradictions"]:
        _print_contradiction(c)


@app.command("contradictions")
def contradictions_cmd(
    story: Annotated[int | None, typer.Option(help="Only this story's contradictions.")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Where sources disagree: typed contradictions, each side with its sources and quotes.

    Example: khabar contradictions --story 1
    """
    with open_store(_settings(db, config), create=False) as store:
        if story is not None:
            store.story(story)  # NotFoundError (exit 1) for a story that is not there
        found = store.contradictions(story_id=story)
    if json_out:
        _print_json(found)
        return
    if not found:
        out.print("no contradictions reported" + (f" in story {story}" if story is not None
                                                  else "")
                  + ": khabar reports one only where the two sides' sentences show they tell of "
                  "one happening (docs/pipeline.md); `khabar event ID` lists every value each "
                  "source gave")  # fmt: skip
    for c in found:
        _print_contradiction(c)


@app.command("export")
def export_cmd(
    path: Annotated[Path, typer.Argument(help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="acled-csv, geojson, jsonl or parquet.",
                                     callback=_one_of(*_EXPORT_FORMATS))],  # fmt: skip
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    actor: EventActorOpt = None,
    event_type: EventTypeOpt = None,
    background: Annotated[
        bool, typer.Option("--background", help="Also background events (recalled ones).")
    ] = False,
    undated: Annotated[bool, typer.Option("--undated", help="Also events with no day.")] = False,
    weak: Annotated[bool, typer.Option(
        "--weak", help="Also events the sentence classifier alone typed (no event word, weapon, "
                       "toll or armed party; an armed party counts where the classifier is at "
                       "least 0.5 sure of the type).")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write canonical events with their provenance and contradictions to a file: acled-csv
    (ACLED's columns, one row per real-world event), geojson, jsonl or parquet. Background,
    undated and weak events are left out unless --background / --undated / --weak.

    Example: khabar export events.csv --format acled-csv --country IQ --since 2024-04-01
    """
    _day_range(since, until)
    from khabar.export import export_events
    from khabar.store.events import EventFilters

    filters = EventFilters.of(
        {"since": since, "until": until, "country": country, "actor": actor, "type": event_type,
         "include_background": background, "include_undated": undated, "include_weak": weak}
    )  # fmt: skip
    with open_store(_settings(db, config), create=False) as store:
        _refuse_unknown_name(store, "actor", actor)  # before any file is written
        n = export_events(store, fmt, path, filters)
    if json_out:
        _print_json({"written": n, "path": str(path), "format": fmt})
        return
    what = {"jsonl": "event record", "geojson": "feature"}.get(fmt, "row")
    out.print(f"{_plural(n, what)} written to {path} ({fmt})")


@app.command("serve")
def serve_cmd(
    host: Annotated[str | None, typer.Option(help="Address (default: setting api_host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: setting api_port).")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the web UI over the store, on 127.0.0.1 by
    default; works with no internet (Leaflet and the country borders are vendored). Writes
    need the API token: the api_token setting, or one made on first start, kept in
    <database>.token (mode 0600) and printed once. Binding beyond loopback needs api_token set
    (exit 2 otherwise).

    Example: khabar serve --port 8700
    """
    import uvicorn

    from khabar.api import allowed_hosts, create_app, ensure_api_token, is_loopback

    settings = _settings(db, config)
    host, port = host or settings.api_host, port or settings.api_port
    if not is_loopback(host) and not settings.api_token:
        err.print(
            f"refusing to serve on {host}: beyond loopback, other machines can reach the "
            "server, so it needs an API token you chose: set the setting api_token (e.g. "
            "KHABAR_API_TOKEN=<a long random string>), and api_token_reads = true if reading "
            "should need it too; or serve on 127.0.0.1",
            markup=False, highlight=False, soft_wrap=True,
        )  # fmt: skip
        raise typer.Exit(2)
    with open_store(settings, create=False):
        pass  # a clear error now, not on the first request, when the database is missing
    token, path, made = ensure_api_token(settings)
    settings = settings.replace(api_host=host, api_port=port, api_token=token)

    def say(line: str) -> None:  # no markup, no wrapping: the token and paths print whole
        if not json_out:
            out.print(line, markup=False, highlight=False, soft_wrap=True)

    if json_out:  # one line: the token (only when just made, as in text), where it is, the URLs
        print(json.dumps({
            "ui": f"http://{host}:{port}/", "docs": f"http://{host}:{port}/docs",
            "token": token if made else None, "token_file": str(path) if path else None,
            "allowed_hosts": sorted(allowed_hosts(settings)),
            "reads_need_token": settings.api_token_reads,
        }), flush=True)  # fmt: skip

    if made:
        say(f"API token (writes send 'Authorization: Bearer <token>'; shown this once, kept in "
            f"{path}): {token}")  # fmt: skip
    elif path is not None:
        say(f"API token: in {path} (writes send 'Authorization: Bearer <token>')")
    else:
        say("API token: the api_token setting (writes send 'Authorization: Bearer <token>')")
    if not is_loopback(host):
        say(f"Beyond loopback: only requests naming one of these hosts, or the IP address they "
            f"arrive at, are answered: {', '.join(sorted(allowed_hosts(settings)))} (setting "
            f"api_allowed_hosts); reads {'need' if settings.api_token_reads else 'do not need'}"
            " the token.")  # fmt: skip
    say(f"khabar UI: http://{host}:{port}/   API docs: http://{host}:{port}/docs")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@app.command("regroup")
def regroup_cmd(db: DbOpt = None, config: ConfigOpt = None, json_out: JsonOpt = False) -> None:
    """Group every stored document into stories again, from scratch (after changing the
    story settings). Documents and their facts are kept.

    Example: KHABAR_STORY_JOIN_SCORE=3 khabar regroup
    """
    from khabar.fuse import fuse_stories
    from khabar.stories import regroup

    settings = _settings(db, config)
    with open_store(settings, create=False) as store:
        count = regroup(store, settings)
        _, events, found = fuse_stories(store)
    if json_out:
        _print_json({"stories": count, "events": events, "contradictions": found})
    else:
        out.print(f"{_plural(count, 'story', 'stories')}, {_plural(events, 'event')}, "
                  f"{_plural(found, 'contradiction')}")  # fmt: skip


@app.command("stats")
def stats_cmd(db: DbOpt = None, config: ConfigOpt = None, json_out: JsonOpt = False) -> None:
    """Counts of documents, duplicates, shared paragraphs and quarantined inputs by reason.

    Example: khabar stats --json
    """
    with open_store(_settings(db, config), create=False) as store:
        stats = store.stats()
    if json_out:
        _print_json(stats)
        return
    t = Table(show_header=False)
    for key, value in stats.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "-"
        t.add_row(key, str(value))
    out.print(t)


@app.command("settings")
def settings_cmd(db: DbOpt = None, config: ConfigOpt = None, json_out: JsonOpt = False) -> None:
    """Every setting with its current value and what it does (set them in khabar.toml or as
    KHABAR_<NAME> environment variables).

    Example: KHABAR_NEAR_DUP_THRESHOLD=0.9 khabar settings
    """
    settings = _settings(db, config)
    helps = Settings.help()
    shown = settings.as_dict(redact=True)  # the API token and a database password are masked
    if json_out:
        _print_json({k: {"value": v, "help": helps[k]} for k, v in shown.items()})
        return
    _print_table(("setting", "value", "meaning"),
                 ((key, str(value), helps[key]) for key, value in shown.items()))


NameArg = Annotated[str, typer.Argument(help="Watchlist name (lowercase letters, digits, - _).")]


@watch_app.command("add")
def watch_add_cmd(
    name: NameArg,
    query: Annotated[str | None, typer.Option(help="Words that must all occur in one of a "
                                              "story's documents (full-text, folded).")] = None,
    place: Annotated[str | None, typer.Option(help="A place of the gazetteer, any script "
                                              "(Kirkuk, كركوك).")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor of the dictionaries, any script "
                                              "(Kata'ib Hezbollah).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER event type "
                                                   "(ASSAULT, PROTEST, ...).")] = None,
    country: Annotated[str | None, typer.Option(help="ISO code or name (IQ, Iraq, "
                                                "العراق).")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Make a watchlist: every later ingest records the stories it creates or changes that
    match (with --place, --actor, --type or --country: their matching events). Stories
    stored before are not matched. Exit 2 for a bad name or an unknown type, country, place or
    actor; 1 when the name is taken.

    Example: khabar watch add kirkuk --query "drone" --place كركوك --type ASSAULT
    """
    from khabar.errors import WatchError
    from khabar.watch import add_watchlist, define

    try:
        wl = define(name, query=query, place=place, actor=actor, type=event_type,
                    country=country)  # fmt: skip
    except WatchError as exc:
        raise typer.BadParameter(str(exc)) from exc
    with open_store(_settings(db, config)) as store:
        row = add_watchlist(store, wl)
    if json_out:
        _print_json(row)
        return
    out.print(f"watchlist {row['name']} made ({_criteria_text(row)}); it sees the ingests "
              "from now on", markup=False, highlight=False)  # fmt: skip


def _criteria_text(row: dict[str, Any]) -> str:
    parts = [f"{k} {row[k]!r}" for k in ("query", "place", "actor", "type", "country") if row[k]]
    for key, ids in (("place", row["place_ids"]), ("actor", row["actor_ids"])):
        if ids:
            shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            parts.append(f"{key} ids {shown}")
    return "; ".join(parts)


@watch_app.command("list")
def watch_list_cmd(db: DbOpt = None, config: ConfigOpt = None, json_out: JsonOpt = False) -> None:
    """Every watchlist: its criteria, how many matches it has and when it last matched.

    Example: khabar watch list
    """
    from khabar.watch import watchlists

    with open_store(_settings(db, config), create=False) as store:
        rows = watchlists(store)
    if json_out:
        _print_json(rows)
        return
    if not rows:
        out.print("no watchlists; `khabar watch add NAME --query WORDS` makes one")
        return
    _print_table(("name", "criteria", "matches", "last match"), (
        (r["name"], _criteria_text(r), str(r["matches"]), r["last_match"] or "-") for r in rows
    ))  # fmt: skip


@watch_app.command("show")
def watch_show_cmd(
    name: NameArg,
    limit: Annotated[int, typer.Option(help="Most matches to show.", min=1)] = 50,
    db: DbOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """One watchlist's matches, newest first: the story (and event), its title and what it
    said when it matched.

    Example: khabar watch show kirkuk
    """
    from khabar.watch import watchlist_matches

    with open_store(_settings(db, config), create=False) as store:
        found = watchlist_matches(store, name, limit=limit)
    if json_out:
        _print_json(found)
        return
    out.print(f"[bold]watchlist {escape(found['name'])}[/bold] ({escape(_criteria_text(found))}):"
              f" {_plural(found['total'], 'match', 'matches')}", highlight=False,
              markup=True)  # fmt: skip
    for m in found["items"]:
        what = f"story {m['story_id']}" + (f" event {m['event_id']}" if m["event_id"] else "")
        out.print(f"  {m['matched_at']} run {m['run_id']} {what}: {m['title']}\n"
                  f"    {m['summary']}", markup=False, highlight=False)  # fmt: skip
    if found["total"] > len(found["items"]):
        out.print(f"  ... and {found['total'] - len(found['items'])} more (--limit)")


@watch_app.command("remove")
def watch_remove_cmd(
    name: NameArg, db: DbOpt = None, config: ConfigOpt = None, json_out: JsonOpt = False
) -> None:
    """Delete a watchlist and its matches.

    Example: khabar watch remove kirkuk
    """
    from khabar.watch import remove_watchlist

    with open_store(_settings(db, config), create=False) as store:
        n = remove_watchlist(store, name)
    if json_out:
        _print_json({"removed": name, "matches": n})
        return
    out.print(f"watchlist {name} removed with its {_plural(n, 'match', 'matches')}",
              highlight=False)  # fmt: skip


def _score_table(title: str, scores: dict[str, Any]) -> Table:
    """The numeric scores of an evaluation, one row each."""
    t = Table(title=title, show_header=True)
    t.add_column("score")
    t.add_column("value", justify="right")
    for key, value in scores.items():
        if isinstance(value, (int, float)):
            t.add_row(key, f"{value}")
    return t


def _gate(name: str, scores: dict[str, Any], strict: bool) -> None:
    from khabar.eval import check_floors

    failures = check_floors(name, scores)
    for f in failures:
        err.print(f"[red]below floor:[/red] {f}", markup=True)
    if failures and strict:
        raise typer.Exit(4)


@eval_app.command("clean")
def eval_clean_cmd(
    gold: Annotated[
        Path | None, typer.Option(help="Gold JSON (default: packaged samples).")
    ] = None,
    seeds: Annotated[Path | None, typer.Option(help="Folder of the gold's articles.")] = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: Annotated[bool, typer.Option(help="Exit 4 if a score is below its floor.")] = True,
) -> None:
    """Boilerplate-line precision and recall, title, publication date and dateline accuracy.

    Example: khabar eval clean
    """
    from khabar.eval import score_clean

    scores = score_clean(load_settings(config_file=config), gold_path=gold, seeds=seeds)
    if json_out:
        _print_json(scores)
    else:
        out.print(_score_table("cleaning vs gold", scores))
        for key, doc in scores["documents"].items():
            for text, rule in doc["false_positives"].items():
                out.print(f"  {key} false positive ({rule}): {text}", highlight=False)
            for text in doc["missed"]:
                out.print(f"  {key} missed: {text}", highlight=False)
    if gold is None and seeds is None:
        _gate("clean", scores, strict)


@eval_app.command("extract")
def eval_extract_cmd(
    own: Annotated[
        Path | None,
        typer.Option(
            help="Also score a folder of sentence gold (*.jsonl); default tests/data/extract_gold "
            "when it exists."
        ),
    ] = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: Annotated[bool, typer.Option(help="Exit 4 if a score is below its floor.")] = True,
) -> None:
    """Main-event recall and precision, field accuracy, claim recall, date-sanity flags and
    place resolution on the sample gold.

    Example: khabar eval extract
    """
    from khabar.eval import score_extract
    from khabar.eval.extract import score_sentences

    settings = load_settings(config_file=config)
    scores = score_extract(settings)
    if own is None and _OWN_EXTRACT_GOLD.is_dir():
        own = _OWN_EXTRACT_GOLD  # the project's own set, when run from a checkout
    sentences = score_sentences(settings, own) if own else None
    if json_out:
        _print_json(scores | ({"own": sentences} if sentences else {}))
    else:
        t = _score_table("extraction vs sample gold", scores)
        for key, value in scores["field_accuracy"].items():
            t.add_row(f"field accuracy: {key}", "-" if value is None else f"{value}")
        out.print(t)
        for section in ("main_events", "claims", "date_sanity"):
            for item, verdict in scores[section].items():
                out.print(f"  {item}: {verdict}", highlight=False)
        if sentences:
            _print_sentence_scores(sentences)
    _gate("extract", scores, strict)
    if sentences:
        _gate("extract_own", sentences, strict)


def _print_sentence_scores(scores: dict[str, Any]) -> None:
    sets = [k for k in scores if k != "misses"]
    fields = sorted({f for k in sets for f in scores[k] if f != "sentences"})
    t = Table(title="extraction vs own sentence gold (accuracy per field)", show_header=True)
    t.add_column("field")
    for k in sets:
        t.add_column(k, justify="right")
    for f in fields:
        t.add_row(f, *(f"{scores[k].get(f, '-')}" for k in sets))
    out.print(t)


@eval_app.command("stories")
def eval_stories_cmd(
    gold: Annotated[
        Path | None, typer.Option(help="Gold JSON (default: packaged samples).")
    ] = None,
    seeds: Annotated[Path | None, typer.Option(help="Folder of the gold's articles.")] = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: Annotated[bool, typer.Option(help="Exit 4 if a score is below its floor.")] = True,
) -> None:
    """BCubed and pairwise precision/recall/F1 of the story grouping against gold labels.

    The gold is the samples' format (documents keyed by file prefix, stories listing them,
    articles in --seeds) or a real-news story set (tests/data/real/stories/*.json), which
    carries its articles.

    Example: khabar eval stories --gold tests/data/real/stories/saudi-dev.json
    """
    from khabar.eval.stories import score_real_stories, score_stories

    settings = load_settings(config_file=config)
    if gold is not None and _is_real_gold(gold):
        _real_eval(f"stories_{gold.stem.replace('-', '_')}", score_real_stories(settings, gold),
                   gold, json_out, strict)  # fmt: skip
        return
    scores = score_stories(settings, gold_path=gold, seeds=seeds)
    if json_out:
        _print_json(scores)
    else:
        out.print(_score_table("stories vs gold", scores))
        out.print("predicted: " + " | ".join(" ".join(g) for g in scores["groups"]))
    if gold is None and seeds is None:
        _gate("stories", scores, strict)


@eval_app.command("fuse")
def eval_fuse_cmd(
    gold: Annotated[
        Path | None, typer.Option(help="Gold JSON (default: packaged samples).")
    ] = None,
    seeds: Annotated[Path | None, typer.Option(help="Folder of the gold's articles.")] = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: Annotated[bool, typer.Option(help="Exit 4 if a score is below its floor.")] = True,
) -> None:
    """Canonical events, chosen values, location versions and contradictions against the
    gold's events and contradictions; false contradictions on compatible refinements.

    Example: khabar eval fuse
    """
    from khabar.eval.fuse import score_fuse

    scores = score_fuse(load_settings(config_file=config), gold_path=gold, seeds=seeds)
    if json_out:
        _print_json(scores)
    else:
        out.print(_score_table("fusion vs gold", scores))
        for section in ("events", "contradictions"):
            for item, verdict in scores["details"][section].items():
                out.print(f"  {item}: {verdict}", highlight=False)
        for item, checks in scores["details"]["chosen"].items():
            out.print(f"  {item} chosen values: {checks}", highlight=False)
        for item, versions in scores["location_versions"].items():
            for value, verdict in versions.items():
                out.print(f"  {item} location version {value}…: {verdict}", highlight=False)
    if gold is None and seeds is None:
        _gate("fuse", scores, strict)


@eval_app.command("similar")
def eval_similar_cmd(
    gold: Annotated[
        Path | None, typer.Option(help="Gold JSON (default: packaged samples).")
    ] = None,
    seeds: Annotated[Path | None, typer.Option(help="Folder of the gold's articles.")] = None,
    device: Annotated[str, typer.Option(help="cpu, cuda or numpy.")] = "cpu",
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: Annotated[bool, typer.Option(help="Exit 4 if a score is below its floor.")] = True,
) -> None:
    """Precision@1, R-precision and cross-language precision@1 of `khabar similar` against the
    gold's story labels.

    Example: khabar eval similar --gold tests/data/stories_gold.json --seeds tests/data/stories
    """
    from khabar.eval.similar import score_similar

    scores = score_similar(load_settings(config_file=config), gold_path=gold, seeds=seeds,
                           device=device)  # fmt: skip
    if json_out:
        _print_json(scores)
    else:
        out.print(_score_table(f"similar documents vs gold ({device})", scores))
        for key, hit in scores["nearest"].items():
            out.print(f"  {key} nearest: {hit}", highlight=False)
    if gold is None and seeds is None:
        _gate("similar", scores, strict)


def _is_real_gold(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as fh:
            return '"format": "khabar-real-' in fh.read(200)
    except OSError:
        return False


def _flat(scores: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Numeric scores of a nested dict as dotted keys (confusion tables left out)."""
    out: dict[str, Any] = {}
    for key, value in scores.items():
        if isinstance(value, dict) and key != "confusion":
            out |= _flat(value, f"{prefix}{key}.")
        elif isinstance(value, (int, float)) or value is None:
            out[f"{prefix}{key}"] = value
    return out


def _print_grouped(title: str, flat: dict[str, Any]) -> None:
    """Dotted scores as tables: one row per prefix ("ar.LOC"), one column per last key; rows
    with the same columns share a table."""
    rows: dict[str, dict[str, Any]] = {}
    for key, value in flat.items():
        prefix, _, leaf = key.rpartition(".")
        rows.setdefault(prefix or "-", {})[leaf] = value
    tables: dict[tuple[str, ...], list[str]] = {}
    for prefix, cols in rows.items():
        tables.setdefault(tuple(cols), []).append(prefix)
    for cols, prefixes in tables.items():
        t = Table(title=title, show_header=True)
        if len(prefixes) < len(cols):  # few rows, many scores: one row per score
            t.add_column("score", overflow="fold")
            for prefix in prefixes:
                t.add_column(prefix if prefix != "-" else "value", justify="right")
            for c in cols:
                t.add_row(c, *("-" if (v := rows[p][c]) is None else str(v) for p in prefixes))
        else:
            t.add_column("", overflow="fold")
            for c in cols:
                t.add_column(c, justify="right", overflow="fold")
            for p in prefixes:
                t.add_row(p, *("-" if (v := rows[p][c]) is None else str(v) for c in cols))
        out.print(t)
        title = ""


def _real_eval(name: str, scores: dict[str, Any], gold: Path, json_out: bool, strict: bool) -> None:
    """Print a real-news evaluation; gate it when ``gold`` is the checkout's own set and has
    floors (the dev splits; held-out scores are printed, never gated)."""
    from khabar.eval import load_floors

    if json_out:
        _print_json(scores)
    else:
        _print_grouped(f"{name} vs {gold}", _flat(scores))
        for lang, part in scores.items():
            if isinstance(part, dict) and "confusion" in part:
                conf = "; ".join(f"{g} → " + ", ".join(f"{p} {n}" for p, n in row.items())
                                 for g, row in part["confusion"].items())  # fmt: skip
                out.print(f"  confusion ({lang}, gold → predicted): {conf}", highlight=False)
    own = gold.resolve().parent.parent == _REAL_GOLD.resolve()
    if own and name in load_floors():
        _gate(name, scores, strict)


def _sentence_gold(gold: Path | None) -> Path:
    if gold is not None:
        return gold
    default = _REAL_GOLD / "sentences" / "dev.json"
    if not default.exists():
        raise EvalError("give --gold: no tests/data/real/sentences/dev.json here")
    return default


DevStrictOpt = Annotated[
    bool,
    typer.Option(help="Exit 4 if a score of this checkout's dev split is below its floor "
                 "(held-out splits and other gold files are never gated)."),
]  # fmt: skip
RealGoldOpt = Annotated[
    Path | None,
    typer.Option(help="Sentence gold JSON (default: tests/data/real/sentences/dev.json)."),
]


@eval_app.command("ner")
def eval_ner_cmd(
    gold: RealGoldOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: DevStrictOpt = True,
) -> None:
    """Entities (PER, ORG, LOC, NORP, GEN) on real news: precision, recall, F1 per language and
    label, overlap recall, confusion table.

    Example: khabar eval ner --gold tests/data/real/sentences/heldout.json
    """
    from khabar.eval.ner import score_ner

    path = _sentence_gold(gold)
    _real_eval(f"ner_{path.stem}", score_ner(load_settings(config_file=config), path), path,
               json_out, strict)  # fmt: skip


@eval_app.command("events")
def eval_events_cmd(
    gold: RealGoldOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: DevStrictOpt = True,
) -> None:
    """PLOVER event type per sentence on real news (accuracy, macro F1, per type, confusion),
    and mode, actor, recipient, killed, injured and background on the events found.

    Example: khabar eval events
    """
    from khabar.eval.events import score_events

    path = _sentence_gold(gold)
    _real_eval(f"events_{path.stem}", score_events(load_settings(config_file=config), path),
               path, json_out, strict)  # fmt: skip


@eval_app.command("places")
def eval_places_cmd(
    gold: RealGoldOpt = None,
    km: Annotated[float, typer.Option(help="Distance that counts as the right place.")] = 25.0,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: DevStrictOpt = True,
) -> None:
    """Places on real news: recognised, within --km of the gold coordinates, right country,
    per language and geo-precision; share of khabar's places that are places.

    Example: khabar eval places --km 25
    """
    from khabar.eval.places import score_places

    path = _sentence_gold(gold)
    scores = score_places(load_settings(config_file=config), path, km=km)
    _real_eval(f"places_{path.stem}", scores, path, json_out, strict)


@eval_app.command("dates")
def eval_dates_cmd(
    gold: RealGoldOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: DevStrictOpt = True,
) -> None:
    """Event days on real news: dated, exact and ±1-day accuracy, month and "no day" accuracy.

    Example: khabar eval dates
    """
    from khabar.eval.dates import score_dates

    path = _sentence_gold(gold)
    _real_eval(f"dates_{path.stem}", score_dates(load_settings(config_file=config), path), path,
               json_out, strict)  # fmt: skip


@eval_app.command("report-dates")
def eval_report_dates_cmd(
    gold: Annotated[Path | None, typer.Option(
        help="Story gold JSON (default: tests/data/real/stories/crossling-dev.json).")] = None,
    as_published: Annotated[bool, typer.Option(
        "--as-published", help="Give SaudiNewsNet's crawl time as the publication date.")] = False,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: DevStrictOpt = True,
) -> None:
    """Days of whole reports: each report's main-event day against the day of its happening
    (the Wikipedia Current Events portal day of its story): dated, exact, within one day.

    Example: khabar eval report-dates
    """
    from khabar.eval.dates import report_date_scores

    path = gold or _REAL_GOLD / "stories" / "crossling-dev.json"
    scores = report_date_scores(load_settings(config_file=config), path,
                                as_published=as_published)  # fmt: skip
    name = f"report_dates_{path.stem}" + ("_as_published" if as_published else "")
    _real_eval(name, scores, path, json_out, strict)


@eval_app.command("contradictions")
def eval_contradictions_cmd(
    gold: Annotated[Path | None, typer.Option(
        help="Judgement file (default: tests/data/real/contradictions/dev.json).")] = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: DevStrictOpt = True,
) -> None:
    """Precision of the contradictions khabar reports on real news, against an annotator's
    judgements (docs/annotation-contradictions.md): judged, real, unjudged, false reasons.

    Example: khabar eval contradictions --gold tests/data/real/contradictions/heldout.json
    """
    from khabar.eval.contradictions import score_contradictions

    path = gold or _REAL_GOLD / "contradictions" / "dev.json"
    scores = score_contradictions(load_settings(config_file=config), path)
    _real_eval(f"contradictions_{path.stem}", scores, path, json_out, strict)


@eval_app.command("rows")
def eval_rows_cmd(
    gold: Annotated[Path | None, typer.Option(
        help="Judgement file (default: tests/data/real/rows/dev.json).")] = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
    strict: DevStrictOpt = True,
) -> None:
    """Precision of the ACLED export's rows on real news, against an annotator's judgements
    (docs/annotation-rows.md): rows judged real events, of the right type, kept, unjudged.

    Example: khabar eval rows --gold tests/data/real/rows/heldout.json
    """
    from khabar.eval.rows import score_rows

    path = gold or _REAL_GOLD / "rows" / "dev.json"
    scores = score_rows(load_settings(config_file=config), path)
    _real_eval(f"rows_{path.stem}", scores, path, json_out, strict)


@eval_app.command("langid")
def eval_langid_cmd(
    labelled: Annotated[
        Path | None, typer.Argument(help="TSV of lang<TAB>text (e.g. tests/data/langid.tsv).")
    ] = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Language-id accuracy on the samples, their titles, and a labelled TSV if given.

    Example: khabar eval langid tests/data/langid.tsv
    """
    from khabar.eval import score_langid

    scores = score_langid(load_settings(config_file=config), labelled)
    if json_out:
        _print_json(scores)
        return
    t = Table(title="language id", show_header=True)
    for col in ("set", "n", "accuracy", "per language", "confusions"):
        t.add_column(col)
    for name, s in scores.items():
        per = ", ".join(f"{k} {v:.2f}" for k, v in s["per_language"].items())
        conf = ", ".join(f"{k}: {v}" for k, v in s["confusions"].items()) or "-"
        t.add_row(name, str(s["n"]), f"{s['accuracy']:.3f}", per, conf)
    out.print(t)


def main() -> None:
    """Entry point: run the app, turning khabar errors into a message and exit code 1."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except KhabarError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True,
                  markup=True)  # fmt: skip
        sys.exit(1)
