import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from khabar.normalize import consonant_skeleton, normalize, normalize_with_offsets, tokens

ARABIC_HEAVY = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي أإآٱؤئءةى ی ک گ پ چ ژ ۀ ـ ًٌٍَُِّْ ٰ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
        + ["\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\n", "\t", "ﻻ", "ﷲ", "A", "ß", "İ"]
    )
)


def test_folds_hamza_forms_to_one_letter() -> None:
    assert normalize("أحمد") == normalize("إحمد") == normalize("آحمد") == normalize("احمد")
    assert normalize("مسؤول") == normalize("مسئول")


def test_folds_ya_alef_maqsura_kaf_keheh_ta_marbuta() -> None:
    assert normalize("علی") == normalize("على") == normalize("علي")
    assert normalize("کتاب") == normalize("كتاب")
    assert normalize("مدرسة") == normalize("مدرسه") == normalize("مدرسۀ")


def test_strips_harakat_tatweel_and_invisible_marks() -> None:
    assert normalize("قُتِلَ") == "قتل"
    assert normalize("الـــعراق") == "العراق"
    assert normalize("گردان\u200cهای حزب\u200cالله\u200f") == "گردانهاي حزبالله"
    assert normalize("\ufeffسلام") == "سلام"


def test_maps_arabic_indic_and_persian_digits_to_ascii() -> None:
    assert normalize("٢٠٢٤ ۲۵۰۰ ٣٫٥") == "2024 2500 3.5"


def test_collapses_whitespace_and_casefolds_latin() -> None:
    assert normalize("Reuters   said\n\nTODAY") == "reuters said today"


def test_expands_presentation_forms() -> None:
    assert normalize("ﻻ") == "لا"


@given(ARABIC_HEAVY)
@hsettings(max_examples=300)
def test_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
@hsettings(max_examples=300)
def test_never_crashes_on_any_unicode(text: str) -> None:
    assert isinstance(normalize(text), str)


@given(st.one_of(ARABIC_HEAVY, st.text()))
@hsettings(max_examples=300)
def test_offset_version_gives_the_same_text(text: str) -> None:
    assert normalize_with_offsets(text).text == normalize(text)


@given(ARABIC_HEAVY, st.data())
@hsettings(max_examples=300)
def test_spans_map_back_to_original_characters(text: str, data: st.DataObject) -> None:
    norm = normalize_with_offsets(text)
    n = len(norm.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    o_start, o_end = norm.to_original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    # normalising the original span gives back the normalised span (a character that expands,
    # like ß → ss or ﻻ → لا, comes back whole when a span covers part of it)
    assert norm.text[start:end].strip() in normalize(text[o_start:o_end])


def test_span_of_a_word_maps_to_the_word_as_written() -> None:
    original = "قال مسؤولٌ أمريكيّ إنَّ"
    norm = normalize_with_offsets(original)
    i = norm.text.index("امريكي")
    a, b = norm.to_original(i, i + len("امريكي"))
    assert original[a:b] == "أمريكيّ"


def test_tokens_split_on_punctuation_in_any_script() -> None:
    assert tokens(normalize("بغداد، السبت؛ (رويترز) - 5 صواريخ")) == [
        "بغداد", "السبت", "رويترز", "5", "صواريخ"
    ]  # fmt: skip


def test_index_form_joins_persian_verb_prefixes_and_plural_suffixes() -> None:
    from khabar.normalize import index_form

    forms = {index_form(normalize(w)) for w in ("می‌گویند", "می گویند", "میگویند")}
    assert forms == {"ميگويند"}
    assert index_form(normalize("خیابان ها")) == index_form(normalize("خیابان‌ها")) == "خيابانها"
    assert index_form(normalize("نمی خواهد")) == "نميخواهد"
    assert index_form("في المدينة") == "في المدينة"  # nothing else moves


# letters mapped one to one, marks deleted (harakat, tatweel, ZWNJ, RLM), a ligature that
# expands, spaces and tabs that fold: every path of normalize_with_offsets
_MIXED = st.text(alphabet="abC إِسْتِئْنافُ ١٢ ﻻـ يكگ\u200c\u200f.،\t\n", max_size=24)


@given(_MIXED)
@hsettings(max_examples=400, deadline=None)
def test_offset_fast_paths_equal_the_character_loop(text):
    from khabar.normalize import _offsets_by_char

    assert normalize_with_offsets.__wrapped__(text) == _offsets_by_char(text)


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("Toshiba", "توشيبا"), ("Burundi", "بوروندي"), ("Kasich", "كاسيتش"), ("Nazif", "نظيف"),
     ("Nkurunziza", "نكورونزيزا"), ("Birmingham", "برمنجهام"), ("Gaddafi", "قذافي")],
)  # fmt: skip
def test_a_name_in_latin_and_arabic_letters_has_one_consonant_skeleton(
    latin: str, arabic: str
) -> None:
    assert consonant_skeleton(normalize(latin)) == consonant_skeleton(normalize(arabic)) != ""


def test_a_consonant_skeleton_drops_vowels_and_repeats() -> None:
    assert consonant_skeleton("tanaka") == "tnk"
    assert consonant_skeleton("mohammed") == consonant_skeleton(normalize("محمد")) == "md"
