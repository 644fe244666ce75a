"""Storage: one interface (``Store``), SQLite by default.

``open_store(settings)`` opens (and migrates) the database named by ``settings.database``.
"""

from khabar.store.sqlite import SQLiteStore, open_store

__all__ = ["SQLiteStore", "open_store"]
