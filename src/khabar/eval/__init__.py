"""Evaluation against gold data, and the gate that fails when a score drops below its floor.

``score_clean`` (boilerplate precision/recall, title, publication date, dateline) and
``score_langid`` (accuracy per language) return ``Score`` tables; ``check_floors`` compares them
with the floors pinned in ``eval/baseline.json``.
"""

from khabar.eval.clean import score_clean
from khabar.eval.extract import score_extract
from khabar.eval.gate import Floors, check_floors, load_floors
from khabar.eval.gold import load_gold, sample_paths
from khabar.eval.langid import load_labelled, score_langid

__all__ = [
    "Floors",
    "check_floors",
    "load_floors",
    "load_gold",
    "load_labelled",
    "sample_paths",
    "score_clean",
    "score_extract",
    "score_langid",
]
