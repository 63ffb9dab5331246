"""Wagtail's database search backend (``wagtail.search.backends.database``), with SQLite's ranking put right.

The backend is chosen for the database in use, as Wagtail's own module chooses it. On SQLite, Wagtail 8's FTS5
backend ranks a query that combines words (``And``) by ``(1 + bm25) ** n - 1`` although FTS5's ``bm25()`` is one
score for the whole row and the whole query, negative, lower for a better match. Past a score of -1 that formula
turns round: the better a row matches every word, the later it comes ("Westfield Homes" found its own agency last).
Here every query is ranked by ``bm25()`` itself (weighted by the title as Wagtail weights it), which is the same
order for a single word and the right one for several. PostgreSQL and MySQL are Wagtail's own.
"""

from functools import cache

from django.db import connection
from modelsearch.backends import database as wagtail_database


def SearchBackend(params):
    """The backend for the default database (Wagtail finds a backend by this name): Wagtail's, with SQLite's FTS5
    ranking as above."""
    backend = wagtail_database.SearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return sqlite_backend()(params)
    return backend


@cache
def sqlite_backend():
    """Wagtail's SQLite FTS5 backend ranked by ``bm25()``. Defined on first use: its module reads SQLite's own index
    model, which exists on SQLite only."""
    from modelsearch.backends.database.sqlite.query import BM25
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class RankedByBM25:
        """Query compiler mixin: the rank of any query is FTS5's ``bm25()`` of the row (times ``boost``)."""

        def build_tsrank(self, vector, query, config=None, boost=1.0):
            rank = BM25()
            return rank * boost if boost != 1.0 else rank

    class SQLiteQueryCompiler(RankedByBM25, SQLiteSearchQueryCompiler):
        pass

    class SQLiteAutocompleteCompiler(RankedByBM25, SQLiteAutocompleteQueryCompiler):
        pass

    class SQLiteBackend(SQLiteSearchBackend):
        query_compiler_class = SQLiteQueryCompiler
        autocomplete_query_compiler_class = SQLiteAutocompleteCompiler

    return SQLiteBackend
