"""Real-news gold (``tests/data/real/``): load a set and run khabar over it as ingest would.

Input: a sentence gold file written by ``scripts/gold/build.py`` (``{"format":
"khabar-real-sentences/1", "articles": [...]}``: each article with ``title``, ``body``,
``published`` and labelled ``sentences``, whose ``start``/``end`` are character offsets into the
body, or into the title for ``part == "title"``), or a story gold file (``"khabar-real-stories/1"``,
``documents`` with a ``story`` each).

Output: ``GoldRun`` records: each article with the ``Document`` and ``Extraction`` khabar makes
of it when it arrives as one JSON-lines record (``title``, ``text``, ``published``, ``outlet``,
``url``), which is how these sources reach khabar; ``sentence_at`` tells which gold sentence a
character offset of the body falls in. Mentions outside the labelled sentences (an article's
sentences after the first 15 are not labelled) are not scored.

Errors: ``EvalError`` for an unreadable file or one of another format.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.errors import EvalError
from khabar.extract.document import Extraction, extract_document
from khabar.model import Document, RawArticle
from khabar.pipeline import build_document
from khabar.settings import Settings

__all__ = [
    "SENTENCE_FORMAT",
    "STORY_FORMAT",
    "GoldRun",
    "crawl_times",
    "gold_sentences",
    "load_real_gold",
    "prf",
    "run_sentence_gold",
]

SENTENCE_FORMAT = "khabar-real-sentences/1"
STORY_FORMAT = "khabar-real-stories/1"


def load_real_gold(path: str | Path, fmt: str) -> dict[str, Any]:
    """The gold file at ``path``; ``EvalError`` if unreadable or not of format ``fmt``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read gold file {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise EvalError(f"{path} is not a {fmt} gold file (see tests/data/real/README.md)")
    return data


@dataclass(slots=True)
class GoldRun:
    """One gold article and what khabar made of it."""

    article: dict[str, Any]
    doc: Document
    ex: Extraction
    _starts: list[int]
    _sentences: list[dict[str, Any]]

    @property
    def lang(self) -> str:
        return str(self.article["lang"])

    def sentence_at(self, offset: int) -> dict[str, Any] | None:
        """The labelled sentence (title or body) holding character ``offset`` of the
        document's ``raw_text``, if any."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._sentences[i]["end"]:
            return self._sentences[i]
        return None


def crawl_times(gold_path: str | Path) -> dict[str, str]:
    """The SaudiNewsNet crawl times beside a story gold file (``crawl_times.json``, written by
    ``scripts/gold/crawl_times.py``): article id → ``date_extracted``; empty when absent."""
    path = Path(gold_path).with_name("crawl_times.json")
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8"))["crawled"])


def _raw(article: dict[str, Any]) -> RawArticle:
    record = article.get("record") or {}
    return RawArticle(
        source=f"gold:{article['article_id']}",
        locator="",
        kind="jsonl",
        text=article["body"],
        title=article.get("title") or None,
        url=record.get("url"),
        outlet=article.get("outlet"),
        published=article.get("published"),
    )


def run_sentence_gold(settings: Settings, path: str | Path) -> list[GoldRun]:
    """Every article of the sentence gold at ``path``, extracted as ingest extracts it."""
    data = load_real_gold(path, SENTENCE_FORMAT)
    runs = []
    for article in data["articles"]:
        doc = build_document(_raw(article), settings)
        article = _in_raw_text(article, doc.raw_text)
        # title sentences too: ``raw_text`` starts with the title, where their offsets point
        labelled = sorted((s for s in article["sentences"] if not s.get("unlabelled")),
                          key=lambda s: s["start"])  # fmt: skip
        runs.append(GoldRun(article, doc, extract_document(doc, settings),
                            [s["start"] for s in labelled], labelled))  # fmt: skip
    return runs


def _in_raw_text(article: dict[str, Any], raw_text: str) -> dict[str, Any]:
    """``article`` with its sentence offsets moved into the document's ``raw_text``, which
    starts with the title (``pipeline.with_title``): title sentences count from 0, body
    sentences from where the body begins."""
    at = len(raw_text) - len(article["body"])
    if at < 0 or not raw_text.endswith(article["body"]):
        raise EvalError(f"{article['article_id']}: the document's text does not end with the body")
    sentences = [s | {"start": s["start"] + at, "end": s["end"] + at} if s["part"] == "body"
                 else s for s in article["sentences"]]  # fmt: skip
    for s in sentences:
        if raw_text[s["start"] : s["end"]] != s["text"]:
            raise EvalError(f"{article['article_id']}: sentence {s['n']} ({s['part']}) is not at "
                            f"its offsets in the document's text")  # fmt: skip
    return article | {"sentences": sentences, "body_at": at}


def gold_sentences(runs: list[GoldRun]) -> Iterator[tuple[GoldRun, dict[str, Any]]]:
    """(run, sentence) for every labelled sentence, titles included."""
    for run in runs:
        for s in run.article["sentences"]:
            if not s.get("unlabelled"):
                yield run, s


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts: 1.0 where nothing was expected nor predicted;
    recall and F1 ``None`` where something was predicted and nothing expected (a label the gold
    does not use, such as FIGHT)."""
    if not n_gold and n_pred:
        return {"precision": 0.0, "recall": None, "f1": None, "gold": 0, "predicted": n_pred}
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "gold": n_gold, "predicted": n_pred}  # fmt: skip
