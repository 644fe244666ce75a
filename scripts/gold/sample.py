"""Sample real news for the gold sets under ``tests/data/real/`` (seeded; nothing hand-picked).

Inputs (read from ``../shared``, never at khabar's run time):
  corpora/saudinewsnet/*.zip            Arabic, CC BY-NC-SA 4.0
  corpora/fars-news/fars-news-*.json    Persian, Apache-2.0
  field-data/news-en/wikinews_*.csv     English Wikinews, CC BY 2.5
  field-data/news-en/wikipedia_current_events.jsonl.gz   English, CC BY-SA

Outputs (``--out``, default ``tests/data/real/``):
  batches/sentences-{lang}-{k}.json     articles to label, each sentence numbered
  batches/stories-{split}.json          SaudiNewsNet articles of consecutive days to group
  batches/crossling.json                English current-events items + the days' Arabic ids
  sample.json                           what was drawn: seed, ids, splits, counts

Every sampled unit keeps its corpus record (file and index, or URL), so each gold sentence can
be traced back.  Articles are drawn from a broad keyword pre-filter (70%) and at random (30%),
and every sentence of a drawn article (up to ``MAX_SENTENCES``, the title first) is labelled,
so "no event" is represented as it occurs in news.  Splits are by article: articles in seeded-hash
order go to held-out until it holds 35% of the sentences.

    python scripts/gold/sample.py --shared ../shared --seed 13
"""

from __future__ import annotations

import argparse
import ast
import csv
import gzip
import hashlib
import json
import random
import re
import zipfile
from pathlib import Path

import jdatetime  # the project's dependency: run with the project's virtualenv (.venv/bin/python)

MAX_SENTENCES = 15
TARGET_SENTENCES = {"ar": 545, "fa": 545, "en": 545}
BATCHES = 3
HELDOUT_SHARE = 0.35
KEYWORD_SHARE = 0.7
AGREEMENT_SHARE = 0.15

# A broad pre-filter for sampling only (violence, protest, coercion, political interaction).
KEYWORDS = {
    "ar": "قتل قتلى مقتل هجوم انفجار تفجير غارة غارات قصف اشتباك اشتباكات مسلح مسلحين "
    "مظاهرة مظاهرات احتجاج اعتقال اعتقلت القبض اختطاف الحوثي الحوثيين داعش إرهاب إرهابي "
    "الجيش الشرطة الأمن وزير الرئيس اتفاق محادثات مفاوضات عقوبات اتهم أدان طالب رفض حكومة "
    "المعارضة التحالف المقاومة جرحى إصابة",
    "fa": "كشته كشته شدن حمله انفجار بمباران درگيري مسلح تظاهرات اعتراض دستگير بازداشت "
    "ربوده تروريست تروريستي داعش ارتش پليس سپاه وزير رئيس جمهور توافق مذاكره مذاكرات "
    "تحريم محكوم متهم درخواست مخالفت دولت اعتراضات زخمي مجروح",
    "en": "killed attack attacks bomb bombing explosion airstrike airstrikes shelling clashes "
    "gunmen militants protest protests protesters demonstration arrested arrest kidnapped "
    "police military troops army minister president agreement talks sanctions accused "
    "condemned demanded rejected government opposition rebels wounded injured court",
}

_SPLIT_RE = re.compile(
    r"(?<=[.!?؟])[\"'»”)]*\s+(?=\S)"  # end punctuation then space
    r"|\n+"
)
_ABBREV_END = re.compile(
    r"(?:\b[A-Z]|\bMr|\bMrs|\bDr|\bSt|\bGen|\bCol|\bLt|\bNo|\bvs|\bU\.S|\bU\.N)\.$"
)


def _norm(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك").replace("\u200c", " ").lower()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (end punctuation or a line break)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SPLIT_RE.finditer(text):
        if (
            m.group(0).strip() == ""
            and "\n" not in m.group(0)
            and _ABBREV_END.search(text[start : m.start()])
        ):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead and len(seg.strip()) >= 3:
            out.append((a + lead, a + trail))
    return out


def _keyword_hit(lang: str, text: str) -> bool:
    words = set(re.findall(r"\w+", _norm(text)))
    keys = KEYWORDS[lang].split()
    return sum(1 for k in keys if _norm(k) in words) >= 2


def _key(seed: int, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def assign_splits(seed: int, articles: list[dict]) -> None:
    """Held-out: articles in seeded-hash order up to HELDOUT_SHARE of the sentences."""
    total = sum(len(a["sentences"]) for a in articles)
    held = 0
    for a in sorted(articles, key=lambda a: _key(seed, a["article_id"])):
        a["split"] = "heldout" if held < HELDOUT_SHARE * total else "dev"
        held += len(a["sentences"]) if a["split"] == "heldout" else 0


# ---------------------------------------------------------------- corpus readers


def saudi_days(shared: Path) -> list[str]:
    return sorted(p.stem for p in (shared / "corpora/saudinewsnet").glob("*.zip"))


def saudi_day(shared: Path, day: str) -> list[dict]:
    path = shared / f"corpora/saudinewsnet/{day}.zip"
    with zipfile.ZipFile(path) as z:
        rows = json.loads(z.read(z.namelist()[0]))
    out = []
    for i, r in enumerate(rows):
        out.append(
            {
                "article_id": f"saudinewsnet:{day}:{i}",
                "record": {
                    "corpus": "saudinewsnet",
                    "file": f"{day}.zip",
                    "index": i,
                    "url": r.get("url"),
                },
                "lang": "ar",
                "outlet": r.get("source"),
                "title": (r.get("title") or "").strip(),
                "body": (r.get("content") or "").strip(),
                "published": (r.get("date_extracted") or "")[:10] or None,
                "published_note": "date_extracted (crawl time) of SaudiNewsNet",
            }
        )
    return out


def _fars_published(link: str) -> str | None:
    """Fars News ids begin with the Solar Hijri date: 13940501... (or 870706... for 1387)."""
    m = re.search(r"/news/(\d{10,})", link)
    if not m:
        return None
    digits = m.group(1)
    if digits.startswith("13") or digits.startswith("14"):
        y, mo, d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        y, mo, d = 1300 + int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    try:
        return jdatetime.date(y, mo, d).togregorian().isoformat()
    except ValueError:  # not a Solar Hijri date: the id does not carry one
        return None


FARS_PUBLISHED_NOTE = "the Solar Hijri date that begins the Fars News id in the link"


def fars_articles(shared: Path) -> list[dict]:
    out = []
    for k in range(1, 6):
        rows = json.loads((shared / f"corpora/fars-news/fars-news-{k}.json").read_text("utf-8"))
        for i, r in enumerate(rows):
            raw = r.get("paragraphs") or []
            paras = (
                ast.literal_eval(raw) if isinstance(raw, str) else raw
            )  # a list, or its Python literal
            body = "\n".join(p.strip() for p in paras if p and p.strip())
            abstract = (r.get("abstract") or "").strip()
            out.append(
                {
                    "article_id": f"fars:{k}:{i}",
                    "record": {
                        "corpus": "fars-news",
                        "file": f"fars-news-{k}.json",
                        "index": i,
                        "url": r.get("link"),
                    },
                    "lang": "fa",
                    "outlet": "farsnews",
                    "title": (r.get("title") or "").strip(),
                    "body": (abstract + "\n" + body).strip() if abstract else body,
                    "published": _fars_published(r.get("link") or ""),
                    "published_note": FARS_PUBLISHED_NOTE,
                }
            )
    return out


def wikinews_articles(shared: Path) -> list[dict]:
    out = []
    for year in (2019, 2020):
        path = shared / f"field-data/news-en/wikinews_{year}.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh)):
                text = r.get("text") or ""
                lines = text.split("\n")
                # the first line is the dateline ("Friday, January 4, 2019"): the published date
                if lines and re.match(r"^\w+day, \w+ \d{1,2}, \d{4}\s*$", lines[0].strip()):
                    text = "\n".join(lines[1:])
                out.append(
                    {
                        "article_id": f"wikinews:{year}:{i}",
                        "record": {
                            "corpus": "wikinews",
                            "file": path.name,
                            "index": i,
                            "url": r.get("url"),
                        },
                        "lang": "en",
                        "outlet": "wikinews",
                        "title": (r.get("title") or "").strip(),
                        "body": text.strip(),
                        "published": r.get("date") or None,
                        "published_note": "Wikinews article date",
                    }
                )
    return out


def current_events(shared: Path) -> list[dict]:
    path = shared / "field-data/news-en/wikipedia_current_events.jsonl.gz"
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            r = json.loads(line)
            out.append(
                {
                    "article_id": f"wikipedia-current-events:{i}",
                    "record": {"corpus": "wikipedia-current-events", "file": path.name, "index": i},
                    "lang": "en",
                    "outlet": ", ".join(r.get("sources") or []) or "wikipedia",
                    "title": "",
                    "body": (r.get("text") or "").strip(),
                    "published": r.get("date"),
                    "published_note": "the Current Events portal day",
                    "category": r.get("category"),
                    "topic": r.get("topic"),
                }
            )
    return out


# ---------------------------------------------------------------- sentence sets


def _sentences(article: dict) -> list[dict]:
    sents = []
    if article["title"]:
        sents.append(
            {
                "n": 0,
                "part": "title",
                "start": 0,
                "end": len(article["title"]),
                "text": article["title"],
            }
        )
    for a, b in split_sentences(article["body"]):
        if len(sents) >= MAX_SENTENCES:
            break
        sents.append(
            {"n": len(sents), "part": "body", "start": a, "end": b, "text": article["body"][a:b]}
        )
    return sents


def draw_articles(rng: random.Random, lang: str, pool: list[dict], target: int) -> list[dict]:
    """Articles up to ``target`` sentences: KEYWORD_SHARE keyword hits, the rest at random."""
    hits = [a for a in pool if a["body"] and _keyword_hit(lang, a["title"] + " " + a["body"])]
    rest = [a for a in pool if a["body"]]
    rng.shuffle(hits)
    rng.shuffle(rest)
    chosen: list[dict] = []
    seen: set[str] = set()
    total = 0
    hi = ri = 0
    while total < target:
        from_hits = rng.random() < KEYWORD_SHARE
        src, idx = (hits, hi) if from_hits else (rest, ri)
        while idx < len(src) and src[idx]["article_id"] in seen:
            idx += 1
        if from_hits:
            hi = idx + 1
        else:
            ri = idx + 1
        if idx >= len(src):
            continue
        art = dict(src[idx])
        art["drawn_by"] = "keyword" if from_hits else "random"
        art["sentences"] = _sentences(art)
        if not art["sentences"]:
            continue
        seen.add(art["article_id"])
        chosen.append(art)
        total += len(art["sentences"])
    return chosen


def _batches(articles: list[dict], n: int) -> list[list[dict]]:
    total = sum(len(a["sentences"]) for a in articles)
    out: list[list[dict]] = [[] for _ in range(n)]
    acc = 0
    for a in articles:
        k = min(n - 1, acc * n // total)
        out[k].append(a)
        acc += len(a["sentences"])
    return out


def _public(article: dict, seed: int) -> dict:
    keep = (
        "article_id",
        "record",
        "lang",
        "outlet",
        "title",
        "published",
        "published_note",
        "drawn_by",
        "category",
        "topic",
        "split",
    )
    out = {k: article[k] for k in keep if k in article}
    out["body"] = article["body"]
    out["sentences"] = article["sentences"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("tests/data/real"))
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    shared, out, seed = args.shared, args.out, args.seed
    (out / "batches").mkdir(parents=True, exist_ok=True)
    summary: dict = {"seed": seed, "sentences": {}, "stories": {}, "crossling": {}}

    days = saudi_days(shared)
    saudi_all = [a for d in days for a in saudi_day(shared, d)]
    ce = current_events(shared)
    wikinews = wikinews_articles(shared)

    # sentences: ar (SaudiNewsNet), fa (Fars), en (Wikinews articles and Current Events items)
    pools = {"ar": saudi_all, "fa": fars_articles(shared)}
    for lang in ("ar", "fa", "en"):
        rng = random.Random(f"{seed}:sentences:{lang}")
        if lang == "en":
            conflictish = [
                a
                for a in ce
                if a["category"]
                in {
                    "Armed conflicts and attacks",
                    "Law and crime",
                    "Politics and elections",
                    "International relations",
                }
            ]
            items = rng.sample(conflictish, 140) + rng.sample(ce, 60)
            for a in items:
                a["drawn_by"] = "category" if a in conflictish else "random"
                a["sentences"] = _sentences(a)
            n_items = sum(len(a["sentences"]) for a in items)
            arts = draw_articles(rng, lang, wikinews, TARGET_SENTENCES[lang] - n_items)
            arts = items + arts
            rng.shuffle(arts)
        else:
            arts = draw_articles(rng, lang, pools[lang], TARGET_SENTENCES[lang])
        assign_splits(seed, arts)
        public = [_public(a, seed) for a in arts]
        for k, batch in enumerate(_batches(public, BATCHES), start=1):
            path = out / f"batches/sentences-{lang}-{k}.json"
            path.write_text(json.dumps(batch, ensure_ascii=False, indent=1), "utf-8")
        agree, acc = [], 0
        total = sum(len(a["sentences"]) for a in public)
        for a in sorted(public, key=lambda a: _key(seed + 1, a["article_id"])):
            if acc >= AGREEMENT_SHARE * total:
                break
            agree.append(a)
            acc += len(a["sentences"])
        (out / f"batches/agreement-sentences-{lang}.json").write_text(
            json.dumps(agree, ensure_ascii=False, indent=1), "utf-8"
        )
        summary["sentences"][lang] = {
            "articles": len(public),
            "sentences": sum(len(a["sentences"]) for a in public),
            "heldout_sentences": sum(
                len(a["sentences"]) for a in public if a["split"] == "heldout"
            ),
            "article_ids": [a["article_id"] for a in public],
        }

    # stories: SaudiNewsNet, three consecutive days, keyword pre-filter, 105 a day;
    # dev = the first two days, held-out = the third
    rng = random.Random(f"{seed}:stories")
    story_days = ["2015-07-21", "2015-07-22", "2015-07-23"]
    all_story_docs: list[dict] = []
    for split, dset in (("dev", story_days[:2]), ("heldout", story_days[2:])):
        arts = []
        for d in dset:
            pool = [
                a
                for a in saudi_day(shared, d)
                if a["body"] and _keyword_hit("ar", a["title"] + " " + a["body"])
            ]
            arts += rng.sample(pool, 105)
        docs = [
            {
                k: a[k]
                for k in ("article_id", "record", "lang", "outlet", "title", "published", "body")
            }
            for a in arts
        ]
        (out / f"batches/stories-{split}.json").write_text(
            json.dumps(docs, ensure_ascii=False, indent=1), "utf-8"
        )
        summary["stories"][split] = {"days": dset, "articles": len(docs)}
        all_story_docs += docs
    agree_docs = sorted(all_story_docs, key=lambda a: _key(seed + 1, a["article_id"]))[
        : round(AGREEMENT_SHARE * len(all_story_docs))
    ]
    agree_docs.sort(key=lambda a: a["article_id"])
    (out / "batches/agreement-stories.json").write_text(
        json.dumps(agree_docs, ensure_ascii=False, indent=1), "utf-8"
    )
    summary["stories"]["agreement"] = len(agree_docs)

    # cross-lingual: Current Events items of the SaudiNewsNet days (conflict and international)
    rng = random.Random(f"{seed}:crossling")
    dayset = set(days)
    items = [a for a in ce if a["published"] in dayset]
    items = rng.sample(items, min(170, len(items)))
    items.sort(key=lambda a: (a["published"], a["article_id"]))
    for a in items:
        a["split"] = "heldout" if a["published"] >= "2015-08-06" else "dev"
    docs = [
        {
            k: a[k]
            for k in (
                "article_id",
                "record",
                "lang",
                "outlet",
                "published",
                "category",
                "topic",
                "body",
                "split",
            )
        }
        for a in items
    ]
    (out / "batches/crossling.json").write_text(
        json.dumps(docs, ensure_ascii=False, indent=1), "utf-8"
    )
    summary["crossling"] = {"items": len(docs), "days": sorted({a["published"] for a in items})}
    agree_items = sorted(docs, key=lambda a: _key(seed + 1, a["article_id"]))[
        : round(AGREEMENT_SHARE * len(docs))
    ]
    agree_items.sort(key=lambda a: (a["published"], a["article_id"]))
    (out / "batches/agreement-crossling.json").write_text(
        json.dumps(agree_items, ensure_ascii=False, indent=1), "utf-8"
    )
    summary["crossling"]["agreement"] = len(agree_items)
    (out / "sample.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), "utf-8")
    for lang, s in summary["sentences"].items():
        print(
            lang,
            s["articles"],
            "articles",
            s["sentences"],
            "sentences",
            s["heldout_sentences"],
            "held-out",
        )
    print("stories", summary["stories"], "crossling", summary["crossling"]["items"])


if __name__ == "__main__":
    main()
