"""Exports of canonical events read back by the standard readers: ACLED's columns, names, order
and types; ids that stay unique and strings; background and undated events only on request; one
row per real-world event with no count added up; unknown left empty, never 0."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import geojson
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from khabar import acled
from khabar.api import create_app
from khabar.errors import ExportError
from khabar.export import (
    ACLED_COLUMNS,
    COLUMNS,
    acled_rows,
    export_events,
    merge_records,
    select_events,
)
from khabar.pipeline import ingest
from khabar.settings import Settings
from khabar.store import SQLiteStore

# ACLED's columns, in ACLED's order (the codebook's export), written out here so that a change
# of the module's constant fails this file
ACLED = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1"
    " assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso"
    " region country admin1 admin2 admin3 location latitude longitude geo_precision source"
    " source_scale notes fatalities tags timestamp"
).split()
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
# (id, label, lat, lon, precision, country) of gazetteer places
BAGHDAD = ("GN-98182", "Baghdad", 33.3406, 44.4009, "town", "IQ")
TAJI = ("IQ-S-TAJI", "Camp Taji", 33.52, 44.26, "site", "IQ")  # ~25 km from Baghdad
MOSUL = ("GN-99072", "Mosul", 36.335, 43.1189, "town", "IQ")  # ~340 km from Baghdad


@pytest.fixture
def fused(store: SQLiteStore, seeds: Path) -> SQLiteStore:
    ingest([str(seeds)], store)
    return store


# --- a store of hand-made canonical events ---------------------------------------------------


def _value(value: Any, label: str, doc: str, **detail: Any) -> dict[str, Any]:
    source = {"doc_id": doc, "outlet": None, "lang": "ar", "published": None, "start": 0,
              "end": 40, "quote": f"جملة الخبر {doc}", "speaker": None, "speaker_id": None,
              "source_key": f"doc:{doc}"}  # fmt: skip
    return {"value": value, "label": label, "independent_sources": 1, "outlets": 1, **detail,
            "sources": [source]}  # fmt: skip


def add_event(
    store: SQLiteStore, story: int, seq: int, *, day: str | None = "2024-04-21",
    place: tuple | None = BAGHDAD, kind: tuple[str, str] = SHELLING, killed: int | None = None,
    background: bool = False, sources: int = 1, actor: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Write one canonical event record as fusion would (``khabar.fuse``), and return it."""
    doc = f"doc{story:03d}{seq:04d}"
    fields: dict[str, list] = {}
    chosen: dict[str, dict] = {}
    if day:
        fields["date"] = [_value(day, day, doc)]
        chosen["date"] = {"value": day, "rule": "only value"}
    if place:
        pid, label, lat, lon, precision, country = place
        fields["location"] = [_value(pid, label, doc, precision=precision, country=country,
                                     lat=lat, lon=lon)]  # fmt: skip
        chosen["location"] = {"value": pid, "rule": "only value"}
    if killed is not None:
        fields["killed"] = [_value(killed, str(killed), doc)]
        chosen["killed"] = {"value": killed, "rule": "only value"}
    if actor:
        fields["actor"] = [_value(actor, actor, doc)]
        chosen["actor"] = {"value": actor, "rule": "only value"}
    record = {
        "id": f"{story}.{seq}", "story_id": story, "plover": "ASSAULT", "acled_type": kind[0],
        "acled_subtype": kind[1], "background": background, "chosen": chosen, "fields": fields,
        "independent_sources": sources, "outlets": [f"doc:{doc}"], "languages": ["ar"],
        "documents": [doc], "mentions": [f"{doc}:0"],
    }  # fmt: skip
    store.db.execute(
        "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (record["id"], story, seq, day, "ASSAULT", kind[0], kind[1], int(background),
         place[5] if place else None, place[1] if place else None,
         place[2] if place else None, place[3] if place else None, actor, None, killed, None,
         sources, "ar", 0, json.dumps(record, ensure_ascii=False), 0),
    )  # fmt: skip
    return record


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _ingest_text(store: SQLiteStore, folder: Path, name: str, text: str) -> None:
    """Ingest ``text`` as the text file ``name`` of ``folder`` into ``store``."""
    doc = folder / name
    doc.write_text(text, encoding="utf-8")
    ingest([str(doc)], store)


def _export_csv(store: SQLiteStore, path: Path, **filters: Any) -> pd.DataFrame:
    export_events(store, "acled-csv", path, filters)
    return _csv(path)


# --- columns, types, ids ---------------------------------------------------------------------


def test_acled_columns_come_first_with_acleds_names_and_order(
    fused: SQLiteStore, tmp_path: Path
) -> None:
    assert list(ACLED_COLUMNS) == ACLED and len(ACLED) == 31
    assert COLUMNS[:31] == ACLED_COLUMNS and all(c.startswith("khabar_") for c in COLUMNS[31:])
    assert {"khabar_event_ids", "khabar_story_id", "khabar_documents"} <= set(COLUMNS)
    path = tmp_path / "events.csv"
    export_events(fused, "acled-csv", path)
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:31] == ACLED and header == list(COLUMNS)


def test_acled_values_and_types_of_the_samples(fused: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    export_events(fused, "acled-csv", path)
    raw = path.read_bytes().decode("utf-8")  # strict: fails on invalid UTF-8
    frame = _csv(path)
    rows = [row for row, _ in acled_rows(fused, select_events(fused))]
    expected = [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
    assert frame.to_dict("records") == expected and "صواريخ" in raw  # Arabic survives
    typed = pd.read_csv(path)  # default dtypes: ACLED's numbers read as numbers
    for column in ("year", "time_precision", "timestamp"):
        assert pd.api.types.is_integer_dtype(typed[column]), column
    for column in ("latitude", "longitude", "iso", "geo_precision"):
        assert pd.api.types.is_numeric_dtype(typed[column]), column
    taji = frame[frame["location"] == "Camp Taji"].iloc[0]
    assert (taji["country"], taji["iso"], taji["region"]) == ("Iraq", "368", "Middle East")
    assert taji["admin1"] == "Baghdad" and taji["event_id_cnty"].startswith("IRQ")
    assert taji["disorder_type"] == "Political violence"
    assert set(frame["time_precision"]) <= {"1", "2", "3"}
    assert frame["timestamp"].str.fullmatch(r"\d{9,}").all()
    # state forces abroad are external forces (inter 8), as actor or recipient
    us = [(row[f"inter{k}"]) for _, row in frame.iterrows() for k in (1, 2)
          if row[f"actor{k}"] == "United States armed forces"]  # fmt: skip
    assert us and set(us) == {"8"}
    # the Kalsu blast: one row, no actor (the Islamic Resistance's claims were of other attacks,
    # in October to February: they had merged through a shared empty sub-type)
    kalsu = frame[frame["location"] == "Camp Kalsu"]
    assert len(kalsu) == 1  # its actor: test_the_kalsu_blast_has_no_actor below
    assert (frame["event_type"] != "").all() and (frame["sub_event_type"] != "").all()
    # the US strikes of sample 3 ("واتهمت الولايات المتحدة كتائب حزب الله ... وشنت غارات"): the
    # US's, not the accused Kata'ib Hezbollah's
    assert "Kata'ib Hezbollah" not in set(frame["actor1"])


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "the trained role ranker (khabar.extract.roles) reads the US forces the samples' rockets "
    "struck as no party or the actor: 'هجوم على القوات الأميركية', 'مقتل عنصرين من الجيش "
    "الأمريكي' (in its training news, forces after an attack word mostly act)"))
def test_the_us_forces_struck_in_the_samples_are_a_recipient(fused: SQLiteStore,
                                                              tmp_path: Path) -> None:  # fmt: skip
    path = tmp_path / "events.csv"
    export_events(fused, "acled-csv", path)
    assert "United States armed forces" in set(_csv(path)["actor2"])


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "the trained role ranker reads the army that says it is investigating the Kalsu blast "
    "('قال الجيش إنه يحقق في الأمر') as its actor; the rules left it without one"))
def test_the_kalsu_blast_has_no_actor(fused: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    export_events(fused, "acled-csv", path)
    frame = _csv(path)
    assert not frame[frame["location"] == "Camp Kalsu"].iloc[0]["actor1"]


def test_event_ids_are_unique_strings_that_do_not_change(
    store: SQLiteStore, tmp_path: Path
) -> None:
    days = iter(f"2024-05-{d:02d}" for d in range(1, 29))
    for story, seq in [(1, 1), (1, 10), (1, 100), (10, 1), (10, 10), (11, 1), (101, 1),
                       (1, 11), (12, 1), (110, 1), (1, 1000), (2, 11)]:  # fmt: skip
        add_event(store, story, seq, day=next(days))
    add_event(store, 3, 1, day=next(days), place=None)  # no country: XXX
    first = _export_csv(store, tmp_path / "a.csv")
    ids = first["event_id_cnty"]
    assert len(ids) == 13 and ids.is_unique
    assert {"IRQ1010", "IRQ10001", "IRQ1001", "IRQ1-1000", "XXX3001"} <= set(ids)
    default = pd.read_csv(tmp_path / "a.csv")["event_id_cnty"]  # no dtype given
    assert default.is_unique and default.map(type).eq(str).all() and list(default) == list(ids)
    again = _export_csv(store, tmp_path / "b.csv")
    assert list(again["event_id_cnty"]) == list(ids)


# --- what is left out --------------------------------------------------------------------------


def test_background_and_undated_events_only_when_asked(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    add_dated_background_undated(store)
    ids = lambda frame: set(frame["khabar_event_ids"])  # noqa: E731
    assert ids(_export_csv(store, tmp_path / "a.csv")) == {"1.1"}
    assert ids(_export_csv(store, tmp_path / "b.csv", include_background=True)) == {"1.1", "2.1"}
    assert ids(_export_csv(store, tmp_path / "c.csv", include_undated=True)) == {"1.1", "3.1"}
    undated = _csv(tmp_path / "c.csv").set_index("khabar_event_ids").loc["3.1"]
    assert undated["event_date"] == "" and undated["time_precision"] == "3"
    # the API's query parameters, for the export and the event list
    with TestClient(create_app(settings)) as client:
        r = client.get("/api/export", params={"format": "acled-csv"})
        assert r.status_code == 200 and "2.1" not in r.text and "3.1" not in r.text
        r = client.get("/api/export", params={"format": "jsonl", "include_background": True,
                                              "include_undated": True})  # fmt: skip
        assert {json.loads(x)["id"] for x in r.text.splitlines()} == {"1.1", "2.1", "3.1"}
        listed = client.get("/api/events").json()
        assert [e["id"] for e in listed["items"]] == ["1.1"] and listed["total"] == 1
        every = client.get("/api/events", params={"include_background": "true",
                                                  "include_undated": "true"}).json()  # fmt: skip
        assert every["total"] == 3


def test_an_unnamed_armed_group_is_actor1_with_acleds_name(store: SQLiteStore,
                                                            tmp_path: Path) -> None:  # fmt: skip
    # a Wikipedia Current Events item (CC BY-SA): "Gunmen" is no dictionary's actor
    _ingest_text(store, tmp_path, "karachi.txt", "Consulate car attacked in Karachi\n\nGunmen"
                 " fire on a Saudi Arabian consulate car in Karachi, Pakistan, killing the"
                 " driver.\n")  # fmt: skip
    row = _export_csv(store, tmp_path / "e.csv", include_undated=True).iloc[0]
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Pakistan)", "3")
    assert row["location"] == "Karachi"


def test_the_supporter_of_actor1_s_deed_is_its_associated_actor(store: SQLiteStore,
                                                                  tmp_path: Path) -> None:  # fmt: skip
    # "بمساندة" (with the support of): the army acts, the PMF backs it (ACLED's assoc_actor_1)
    _ingest_text(store, tmp_path, "ramadi.txt", "هجوم في الرمادي\n\nاقتحم الجيش العراقي بمساندة"
                 " قوات الحشد الشعبي مدينة الرمادي في 6 أغسطس 2015 وقتل 20 مسلحا من تنظيم"
                 " داعش.\n")  # fmt: skip
    (mention,) = store.db.execute("SELECT actor, assoc_actor FROM event_mentions").fetchall()
    assert tuple(mention) == ("IQ-ARMY", "PMF")
    row = _export_csv(store, tmp_path / "e.csv").iloc[0]
    assert (row["actor1"], row["assoc_actor_1"]) == ("Iraqi Army", "Popular Mobilization Forces")


def test_actor1_s_supporter_comes_from_a_report_that_names_actor1() -> None:
    # a fused event whose actor1 three reports give and whose supporter a fourth gives beside
    # another actor: no associated actor of actor1
    from khabar.export import _supporter

    actor = _value("US-MIL", "United States armed forces", "b")
    pmf = _value("PMF", "Popular Mobilization Forces", "a")
    record = {"chosen": {"assoc_actor": {"value": "PMF"}}, "fields": {"assoc_actor": [pmf]}}
    assert _supporter(record, actor) is None
    assert _supporter(record, _value("IQ-ARMY", "Iraqi Army", "a")) is pmf  # same sentence


def test_an_attack_only_near_a_town_is_coded_at_the_town_with_geo_precision_2(
    store: SQLiteStore, tmp_path: Path
) -> None:
    _ingest_text(store, tmp_path, "logar.txt", "هجوم انتحاري\n\nقتل ستة اشخاص في 6 أغسطس 2015"
                 " في هجوم انتحاري استهدف مركزا للشرطة جنوب كابول.\n")  # fmt: skip
    row = _export_csv(store, tmp_path / "e.csv").iloc[0]
    rules = json.loads(row["khabar_chosen_rules"])  # fused: near Kabul, no location
    assert "near" in rules and "location" not in rules
    assert (row["country"], row["location"], row["geo_precision"]) == ("Afghanistan", "Kabul", "2")
    assert row["event_id_cnty"].startswith("AFG")
    assert len(_export_csv(store, tmp_path / "af.csv", country="AF")) == 1  # the filter too


@pytest.mark.parametrize(("text", "country", "location"), [
    # a dispatch's place is the event's only where the sentence names no other
    ("به گزارش خبرگزاری فرانسه از بیروت، پنج نفر در حمله هوایی به شهر دوما در ۶ اوت ۲۰۱۵ کشته "
     "شدند.", "Syria", "Dūmā"),
    ("به گزارش خبرگزاری فرانسه از بغداد، پنج نفر در انفجار یک خودروی بمب‌گذاری شده در ۶ اوت "
     "۲۰۱۵ کشته شدند.", "Iraq", "Baghdad"),
    # a party's patron is no place of the row
    ("قتل أربعة جنود في 6 أغسطس 2015 في قتال مع متمردين موالين لروسيا في شرق أوكرانيا.",
     "Ukraine", "Ukraine"),
])  # fmt: skip
def test_a_row_s_place_is_no_dispatch_beside_the_event_s_own_nor_a_patron(
    store: SQLiteStore, tmp_path: Path, text: str, country: str, location: str
) -> None:
    _ingest_text(store, tmp_path, "one.txt", "خبر\n\n" + text + "\n")
    row = _export_csv(store, tmp_path / "e.csv").iloc[0]
    assert (row["country"], row["location"]) == (country, location)


def test_police_who_shot_an_attacker_are_not_the_actor_of_his_attack_on_civilians() -> None:
    from khabar.export import _unnamed_actor

    def mention(seq: int, actor: str, target: str, sentence: str) -> dict[str, Any]:
        return {"seq": seq, "start": 0, "sentence": sentence, "trigger_start": 99,
                "acled_type": "Battles", "actor": actor, "target": target, "victims": None,
                "modality": "[]"}  # fmt: skip

    group = [{"mentions": ["d:0", "d:1"]}]
    shot = mention(1, "police", "attacker", "The attacker was shot dead by the police.")
    evidence = {"d": {"events": [shot]}}
    assert _unnamed_actor(group, "Battles", evidence, "France", 7) == (None, None)
    assert _unnamed_actor(group, "Battles", evidence, "France", None) == (
        "Police Forces of France", 1)  # fmt: skip
    masked = mention(1, "gunmen", None, "Three people were killed by two masked gunmen.")
    masked["trigger_start"] = masked["sentence"].index("killed")  # the actor after it
    assert _unnamed_actor(group, "Battles", {"d": {"events": [masked]}}, "Iraq", 7) == (
        "Unidentified Armed Group (Iraq)", 3)  # fmt: skip
    fired = mention(0, "Police", "protesters", "Police fired on protesters.")
    evidence["d"]["events"] = [fired, shot]
    assert _unnamed_actor(group, "Battles", evidence, "France", 6) == (
        "Police Forces of France", 1)  # fmt: skip


# --- one row per real-world event ----------------------------------------------------------------


def test_two_stories_of_one_happening_make_one_row_with_no_count_added(
    store: SQLiteStore, tmp_path: Path
) -> None:
    a = add_event(store, 1, 1, killed=3, sources=2, place=BAGHDAD)
    b = add_event(store, 2, 1, killed=5, sources=1, place=TAJI)  # 25 km: within fuse_place_km
    add_event(store, 3, 1, killed=4, place=MOSUL)  # same day and type, far away: its own row
    add_event(store, 4, 1, killed=7, place=BAGHDAD, kind=("Battles", "Armed clash"))
    assert store.settings.fuse_place_km >= 25
    frame = _export_csv(store, tmp_path / "e.csv").set_index("khabar_event_ids")
    assert sorted(frame.index) == ["1.1,2.1", "3.1", "4.1"]
    merged = frame.loc["1.1,2.1"]
    assert merged["fatalities"] == "3"  # the record with most independent sources, not 3 + 5
    assert merged["khabar_story_id"] == "1,2" and merged["location"] == "Baghdad"
    assert merged["khabar_documents"] == ",".join(sorted(a["documents"] + b["documents"]))
    assert merged["event_id_cnty"] == "IRQ1001"
    assert sorted(int(x) for x in frame["fatalities"]) == [3, 4, 7]  # 5 is counted nowhere
    geo = geojson.loads(export_and_read(store, tmp_path, "geojson"))
    assert len(geo["features"]) == 3
    assert sum(f["properties"]["fatalities"] for f in geo["features"]) == 14


def add_dated_background_undated(store: SQLiteStore) -> None:
    """Events 1.1 (dated), 2.1 (background, 2019) and 3.1 (no day)."""
    add_event(store, 1, 1)
    add_event(store, 2, 1, day="2019-06-01", background=True, place=MOSUL)
    add_event(store, 3, 1, day=None, place=MOSUL)


def export_and_read(store: SQLiteStore, folder: Path, fmt: str) -> str:
    path = folder / f"out.{fmt}"
    export_events(store, fmt, path)
    return path.read_text(encoding="utf-8")


def test_merging_is_deterministic_and_ties_go_to_the_earliest_event() -> None:
    def rec(story: int, seq: int, sources: int, place: tuple = BAGHDAD,
            killed: int | None = None) -> dict:  # fmt: skip
        pid, label, lat, lon, precision, country = place
        loc = {"value": pid, "label": label, "lat": lat, "lon": lon, "precision": precision,
               "country": country, "sources": []}  # fmt: skip
        chosen = {"date": {"value": "2024-04-21"}, "location": {"value": pid}}
        fields: dict[str, list] = {"location": [loc]}
        if killed is not None:
            chosen["killed"] = {"value": killed}
        return {"id": f"{story}.{seq}", "story_id": story, "acled_subtype": SHELLING[1],
                "background": False, "independent_sources": sources, "chosen": chosen,
                "fields": fields}  # fmt: skip

    records = [rec(10, 1, 2), rec(2, 1, 2, TAJI), rec(5, 1, 1, MOSUL)]
    ids = lambda groups: [[r["id"] for r in g] for g in groups]  # noqa: E731
    # Baghdad and Camp Taji, 25 km apart: one happening; equal sources: 2.1 is the earlier
    assert ids(merge_records(records, place_km=30)) == [["2.1", "10.1"], ["5.1"]]
    assert ids(merge_records(records[::-1], 30)) == [["5.1"], ["2.1", "10.1"]]
    assert ids(merge_records(records, place_km=10)) == [["10.1"], ["2.1"], ["5.1"]]
    # story 2's second event, in Baghdad itself, is the closer link; one story's two events
    # never make one group, so 2.1 stays apart
    records.append(rec(2, 2, 1))
    assert ids(merge_records(records, 30)) == [["10.1", "2.2"], ["2.1"], ["5.1"]]
    assert ids(merge_records(records[::-1], 30)) == [["10.1", "2.2"], ["5.1"], ["2.1"]]


def test_two_stories_reports_of_one_bombing_typed_two_ways_are_one_row() -> None:
    # a trial: the Abha mosque bombing was a suicide bomb (13 killed) in one story and an
    # explosive device (12) in another, two rows; one kind of event (fuse.events.one_kind) joins
    # them across stories, not an air strike beside them
    def rec(story: int, subtype: str, killed: int) -> dict:
        pid, label, lat, lon, precision, country = BAGHDAD
        loc = {"value": pid, "label": label, "lat": lat, "lon": lon, "precision": precision,
               "country": country, "sources": []}  # fmt: skip
        chosen = {"date": {"value": "2024-04-20"}, "location": {"value": pid},
                  "killed": {"value": killed}}  # fmt: skip
        return {"id": f"{story}.1", "story_id": story, "acled_type": "", "acled_subtype": subtype,
                "background": False, "independent_sources": 1, "chosen": chosen,
                "fields": {"location": [loc]}}  # fmt: skip

    ids = lambda groups: [[r["id"] for r in g] for g in groups]  # noqa: E731
    records = [rec(1, "Suicide bomb", 13), rec(2, "Remote explosive/landmine/IED", 12),
               rec(3, "Air/drone strike", 4)]  # fmt: skip
    assert ids(merge_records(records, 25)) == [["1.1", "2.1"], ["3.1"]]


def test_a_dawn_and_an_evening_event_of_one_day_and_place_stay_two_rows() -> None:
    # fusion keeps them apart as two happenings; one toll or two stories must not rejoin them
    def rec(story: int, seq: int, time: str, killed: int) -> dict:
        pid, label, lat, lon, precision, country = BAGHDAD
        loc = {"value": pid, "label": label, "lat": lat, "lon": lon, "precision": precision,
               "country": country, "sources": []}  # fmt: skip
        chosen = {"date": {"value": "2024-04-20"}, "location": {"value": pid},
                  "time": {"value": time}, "killed": {"value": killed}}  # fmt: skip
        return {"id": f"{story}.{seq}", "story_id": story, "acled_type": SHELLING[0],
                "acled_subtype": SHELLING[1], "background": False, "independent_sources": 1,
                "chosen": chosen, "fields": {"location": [loc]}}  # fmt: skip

    ids = lambda groups: [[r["id"] for r in g] for g in groups]  # noqa: E731
    assert ids(merge_records([rec(1, 1, "dawn", 3), rec(1, 2, "evening", 3)], 25)) == [
        ["1.1"], ["1.2"]]  # fmt: skip
    assert ids(merge_records([rec(1, 1, "dawn", 3), rec(2, 1, "evening", 5)], 25)) == [
        ["1.1"], ["2.1"]]  # fmt: skip
    # the same part of day, or one report with none: one happening split over two stories
    assert ids(merge_records([rec(1, 1, "evening", 3), rec(2, 1, "night", 5)], 25)) == [
        ["1.1", "2.1"]]  # fmt: skip


def test_a_merged_row_takes_the_toll_of_the_next_record_when_the_first_has_none(
    store: SQLiteStore, tmp_path: Path
) -> None:
    add_event(store, 1, 1, sources=3)  # most sources, no toll
    add_event(store, 2, 1, killed=6, sources=1)
    add_event(store, 3, 1, killed=9, sources=2)
    frame = _export_csv(store, tmp_path / "e.csv")
    assert len(frame) == 1 and frame["fatalities"].tolist() == ["9"]


# --- unknown is empty, never 0 -------------------------------------------------------------------


def test_an_unknown_toll_is_empty_or_null_in_every_format(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    add_event(store, 1, 1)  # no toll reported
    add_event(store, 2, 1, killed=0, place=MOSUL)  # a toll of 0, stated
    frame = _export_csv(store, tmp_path / "e.csv").set_index("khabar_event_ids")
    assert frame.loc["1.1", "fatalities"] == "" and frame.loc["2.1", "fatalities"] == "0"
    assert frame.loc["1.1", "inter1"] == "" and frame.loc["1.1", "interaction"] == ""
    features = json.loads(export_and_read(store, tmp_path, "geojson"))["features"]
    by_event = {f["properties"]["khabar_event_ids"]: f["properties"] for f in features}
    assert by_event["1.1"]["fatalities"] is None and by_event["2.1"]["fatalities"] == 0
    assert by_event["1.1"]["actor1"] is None and by_event["1.1"]["admin1"] == "Baghdad"
    lines = [json.loads(x) for x in export_and_read(store, tmp_path, "jsonl").splitlines()]
    assert "killed" not in next(r for r in lines if r["id"] == "1.1")["chosen"]
    export_events(store, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.schema.field("fatalities").type == pa.int64()
    tolls = dict(zip(table.column("khabar_event_ids").to_pylist(),
                     table.column("fatalities").to_pylist(), strict=True))  # fmt: skip
    assert tolls == {"1.1": None, "2.1": 0}
    with TestClient(create_app(settings)) as client:
        items = {e["id"]: e for e in client.get("/api/events").json()["items"]}
    assert "killed" not in items["1.1"]["chosen"] and items["2.1"]["chosen"]["killed"]["value"] == 0


# --- the other formats over the samples ----------------------------------------------------------


def test_jsonl_holds_every_record_and_the_row_it_went_to(
    fused: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "events.jsonl"
    n = export_events(fused, "jsonl", path)
    back = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = _export_csv(fused, tmp_path / "e.csv")
    assert n == len(back) > 0
    assert [{k: v for k, v in r.items() if k != "export_row"} for r in back] == select_events(fused)
    assert {r["export_row"] for r in back} - {None} == set(rows["event_id_cnty"])
    # a statement (ACCUSE, SUPPORT...) has no ACLED type and goes to no row
    assert all(not r["acled_type"] for r in back if r["export_row"] is None)
    assert any(r["contradictions"] for r in back)


def test_geojson_is_valid_and_holds_the_rows_with_coordinates(
    fused: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "events.geojson"
    n = export_events(fused, "geojson", path, {"include_background": True})
    data = geojson.loads(path.read_text(encoding="utf-8"))
    assert data.is_valid and data["type"] == "FeatureCollection" and len(data["features"]) == n
    kharab = next(f for f in data["features"] if f["properties"]["location"] == "Kharab al-Jir")
    lon, lat = kharab["geometry"]["coordinates"]
    assert 36 < lat < 37.5 and 41 < lon < 43
    assert kharab["properties"]["contradictions"] >= 1 and kharab["id"].startswith("SYR")
    assert set(kharab["properties"]) >= set(COLUMNS)


def test_parquet_has_the_csv_columns_typed_and_the_records(
    fused: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "events.parquet"
    export_events(fused, "parquet", path)
    table = pq.read_table(path)
    assert table.column_names == [*COLUMNS, "records"]
    schema = table.schema
    assert schema.field("event_id_cnty").type == pa.string()
    assert schema.field("year").type == schema.field("fatalities").type == pa.int64()
    assert schema.field("latitude").type == pa.float64()
    rows = _export_csv(fused, tmp_path / "e.csv")
    assert pd.read_parquet(path)["event_id_cnty"].tolist() == rows["event_id_cnty"].tolist()
    merged = [r for g in table.column("records").to_pylist() for r in json.loads(g)]
    # every record with an ACLED type is in a row (statements have none, and no row)
    assert sorted(r["id"] for r in merged) == sorted(r["id"] for r in select_events(fused)
                                                     if r["acled_type"])  # fmt: skip


def test_filters_select_by_day_country_actor_and_type(fused: SQLiteStore) -> None:
    every = select_events(fused, {"include_background": True, "include_undated": True})
    dated = select_events(fused)
    assert len(dated) < len(every)
    assert all(r["chosen"].get("date") and not r["background"] for r in dated)
    april = select_events(fused, {"since": "2024-04-20", "until": "2024-04-21"})
    assert april and all("2024-04-20" <= r["chosen"]["date"]["value"] <= "2024-04-21"
                         for r in april) and len(april) < len(dated)  # fmt: skip
    assert all(r["chosen"]["location"]["value"].startswith("SY")
               for r in select_events(fused, {"country": "sy"}))  # fmt: skip
    rockets = select_events(fused, {"type": "Shelling"})
    assert rockets and all(r["acled_subtype"].startswith("Shelling") for r in rockets)
    assert select_events(fused, {"actor": "Islamic Resistance in Iraq", "include_background": True,
                                 "include_undated": True})
    # CENTCOM only denies any responsibility for the Kalsu explosion: no event's actor
    assert not select_events(fused, {"actor": "US Central Command", "include_background": True,
                                     "include_undated": True})  # fmt: skip
    with pytest.raises(TypeError, match="unknown event filters"):
        select_events(fused, {"contry": "IQ"})


def test_a_country_filter_takes_a_name_in_any_script_and_refuses_an_unknown_one(
    fused: SQLiteStore,
) -> None:
    by_code = select_events(fused, {"country": "IQ"})
    assert by_code  # ACLED's country column holds names: "Iraq" selects what IQ selects
    for name in ("Iraq", "العراق", "عراق", "iq", "IRQ"):
        assert select_events(fused, {"country": name}) == by_code, name
    with pytest.raises(ExportError, match="no country khabar knows"):
        select_events(fused, {"country": "Atlantis"})  # not an empty export


def test_an_event_type_filter_refuses_words_no_type_holds(fused: SQLiteStore) -> None:
    """A type filter selects by part of a name, so words no ACLED type or sub-type and no
    PLOVER type holds could only select nothing: an error, not an empty export."""
    for words in ("nonsense", "bombing"):
        with pytest.raises(ExportError, match="part of no event type"):
            select_events(fused, {"type": words})
    assert select_events(fused, {"type": "air/drone"}) == select_events(fused, {"type": "Air"})
    assert select_events(fused, {"type": " shelling "}) == select_events(fused, {"type": "Shelling"})
    for words in ("assault", "Peaceful protest", "Battles", "strike"):
        select_events(fused, {"type": words})  # known words: no error, even if none match


def test_an_event_type_filter_takes_plurals_and_the_common_names(fused: SQLiteStore) -> None:
    """What users type: plurals ("drone strikes", "Armed clashes") match as their singulars,
    "airstrike" as ACLED's "Air/drone strike"."""
    from khabar.export import event_type_filter

    strikes = select_events(fused, {"type": "Air/drone strike"})
    assert strikes  # the samples hold one
    for words in ("air/drone strikes", "airstrike", "Air strikes", "AIRSTRIKES"):
        assert select_events(fused, {"type": words}) == strikes, words
    assert event_type_filter("Armed clashes") == "armed clash"
    assert event_type_filter("attacks") == "attack"
    assert event_type_filter(" Shelling ") == "Shelling"  # as given when it matches
    assert event_type_filter("bombings") is None  # a plural of no type is still refused
    # a review's cases: ACLED names with a plural word of their own, written all in plural
    assert event_type_filter("Remote explosives/landmines/IEDs") == "Remote explosive/landmine/IED"
    assert event_type_filter("Headquarters or bases established") == (
        "Headquarters or base established")
    assert event_type_filter("Government regains territories") == "Government regains territory"
    assert event_type_filter("%") is None and event_type_filter("att_ck") is None


def test_every_acled_type_khabar_writes_is_in_the_codebook_list() -> None:
    """``acled.SUB_EVENT_TYPES`` is what the type filter accepts: each ACLED type and sub-type
    an extracted event can carry (the lexicon's rows and the mode table) is in it."""
    from khabar.extract.events import _ACLED_BY_MODE, _ACLED_OF
    from khabar.resources import read_csv

    lexicon = read_csv("event_lexicon.tsv")
    pairs = {*_ACLED_BY_MODE.values(), *_ACLED_OF.values(),
             *((r["acled_type"], r["acled_subtype"]) for r in lexicon if r["acled_type"])}
    for kind, sub in pairs:  # a row of a type alone: the type's sub-type when no more is said
        assert acled.sub_event_type(kind, sub) in acled.SUB_EVENT_TYPES[kind], (kind, sub)


def test_unknown_format_is_a_clear_error(fused: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="acled-csv"):
        export_events(fused, "xlsx", tmp_path / "x")


@pytest.mark.parametrize(("killed", "rows"), [((2, 2), 1), ((2, 3), 2), ((None, None), 2)])
def test_one_car_bomb_typed_as_an_attack_and_as_an_explosion_with_one_toll_is_one_row(
    killed: tuple, rows: int
) -> None:
    def rec(story: int, acled: tuple[str, str], toll: int | None) -> dict:
        pid, label, lat, lon, precision, country = BAGHDAD
        loc = {"value": pid, "label": label, "lat": lat, "lon": lon, "precision": precision,
               "country": country, "sources": []}  # fmt: skip
        chosen: dict[str, dict] = {"date": {"value": "2015-07-26"}, "location": {"value": pid}}
        if toll is not None:
            chosen["killed"] = {"value": toll}
        return {"id": f"{story}.1", "story_id": story, "acled_type": acled[0],
                "acled_subtype": acled[1], "background": False, "independent_sources": 1,
                "chosen": chosen, "fields": {"location": [loc]}}  # fmt: skip

    records = [rec(1, ("Violence against civilians", "Attack"), killed[0]),
               rec(2, ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
                   killed[1])]  # fmt: skip
    assert len(merge_records(records, place_km=30)) == rows


EXPLOSION = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
ATTACK = ("Violence against civilians", "Attack")


def test_one_story_s_two_typings_of_one_bombing_with_one_toll_are_one_row(
    store: SQLiteStore, tmp_path: Path
) -> None:
    add_event(store, 1, 1, kind=EXPLOSION, killed=2)
    add_event(store, 1, 2, kind=ATTACK, killed=2)  # fusion typed it two ways: same dead
    add_event(store, 1, 3, kind=ATTACK, killed=5)  # another attack that day
    frame = _export_csv(store, tmp_path / "e.csv")
    assert sorted(frame["khabar_event_ids"]) == ["1.1,1.2", "1.3"]


def test_a_later_report_recalling_a_bombing_s_toll_is_the_same_bombing(
    store: SQLiteStore, tmp_path: Path
) -> None:
    add_event(store, 1, 1, day="2015-07-20", kind=EXPLOSION, killed=32)
    add_event(store, 2, 1, day="2015-07-23", kind=EXPLOSION, killed=32)  # "the bombing that..."
    add_event(store, 3, 1, day="2015-08-20", kind=EXPLOSION, killed=32)  # a month on: another
    frame = _export_csv(store, tmp_path / "e.csv")
    assert sorted(frame["khabar_event_ids"]) == ["1.1,2.1", "3.1"]
    assert frame.set_index("khabar_event_ids").loc["1.1,2.1", "event_date"] == "2015-07-20"


def test_statements_without_an_acled_type_and_placeholder_outlets_stay_out(
    store: SQLiteStore, tmp_path: Path
) -> None:
    add_event(store, 1, 1, killed=3)
    add_event(store, 2, 1, kind=("", ""))  # an ACCUSE statement: no ACLED type
    frame = _export_csv(store, tmp_path / "e.csv")
    assert list(frame["khabar_event_ids"]) == ["1.1"]
    assert not frame["source"].str.contains("doc:").any()


def test_one_big_toll_in_one_country_days_apart_is_one_row() -> None:
    """A fresh-clone trial's export gave the Suruç bombing a row per report: each dated by its
    crawl day or by "أمس" read from the day before, placed in Turkey, Şanlıurfa or Suruç, each
    with 32 dead. One toll of 20 or more in one country within three days is one happening; a
    smaller one only of one sub-type where a report names the country alone; never across
    countries, with no country, between towns over 150 km apart (Baghdad and Mosul), or chained
    over more than three days (6.1 is three days after 3.1, five after 1.1)."""
    iraq = ("IQ", "Iraq", 33.0, 44.0, "country", "IQ")
    aleppo = ("GN-170063", "Aleppo", 36.2, 37.16, "town", "SY")

    def rec(story: int, day: str, place: tuple | None, killed: int,
            kind: tuple = SHELLING) -> dict:  # fmt: skip
        chosen: dict = {"date": {"value": day}, "killed": {"value": killed}}
        fields: dict = {}
        if place is not None:
            pid, label, lat, lon, precision, country = place
            loc = {"value": pid, "label": label, "lat": lat, "lon": lon,
                   "precision": precision, "country": country, "sources": []}  # fmt: skip
            chosen["location"], fields["location"] = loc, [loc]
        return {"id": f"{story}.1", "story_id": story, "acled_type": kind[0],
                "acled_subtype": kind[1], "background": False, "independent_sources": 1,
                "chosen": chosen, "fields": fields}  # fmt: skip

    ids = lambda groups: sorted(sorted(r["id"] for r in g) for g in groups)  # noqa: E731
    records = [rec(1, "2024-04-20", BAGHDAD, 32), rec(2, "2024-04-21", iraq, 32),
               rec(3, "2024-04-22", TAJI, 32, EXPLOSION), rec(4, "2024-04-21", None, 32),
               rec(5, "2024-04-20", aleppo, 32), rec(6, "2024-04-25", TAJI, 32),
               rec(7, "2024-04-22", MOSUL, 32)]  # fmt: skip
    assert ids(merge_records(records, 20)) == [["1.1", "2.1", "3.1"], ["4.1"], ["5.1"], ["6.1"],
                                               ["7.1"]]  # fmt: skip
    assert ids(merge_records(records[::-1], 20)) == ids(merge_records(records, 20))
    # a country-level report is no hub between two towns 340 km apart
    small = [rec(1, "2024-04-20", BAGHDAD, 5), rec(2, "2024-04-21", iraq, 5),
             rec(3, "2024-04-22", MOSUL, 5), rec(4, "2024-04-23", iraq, 5, EXPLOSION)]
    assert ids(merge_records(small, 20)) == [["1.1", "2.1"], ["3.1"], ["4.1"]]


def test_a_row_known_by_its_target_alone_quotes_its_sentence() -> None:
    # a trial's undated clash at Anbar University, known by its origin and its target only,
    # had empty notes: the notes quote the toll's, weapon's, day's or place's sentence first,
    # then any field's
    from khabar.export import _row

    src = {"doc_id": "d1", "outlet": "x",
           "quote": "أفاد العيساوي بأن القوات الحكومية تفرض سيطرة كاملة على مجمع الجامعة."}
    rec = {"id": "10.5", "story_id": 10, "acled_type": "Battles", "acled_subtype": "Armed clash",
           "plover": "ASSAULT", "background": False, "independent_sources": 1,
           "outlets": ["x"], "languages": ["ar"], "documents": ["d1"],
           "chosen": {"target": {"value": "PMF", "rule": "only value"}},
           "fields": {"target": [{"value": "PMF", "label": "Popular Mobilization Forces",
                                  "sources": [src]}]}}  # fmt: skip
    assert _row([rec], {}, {}, 0)["notes"] == src["quote"]
