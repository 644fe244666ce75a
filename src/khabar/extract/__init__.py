"""Extraction: structured facts from cleaned articles (one module per kind of fact)."""

from khabar.extract.dates import DateExtraction, extract_dates

__all__ = ["DateExtraction", "extract_dates"]
