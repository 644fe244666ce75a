from khabar.eval.langid import load_labelled
from khabar.langid import detect_language
from khabar.settings import Settings
from tests.conftest import DATA

S = Settings()


def test_persian_written_with_arabic_letters_is_persian() -> None:
    # Fars-News style: Arabic ي/ك, no ZWNJ, no Persian-only letters
    assert detect_language("مذاكرات وين بدون نتيجه پايان يافت", S).lang == "fa"
    assert detect_language("بانك مركزي منشاء واردات بي رويه است", S).lang == "fa"


def test_arabic_titles_stay_arabic() -> None:
    for t in ("كتائب حزب الله العراقية تنفي استئناف الهجمات على القوات الأميركية",
              "بغداد تؤكد استمرار التعاون مع التحالف الدولي لمحاربة داعش"):  # fmt: skip
        assert detect_language(t, S).lang == "ar"


def test_confusers_are_reported_as_themselves() -> None:
    assert detect_language("وزیر اعظم نے کابینہ کا اجلاس طلب کر لیا", S).lang == "ur"
    assert detect_language("تەقینەوەیەک لە باشووری بەغدا ڕوویدا", S).lang == "ckb"
    assert detect_language("د افغانستان حکومت نوی وزیران وټاکل", S).lang == "ps"


def test_other_languages_are_named_honestly() -> None:
    assert detect_language("Der Bundestag hat heute ein neues Gesetz beschlossen", S).lang == "de"


def test_english_function_words_outweigh_a_model_misled_by_a_name() -> None:
    # a Wikinews report (CC BY 2.5; a new user's trial) that the lite model alone read as
    # Dutch (nl 0.40, en 0.24): the name "Hickenlooper", written again and again
    text = ("Hickenlooper ends US presidential bid, senate run possible\nJohn Hickenlooper, who "
            "was a candidate in the Democratic primaries for the 2020 United States presidential "
            "election, ended his campaign yesterday. Hickenlooper made his official announcement "
            "via a YouTube video in which he thanked his supporters. According to reports, "
            "Hickenlooper was polling so low nationally, he was in danger of not qualifying for "
            "the next round of televised debates.")
    r = detect_language(text, S)
    assert r.lang == "en" and "words en=" in r.evidence


def test_an_english_name_in_another_language_adds_nothing() -> None:
    # one English function word in a name ("The Guardian"), 5% of the words: below the floor
    for text, lang in (
        ("De minister-president heeft dinsdag bekendgemaakt dat de verkiezingen in juni worden "
         "gehouden, volgens The Guardian.", "nl"),
        ("Le président a annoncé mardi que les élections auront lieu en juin, selon The Times.",
         "fr"),
    ):  # fmt: skip
        r = detect_language(text, S)
        assert r.lang == lang and "words en" not in r.evidence


def test_text_without_letters_is_undetermined() -> None:
    assert detect_language("2024/04/22 — 12:30", S).lang == "und"


def test_evidence_says_what_decided() -> None:
    r = detect_language("گردانهای حزبالله عراق در بیانیه‌ای اعلام کرد", S)
    assert r.lang == "fa" and "letters" in r.evidence and 0 < r.score <= 1


def test_labelled_set_has_150_texts_with_confusers() -> None:
    pairs = load_labelled(DATA / "langid.tsv")
    langs = {lang for lang, _ in pairs}
    assert len(pairs) >= 150 and {"ar", "fa", "en", "ur", "ckb", "ps"} <= langs
