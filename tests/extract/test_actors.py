"""Actor dictionary look-up, unresolved organisation names and unnamed sources."""

from __future__ import annotations

from collections.abc import Iterable

from khabar.extract.actors import actor_dictionary, extract_actors, extract_world_organisations
from khabar.extract.lexicon import alias_key


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


def _rebuilt_exactly(script: str, resource: str, needs: tuple[str, ...], tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``resources/<resource>`` is what ``training/resources/<script>`` writes from ../shared
    (CI has ../shared beside the clone; ``needs``: the folders of it the script reads)."""
    import subprocess
    import sys
    from importlib import resources
    from pathlib import Path

    import pytest

    root = Path(__file__).resolve().parents[2]
    shared = root.parent / "shared"
    if not all((shared / need).is_dir() for need in needs):
        pytest.skip(f"../shared ({', '.join(needs)}) is not beside this checkout")
    out = tmp_path / Path(resource).name
    run = subprocess.run([sys.executable, str(root / "training/resources" / script),
                          "--shared", str(shared), "--out", str(out)],
                         capture_output=True, text=True, cwd=root)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    shipped = resources.files("khabar.resources").joinpath(resource)
    assert out.read_bytes() == shipped.read_bytes(), f"stale: run training/resources/{script}"


def test_the_generic_actor_lexicon_is_rebuilt_exactly_by_its_script(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # from the dictionaries and the labelled training sentences
    _rebuilt_exactly("build_agents.py", "agents.tsv",
                     ("field-data/petrarch", "corpora/saudinewsnet"), tmp_path)  # fmt: skip


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
    # from the open dictionaries and the annotators' Persian and Arabic names
    _rebuilt_exactly("build_actors.py", "actors_world.tsv", ("field-data/petrarch",), tmp_path)


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
    table = [  # persian_organisations.tsv's rows
        # a form of an existing row: its new forms join every row of that actor
        {"name": "Opec", "country": "", "sector": "IGO", "persian": "اوپک|OPEC"},
        # the English name is an alias of an existing row
        {"name": "al-Qaeda", "country": "", "sector": "MIL", "persian": "گروه القاعده"},
        # every form already a curated actor's (actors.tsv): nothing to add
        {"name": "Fars", "country": "IRN", "sector": "MED", "persian": "باشگاه خبرنگاران فارس"},
        # a new organisation; a one-word form Arabic news writes often is left out
        {"name": "Guardian Council", "country": "IRN", "sector": "LEG",
         "persian": "شورای نگهبان|مجلس"},
    ]  # fmt: skip
    curated = [{"id": "FARS", "name": "Fars News Agency", "aliases": "باشگاه خبرنگاران فارس"}]
    # (the other language's word counts are the shipped ones: Arabic news writes مجلس 8,358 times)
    out = build.add_press_organisations(rows, curated, "fa", table=table)
    by_id = {r.split("\t")[0]: r.split("\t") for r in out}
    assert by_id["OPEC@1"][5] == by_id["OPEC@2"][5] == "OPEC|Organization of Petroleum|اوپک"
    assert by_id["AQ"][5] == "Al Qaeda|Al-Qaeda|گروه القاعده" and "Fars News corpus" in by_id["AQ"][8]
    assert "FARS" not in by_id  # every form already the curated actor's: nothing to add
    council = by_id["FA-GUARDIAN_COUNCIL"]
    assert council[1:6] == ["organisation", "Guardian Council", "IRN", "LEG", "شورای نگهبان"]


def _resolved_ids(names: Iterable[str]) -> dict[str, str | None]:
    """Name → the id ``resolve_actor`` gives it (None: no actor)."""
    from khabar.extract.actors import resolve_actor

    return {n: a.id if (a := resolve_actor(n)) else None for n in names}


def test_organisations_of_persian_news_are_found_and_resolved() -> None:
    # actors_world.tsv's rows from training/resources/data/persian_organisations.tsv
    text = "به گزارش روابط عمومی کمیته امداد امام خمینی به منظور سهولت"
    found = extract_world_organisations(text, extract_actors(text))
    assert [m.actor_id for m in found] == ["FA-IMAM_KHOMEINI_RELIEF_FOUNDATION"]
    # Phoenix lists the Guardian Council and the Assembly of Experts among the parliament's
    # aliases: each has its row all the same; a name the world dictionary had in English alone
    # joins its row ("Kremlin (...)" as Kremlin), and the two languages' tables meet by name
    expected = {"شورای نگهبان": "FA-GUARDIAN_COUNCIL", "مجلس خبرگان": "FA-ASSEMBLY_OF_EXPERTS",
                "مجلس شورای اسلامی": "ISLAMIC_CONSULTATIVE_ASSEMBLY",
                "باشگاه پرسپولیس": "FA-PERSEPOLIS_F_C", "کنگره آمریکا": "UNITED_STATES_CONGRESS",
                "کرملین": "KREMLIN", "الكرملين": "KREMLIN",
                "فدراسیون بین‌المللی فوتبال": "FA-FIFA", "الاتحاد الدولي لكرة القدم": "FA-FIFA"}  # fmt: skip
    assert _resolved_ids(expected) == expected


def test_organisations_arabic_news_names_resolve_to_the_dictionaries_rows() -> None:
    # actors_world.tsv's rows from training/resources/data/arabic_organisations.tsv: names the
    # world dictionary had in English only join its rows; others make AR- rows
    from khabar.extract.actors import resolve_actor

    text = "وقال صندوق النقد الدولي إن مجلس التعاون الخليجي والاتحاد الأوروبي"
    found = extract_world_organisations(text, extract_actors(text))
    assert [m.actor_id for m in found] == ["IMF", "AR-GULF_COOPERATION_COUNCIL",
                                           "THE_EUROPEAN_UNION"]  # fmt: skip
    assert resolve_actor("مجلس الأمن الدولي").id == "AR-UNITED_NATIONS_SECURITY_COUNCIL"  # type: ignore[union-attr]
    # left out of the annotators' forms: one ending "in" + a place, which it would swallow; a
    # short form the press also begins other bodies' names with (مجلس الأمن القومي, صندوق النقد
    # العربي); a local body's name holding its city, where its news happens; a Latin acronym
    # (STC is also Yemen's Southern Transitional Council)
    assert resolve_actor("المقاومة الشعبية في اليمن") is None
    for text in ("قال مجلس الأمن القومي الإيراني", "أعلن صندوق النقد العربي",
                 "أعلنت شرطة منطقة مكة المكرمة القبض", "شهرداری تهران اعلام کرد",
                 "The STC said its fighters took Aden"):  # fmt: skip
        assert extract_world_organisations(text, extract_actors(text)) == [], text


def test_a_government_army_or_police_named_by_its_country_is_that_country_s_row() -> None:
    from khabar.extract.actors import country_sector_actor

    expected = {"الحكومة اليمنية": "GOVERNMENT_OF_YEMEN", "الجيش المصري": "EGYPT_MILITARY",
                "الشرطة البريطانية": "UNITED_KINGDOM_POLICE",
                "حكومة تركيا": "GOVERNMENT_OF_TURKEY", "دولت ترکیه": "GOVERNMENT_OF_TURKEY",
                "پلیس ایران": "IRAN_POLICE", "نیروهای مسلح عراق": "IQ-ARMY",
                "Egyptian army": "EGYPT_MILITARY", "the Iraqi police": "IRAQ_POLICE"}  # fmt: skip
    assert _resolved_ids(expected) == expected
    # the curated actor that shares a name with the country's row goes first: one actor; a
    # world country row found as it stands is the curated actor too; of two curated actors that
    # share the row's names, the one of the sector's kind (the US military's row also holds a
    # name of the Pentagon's); bodies whose names hold a word that is also a place stay (مرکزی,
    # Markazi province); the country rows carry the names the press calls each country by
    # (country_names.tsv), not countries-states-cities' (Turkey's Arabic name there is the
    # bird's, ديك رومى)
    expected = {"الجيش التركي": "TR-MIL", "القوات التركية": "TR-MIL",
                "Iraqi army": "IQ-ARMY", "القوات العراقية": "IQ-ARMY",
                "حکومت عراق": "IQ-GOV", "دولت عراق": "IQ-GOV",
                "American army": "US-MIL", "جيش الولايات المتحدة": "US-MIL",
                "بانک مرکزی ایران": "FA-CENTRAL_BANK_OF_THE_ISLAMIC_REPUBLIC_OF_IRAN",
                "دانشگاه تهران": "FA-UNIVERSITY_OF_TEHRAN",
                "کنگره آمریکا": "UNITED_STATES_CONGRESS",
                "دولت انگلیس": "GOVERNMENT_OF_UNITED_KINGDOM"}  # fmt: skip
    assert _resolved_ids(expected) == expected
    from khabar.resources import read_csv

    assert not [r["id"] for r in read_csv("actors_world.tsv") if "ديك رومى" in r["aliases"]]
    # a country's warplanes and troops are its armed forces, its security forces its police (a
    # judged dev row: "شنت المقاتلات التركية ... غارات" had no actor1)
    expected = {"المقاتلات التركية": "TR-MIL", "سلاح الجو الإسرائيلي": "IL-MIL",
                "الطيران السوري": "SYRIA_MILITARY", "Turkish jets": "TR-MIL",
                "Syrian troops": "SYRIA_MILITARY", "قوات الأمن المصرية": "EGYPT_POLICE",
                "الطائرات الروسية": "RUSSIAN_FEDERATION_MILITARY"}  # fmt: skip
    assert _resolved_ids(expected) == expected
    # an airline ("طيران اليمنية") and a party ("Lebanese Forces") are no country's forces
    for name in ("طيران اليمنية", "Lebanese Forces"):
        assert country_sector_actor(alias_key(name)) is None, name
    # a noun alone, an adjective of no country or a word of no sector is no actor
    for name in ("الجيش", "الحكومة الشرعية", "قوات الأمن", "the army", "Egyptian people"):
        assert country_sector_actor(alias_key(name)) is None, name
