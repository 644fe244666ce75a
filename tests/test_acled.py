"""ACLED's codebook as the export applies it: countries, regions, admin levels, actor types,
interactions, disorder types, time precision."""

from __future__ import annotations

import pytest

from khabar.acled import (
    actor_inter,
    admin_levels,
    civilian_class,
    country,
    demonstrators,
    disorder_type,
    interaction,
    time_precision,
    unnamed_actor,
)


def test_countries_have_acleds_names_numeric_codes_and_regions() -> None:
    iraq, iran, palestine = country("iq"), country("IR"), country("PS")
    assert iraq and (iraq.iso3, iraq.isonumeric, iraq.name, iraq.region) == (
        "IRQ", 368, "Iraq", "Middle East")  # fmt: skip
    assert iran and iran.region == "Middle East"  # UN M49: Southern Asia; ACLED: Middle East
    assert palestine and palestine.name == "Palestine"
    regions = {c: (x.region if (x := country(c)) else None) for c in ("GE", "KZ", "AF", "EG",
                                                                      "MZ", "CY", "US", "MX")}  # fmt: skip
    assert regions == {"GE": "Caucasus and Central Asia", "KZ": "Caucasus and Central Asia",
                       "AF": "South Asia", "EG": "Northern Africa", "MZ": "Southern Africa",
                       "CY": "Europe", "US": "North America", "MX": "Central America"}  # fmt: skip
    assert country("ZZ") is None and country(None) is None


@pytest.mark.parametrize(
    ("place", "levels"),
    [
        ("GN-98182", ("Baghdad", "", "")),  # a GeoNames city: geonames_admin1.tsv
        ("GN-99072", ("Nineveh", "", "")),
        # GeoNames codes are no ISO 3166-2 codes (SA-06 is Ha'il; GeoNames' SA 06 the Eastern
        # Province): Dammam, Khamis Mushait, Mecca (fresh-clone trial)
        ("GN-110336", ("Eastern", "", "")),
        ("GN-105072", ("Asir", "", "")),
        ("GN-104515", ("Makkah", "", "")),
        ("GN-281133", ("Gaza Strip", "", "")),  # GeoNames' GZ, with no row of its own: PS-GZ
        ("IQ-S-TAJI", ("Baghdad", "", "")),  # a curated site names its province
        ("IQ-BG", ("Baghdad", "", "")),  # a province itself
        ("IQA-baghdad.rusafa.mustansiriya", ("Baghdad", "Rusafa", "Mustansiriya")),
        ("IRA-county-15", ("East Azerbaijan", "Marand", "")),  # the curated name, not the slug
        ("CSC-28", ("Fujairah", "Dibba Al Fujairah", "")),
        # outside the curated countries, the ISO 3166-2 name of a countries-states-cities state
        # code (Khanabad in Kunduz, Midyat in Mardin: a trial's rows had no admin1), and a US
        # city's state from the gazetteer's own state rows (Ferguson)
        ("GN-1137168", ("Kunduz", "", "")),
        ("GN-304382", ("Mardin", "", "")),
        ("GN-4386387", ("Missouri", "", "")),
        ("IQ", ("", "", "")),
        ("no-such-place", ("", "", "")),
    ],
)
def test_admin_levels_of_gazetteer_places(place: str, levels: tuple[str, str, str]) -> None:
    assert admin_levels(place) == levels


def test_actor_types_and_interactions() -> None:
    assert actor_inter("US-MIL", "IQ") == 8 and actor_inter("US-MIL", "US") == 1  # abroad: 8
    assert actor_inter("CENTCOM", "SY") == 8 and actor_inter("IQ-ARMY", "IQ") == 1
    assert actor_inter("SUDANI", "IQ") == 1  # an official takes the code of his government
    assert actor_inter("KH", "IQ") == 3 and actor_inter("IS", "SY") == 2
    assert actor_inter("REUTERS", "IQ") is None and actor_inter("NOBODY", "IQ") is None
    assert actor_inter("AFGHANISTAN_MILITARY", "AF") == 1  # an open-dictionary sector code
    assert interaction(7, 1) == interaction(1, 7) == 17
    assert interaction(6, None) == 60 and interaction(None, 7) is None
    assert civilian_class("مقتل ثلاثة مدنيين") == 7 and civilian_class("protesters") == 6
    assert civilian_class("جنود أميركيين") is None and civilian_class(None) is None
    assert civilian_class("gunmen") is None  # an armed group: a type, but no civilians


def test_an_actor_no_dictionary_names_takes_acleds_name_for_unnamed_actors() -> None:
    assert unnamed_actor("Gunmen", "Battles", "Iraq") == ("Unidentified Armed Group (Iraq)", 3)
    assert unnamed_actor("two unidentified assailants", "Battles", "") == (
        "Unidentified Armed Group", 3)  # fmt: skip
    assert unnamed_actor("the police", "Strategic developments", "Iraq") == (
        "Police Forces of Iraq", 1)  # fmt: skip
    assert unnamed_actor("protesters", "Protests", "Iraq") == ("Protesters (Iraq)", 6)
    # protesters who strike are rioters, and never a battle's party; police lead no protest
    assert unnamed_actor("protesters", "Riots", "Iraq") == ("Rioters (Iraq)", 5)
    assert unnamed_actor("protesters", "Violence against civilians", "Iraq") == (
        "Rioters (Iraq)", 5)  # fmt: skip
    assert unnamed_actor("protesters", "Battles", "Iraq") is None
    assert unnamed_actor("police", "Protests", "Iraq") is None
    # a nationality or a name, a party no unnamed ACLED actor names, another language: not
    # guessed (review: "Israeli policemen" had become the police of Palestine)
    for phrase in ("Israeli policemen", "U.S. military forces", "Thames Valley Police",
                   "supporters", "rebels", "soldiers", "civilians", "gunmen and police",
                   "مسلحون", "الشرطة التركية", "Walmart", None):  # fmt: skip
        assert unnamed_actor(phrase, "Battles", "Iraq") is None, phrase


def test_disorder_types_and_time_precision() -> None:
    assert disorder_type("Battles", "Armed clash") == "Political violence"
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence; Demonstrations"
    assert disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert disorder_type("Strategic developments", "Arrests") == "Strategic developments"
    assert time_precision("2024-04-21", [("publication", None)]) == 1
    assert time_precision("2024-04-21", [("absolute", None), ("crawl (upper bound)", None)]) == 1
    assert time_precision("2024-04-21", [("crawl (upper bound)", None)]) == 2
    assert time_precision("2024-04-21", [("publication", "around")]) == 2
    assert time_precision(None, []) == 3 and time_precision("2024-04", []) == 3


def test_an_affiliation_that_is_an_actor_id_is_no_country_and_messengers_are_no_actors() -> None:
    from khabar.acled import actor_inter, is_messenger

    # Abu Mahdi al-Muhandis: PMF;KH — "KH" is Kata'ib Hezbollah, not Cambodia
    assert actor_inter("MUHANDIS", "IQ") != 8
    assert is_messenger("REUTERS") and not is_messenger("KH")


def test_a_demonstration_whose_reports_name_no_actor_has_its_demonstrators() -> None:
    # a trial store: every Arabic protest row had an empty actor1 (the unnamed-actor words are
    # English only); ACLED's protests always have the protesters as actor1
    assert demonstrators("Protests", "Iraq") == ("Protesters (Iraq)", 6)
    assert demonstrators("Riots", "") == ("Rioters", 5)
    assert demonstrators("Battles", "Iraq") is None
