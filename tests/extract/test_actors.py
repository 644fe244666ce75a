"""Actor dictionary look-up, unresolved organisation names and unnamed sources."""

from __future__ import annotations

from khabar.extract.actors import actor_dictionary, extract_actors, extract_world_organisations


def _ids(text: str) -> list[str | None]:
    return [m.actor_id for m in extract_actors(text)]


def test_kataib_hezbollah_in_three_languages_is_one_actor() -> None:
    assert _ids("نفت كتائب حزب الله في العراق") == ["KH"]
    assert _ids("گردانهای حزبالله عراق در بیانیهای اعلام کرد") == ["KH"]
    assert _ids("گردان‌های حزب‌الله عراق") == ["KH"]
    assert _ids("Kataib Hezbollah denied it") == ["KH"]
    assert _ids('واتهمت واشنطن كتائب "حزب الله" العراقي') == ["US-GOV", "KH"]


def test_state_forces_monitors_and_agencies() -> None:
    text = "وقال مدير المرصد السوري لحقوق الإنسان لوكالة الصحافة الفرنسية إن الحشد الشعبي وسنتكوم"
    assert _ids(text) == ["SOHR", "AFP", "PMF", "CENTCOM"]


def test_unnamed_sources_keep_their_description_without_the_conjunction() -> None:
    got = [
        (m.text, m.kind) for m in extract_actors("وقال مصدران أمنيان عراقيان ومسؤول أميركي لرويترز")
    ]
    assert got == [("مصدران أمنيان عراقيان", "anonymous"), ("مسؤول أميركي", "anonymous"),
                   ("رويترز", "agency")]  # fmt: skip
    persian = extract_actors("یک منبع امنیتی عراقی نیز خبر داد")
    assert [(m.text, m.kind) for m in persian] == [("یک منبع امنیتی عراقی", "anonymous")]
    english = extract_actors("two Iraqi security sources said")
    assert [m.kind for m in english] == ["anonymous"]


def test_unknown_organisation_names_are_kept_unresolved() -> None:
    got = {
        m.text: m
        for m in extract_actors(
            "وتبنت حركة أنصار الدم، في بيان، الهجوم. The Free Zummar Brigades said"
        )
    }
    assert (
        got["حركة أنصار الدم"].actor_id is None and got["حركة أنصار الدم"].kind == "unresolved_org"
    )
    assert got["The Free Zummar Brigades"].kind == "unresolved_org"


def test_descriptions_are_not_taken_for_names() -> None:
    assert extract_actors("قتلوا على يد جماعة عراقية مسلحة تدعمها") == []


def test_short_latin_aliases_need_capitals() -> None:
    assert _ids("the un-named ap style") == []
    assert _ids("told AP and the UN") == ["AP", "UN"]


def test_every_actor_has_a_kind_and_a_source() -> None:
    for actor in actor_dictionary().actors.values():
        assert actor.kind and actor.source, actor.id


def test_a_quoted_name_after_a_word_of_kind_is_the_actor_span() -> None:
    """تنظيم "داعش": the guideline labels داعش (docs/annotation.md), and داعش alone names the
    same actor; كتائب "حزب الله" keeps its whole span (حزب الله alone is another actor)."""
    for text in ('وأعلن تنظيم "داعش" مسؤوليته', "وأعلن تنظيم «داعش» مسؤوليته"):
        (m,) = extract_actors(text)
        assert (m.text, m.actor_id) == ("داعش", "IS")
    (_, kh) = extract_actors('واتهمت واشنطن كتائب "حزب الله" العراقي')
    assert kh.actor_id == "KH" and kh.text.startswith("كتائب")


def test_a_name_after_lil_starts_after_it() -> None:
    """للحوثيين (ل + ال, the ا not written): the span starts after لل, as the guideline says."""
    got = [(m.text, m.actor_id) for m in extract_actors("وفي بيان للحوثيين")]
    assert got and got[0][0] == "حوثيين" and got[0][1]


def test_organisations_of_the_open_dictionaries_are_found_as_written() -> None:
    from khabar.extract.actors import extract_world_organisations

    def found(text: str) -> list[tuple[str, str | None]]:
        return [(m.text, m.actor_id) for m in extract_world_organisations(text, extract_actors(text))]

    text = "The IAEA and the Environmental Protection Agency said so."
    assert found(text) == [("IAEA", "IAEA"),
                           ("Environmental Protection Agency", "ENVIRONMENTAL_PROTECTION_AGENCY")]  # fmt: skip
    assert found("the iaea said") == []  # an acronym only in capitals
    assert found("NATO AND IAEA IN CAPITALS") == []  # ... amid lower-case text
    assert found("An Islamic group claimed it") == []  # every word of a name capitalised
    assert found("به گزارش فارس، اتحادیه اروپا اعلام کرد") == [("اتحادیه اروپا", "THE_EUROPEAN_UNION")]
    assert found("وقال الشباب إن") == []  # one Arabic-script word: al-Shabaab or "the youth"


def test_an_organisation_written_in_pieces_joined_by_a_zwnj_is_found() -> None:
    # actors_world.tsv: BBC's Persian alias بی‌بی‌سی is one word once the ZWNJ is folded
    for text in ("به نوشته بی‌بی‌سی وزیر خارجه گفت", "در گفت‌وگو با بی بی سی گفت"):
        found = extract_world_organisations(text, extract_actors(text))
        assert [m.actor_id for m in found] == ["BBC"], text


def test_the_generic_actor_lexicon_is_rebuilt_exactly_by_its_script(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """resources/agents.tsv is what training/resources/build_agents.py writes from ../shared and
    the labelled training sentences (CI has ../shared beside the clone)."""
    import subprocess
    import sys
    from importlib import resources
    from pathlib import Path

    import pytest

    root = Path(__file__).resolve().parents[2]
    shared = root.parent / "shared"
    if not (shared / "field-data" / "petrarch").is_dir() or \
            not (shared / "corpora" / "saudinewsnet").is_dir():  # fmt: skip
        pytest.skip("../shared (petrarch dictionaries, SaudiNewsNet) is not beside this checkout")
    out = tmp_path / "agents.tsv"
    run = subprocess.run([sys.executable, str(root / "training/resources/build_agents.py"),
                          "--shared", str(shared), "--out", str(out)],
                         capture_output=True, text=True, cwd=root)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    shipped = resources.files("khabar.resources").joinpath("agents.tsv")
    assert out.read_bytes() == shipped.read_bytes(), (
        "stale lexicon: run training/resources/build_agents.py")


def test_counted_inflections_of_a_generic_actor_are_found() -> None:
    from khabar.extract.actors import extract_generic_actors

    found = extract_generic_actors("أفادت مصادر أمنية أمس بمقتل 24 مدنيا وإصابة 37 آخرين", [])
    assert [(a.text, a.name) for a in found if a.text == "مدنيا"] == [("مدنيا", "civilians")]


def test_generic_actors_are_matched_in_their_own_language() -> None:
    # Persian خیر ("benefactor", a labelled generic actor) is Arabic "good": no actor there
    from khabar.extract.actors import extract_generic_actors

    text = "وقال إن في ذلك خير كثير للمواطنين"
    assert "خير" in [a.text for a in extract_generic_actors(text, [])]  # every language's rows
    assert "خير" not in [a.text for a in extract_generic_actors(text, [], "ar")]
    assert [a.text for a in extract_generic_actors("کمک خیر به مدرسه", [], "fa")] == ["خیر"]


def test_a_militia_word_before_a_nisba_names_the_group_the_nisba_names() -> None:
    """ميليشيا الحوثي ('the Houthi militia', as Yemeni news writes it): the Houthis, the span
    ending at the nisba (was an unresolved organisation running over 'أحياء تعز'); a militia
    word before no group's nisba is no organisation (الميليشيات المتمردة stays the tagger's)."""
    for text, span in (("قصفت ميليشيا الحوثي أحياء تعز", "ميليشيا الحوثي"),
                       ("هاجمت مليشيات الحوثي وصالح مواقع المقاومة", "مليشيات الحوثي")):
        got = [(m.text, m.actor_id) for m in extract_actors(text)]
        assert got == [(span, "HOUTHI")], text
    assert extract_actors("وقصفت الميليشيات المتمردة مواقع المقاومة") == []
    # the feminine nisba too (the review): الميليشيات الحوثية, الجماعة الحوثية
    for text in ("قصفت الميليشيات الحوثية أحياء تعز", "وقالت الجماعة الحوثية في بيان"):
        assert [m.actor_id for m in extract_actors(text)] == ["HOUTHI"], text


def test_the_world_actor_dictionary_is_rebuilt_exactly_by_its_script(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """resources/actors_world.tsv is what training/resources/build_actors.py writes from
    ../shared and the annotators' Persian names (CI has ../shared beside the clone)."""
    import subprocess
    import sys
    from importlib import resources
    from pathlib import Path

    import pytest

    root = Path(__file__).resolve().parents[2]
    shared = root.parent / "shared"
    if not (shared / "field-data" / "petrarch").is_dir():
        pytest.skip("../shared (petrarch dictionaries) is not beside this checkout")
    out = tmp_path / "actors_world.tsv"
    run = subprocess.run([sys.executable, str(root / "training/resources/build_actors.py"),
                          "--shared", str(shared), "--out", str(out)],
                         capture_output=True, text=True, cwd=root)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    shipped = resources.files("khabar.resources").joinpath("actors_world.tsv")
    assert out.read_bytes() == shipped.read_bytes(), (
        "stale dictionary: run training/resources/build_actors.py")


def _build_actors():  # type: ignore[no-untyped-def]
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "training/resources/build_actors.py"
    spec = importlib.util.spec_from_file_location("build_actors", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_persian_press_names_join_the_actor_they_name_or_make_a_row_of_their_own() -> None:
    build = _build_actors()
    rows = ["OPEC@1\torganisation\tOPEC\t\tIGO\tOPEC|Organization of Petroleum\t\t2000-01-01\tx",
            "OPEC@2\torganisation\tOPEC\t\tIGO\tOPEC|Organization of Petroleum\t2000-01-01\t\tx",
            "AQ\tperson\tAl Qa'ida\t\tIMG\tAl Qaeda|Al-Qaeda\t\t\tx"]  # fmt: skip
    table = [
        # a form of an existing row: its new forms join every row of that actor
        {"name": "Opec", "country": "", "sector": "IGO", "persian": "اوپک|OPEC"},
        # the English name is an alias of an existing row
        {"name": "al-Qaeda", "country": "", "sector": "MIL", "persian": "گروه القاعده"},
        # a curated actor (actors.tsv) with no row gets one of its own id
        {"name": "Fars", "country": "IRN", "sector": "MED", "persian": "باشگاه خبرنگاران فارس"},
        # a new organisation; a one-word form Arabic news writes often is left out
        {"name": "Guardian Council", "country": "IRN", "sector": "LEG",
         "persian": "شورای نگهبان|مجلس"},
    ]  # fmt: skip
    curated = [{"id": "FARS", "name": "Fars News Agency", "aliases": "باشگاه خبرنگاران فارس"}]
    out = build.add_press_organisations(rows, table, curated, {"مجلس": 8358})
    by_id = {r.split("\t")[0]: r.split("\t") for r in out}
    assert by_id["OPEC@1"][5] == by_id["OPEC@2"][5] == "OPEC|Organization of Petroleum|اوپک"
    assert by_id["AQ"][5] == "Al Qaeda|Al-Qaeda|گروه القاعده" and "Fars News corpus" in by_id["AQ"][8]
    assert "FARS" not in by_id  # every form already the curated actor's: nothing to add
    council = by_id["FA-GUARDIAN_COUNCIL"]
    assert council[1:6] == ["organisation", "Guardian Council", "IRN", "LEG", "شورای نگهبان"]


def test_organisations_of_persian_news_are_found_and_resolved() -> None:
    # actors_world.tsv's rows from training/resources/data/persian_organisations.tsv
    from khabar.extract.actors import resolve_actor

    text = "به گزارش روابط عمومی کمیته امداد امام خمینی به منظور سهولت"
    found = extract_world_organisations(text, extract_actors(text))
    assert [m.actor_id for m in found] == ["FA-IMAM_KHOMEINI_RELIEF_FOUNDATION"]
    assert resolve_actor("شورای نگهبان") is not None
    assert resolve_actor("باشگاه پرسپولیس").id == "FA-PERSEPOLIS_F_C"  # type: ignore[union-attr]
    # a name the world dictionary had in English alone: its row, not a new one
    assert resolve_actor("کنگره آمریکا").id == "UNITED_STATES_CONGRESS"  # type: ignore[union-attr]
