"""khabar: Arabic, Persian and English news into stories, events, claims and contradictions,
each fact traceable to the sentence it came from.

The library is the product; the CLI is a thin layer over it::

    from khabar import load_settings, open_store, ingest
    settings = load_settings({"database": "news.db"})
    with open_store(settings) as store:
        report = ingest(["articles/"], store)
        print(report.counts(), store.search("كتائب حزب الله"))
"""

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

from khabar.errors import (
    ConfigError,
    EncodingError,
    EvalError,
    FormatError,
    InputError,
    KhabarError,
    NotFoundError,
    ResourceError,
    StoreError,
    TimeBudgetError,
)

if TYPE_CHECKING:
    from khabar.clean import Cleaned, clean_article
    from khabar.decode import Decoded, decode_bytes
    from khabar.langid import LangResult, detect_language
    from khabar.model import (
        Document,
        DuplicateRecord,
        LineDecision,
        LineRole,
        Paragraph,
        QuarantineRecord,
        RawArticle,
        SharedParagraph,
        Span,
    )
    from khabar.normalize import NormalizedText, normalize, normalize_with_offsets
    from khabar.pipeline import IngestReport, build_document, document_id, ingest
    from khabar.settings import Settings, load_settings
    from khabar.store import SQLiteStore, open_store

# Public names imported on first use (PEP 562), so `import khabar` and `khabar --help` do not
# load numpy, scikit-learn, the models or the store: module that defines each name.
_LAZY = {
    "Cleaned": "khabar.clean", "clean_article": "khabar.clean",
    "Decoded": "khabar.decode", "decode_bytes": "khabar.decode",
    "LangResult": "khabar.langid", "detect_language": "khabar.langid",
    **dict.fromkeys(("Document", "DuplicateRecord", "LineDecision", "LineRole", "Paragraph",
                     "QuarantineRecord", "RawArticle", "SharedParagraph", "Span"), "khabar.model"),
    **dict.fromkeys(("NormalizedText", "normalize", "normalize_with_offsets"), "khabar.normalize"),
    **dict.fromkeys(("IngestReport", "build_document", "document_id", "ingest"), "khabar.pipeline"),
    "Settings": "khabar.settings", "load_settings": "khabar.settings",
    "SQLiteStore": "khabar.store", "open_store": "khabar.store",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value  # once imported, a plain attribute
        return value
    raise AttributeError(f"module 'khabar' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"

__all__ = [
    "Cleaned",
    "ConfigError",
    "Decoded",
    "Document",
    "DuplicateRecord",
    "EncodingError",
    "EvalError",
    "FormatError",
    "IngestReport",
    "InputError",
    "KhabarError",
    "LangResult",
    "LineDecision",
    "LineRole",
    "NormalizedText",
    "NotFoundError",
    "Paragraph",
    "QuarantineRecord",
    "RawArticle",
    "ResourceError",
    "SQLiteStore",
    "Settings",
    "SharedParagraph",
    "Span",
    "StoreError",
    "TimeBudgetError",
    "build_document",
    "clean_article",
    "decode_bytes",
    "detect_language",
    "document_id",
    "ingest",
    "load_settings",
    "normalize",
    "normalize_with_offsets",
    "open_store",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
