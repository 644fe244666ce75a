"""Storage: one interface, two backends — an SQLite file (default) or a PostgreSQL server.

``open_store(settings)`` opens (and migrates) the SQLite file named by ``settings.database``, or
the PostgreSQL database at ``settings.database_url`` when that is set (``PostgresStore``, the
same methods; needs the ``postgres`` extra).
"""

from khabar.store.sqlite import SQLiteStore, open_store

__all__ = ["SQLiteStore", "open_store"]
