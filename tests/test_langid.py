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


def test_text_without_letters_is_undetermined() -> None:
    assert detect_language("2024/04/22 — 12:30", S).lang == "und"


def test_evidence_says_what_decided() -> None:
    r = detect_language("گردانهای حزبالله عراق در بیانیه‌ای اعلام کرد", S)
    assert r.lang == "fa" and "letters" in r.evidence and 0 < r.score <= 1


def test_labelled_set_has_150_texts_with_confusers() -> None:
    pairs = load_labelled(DATA / "langid.tsv")
    langs = {lang for lang, _ in pairs}
    assert len(pairs) >= 150 and {"ar", "fa", "en", "ur", "ckb", "ps"} <= langs
