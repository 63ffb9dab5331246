"""Wagtail's database search backend (``wagtail.search.backends.database``), with SQLite's ranking put right.

The backend is chosen for the database in use, as Wagtail's own module chooses it. On SQLite, Wagtail 8's FTS5
backend ranks a query that combines words (``And``) by ``(1 + bm25) ** n - 1`` although FTS5's ``bm25()`` is one
score for the whole row and the whole query, negative, lower for a better match. Past a score of -1 that formula
turns round: the better a row matches every word, the later it comes ("Westfield Homes" found its own agency last).
Here every query is ranked by ``bm25()`` itself (weighted by the title as Wagtail weights it), which is the same
order for a single word and the right one for several.

On PostgreSQL, Wagtail's backend matches and ranks with ``to_tsquery('...')`` written into the statement for each
word and each alternative, and ``to_tsquery`` is only STABLE: PostgreSQL parsed every one of them again for every
index entry it tested and ranked. A directory search for "homelessness" (five alternatives, matched against and
ranked on title and body: fifteen parses an entry) over 5,600 of 20,000 agencies spent 80 of its 100 ms on that.
Here each is a scalar subquery, which PostgreSQL runs once per statement (an InitPlan); the SQL's meaning, the
matches and their order are Wagtail's. MySQL is Wagtail's own.
"""

from functools import cache

from django.db import connection
from modelsearch.backends import database as wagtail_database


def SearchBackend(params):
    """The backend for the default database (Wagtail finds a backend by this name): Wagtail's, with SQLite's FTS5
    ranking and PostgreSQL's query parsing as above."""
    backend = wagtail_database.SearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return sqlite_backend()(params)
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        if isinstance(backend, PostgresSearchBackend):
            return postgres_backend()(params)
    return backend


@cache
def postgres_backend():
    """Wagtail's PostgreSQL backend with every text search query parsed once per statement. Defined on first use, as
    its module needs psycopg."""
    from django.contrib.postgres.search import SearchQuery
    from modelsearch.backends.database.postgres.postgres import (
        PostgresAutocompleteQueryCompiler,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class ParsedOnce(SearchQuery):
        """``(SELECT to_tsquery(...))``: the same query, run once per statement as an InitPlan."""

        template = "(SELECT %(function)s(%(expressions)s))"

    class ParsedOnceCompiler:
        """Query compiler mixin: each query Wagtail builds for a word, phrase or alternative is parsed once (combined
        with ``&``/``|`` as Wagtail combines them)."""

        def build_tsquery_content(self, query, config=None, invert=False):
            built = super().build_tsquery_content(query, config=config, invert=invert)
            if type(built) is SearchQuery:
                built = built.copy()
                built.__class__ = ParsedOnce
            return built

    class PostgresQueryCompiler(ParsedOnceCompiler, PostgresSearchQueryCompiler):
        pass

    class PostgresAutocompleteCompiler(ParsedOnceCompiler, PostgresAutocompleteQueryCompiler):
        pass

    class PostgresBackend(PostgresSearchBackend):
        query_compiler_class = PostgresQueryCompiler
        autocomplete_query_compiler_class = PostgresAutocompleteCompiler

    return PostgresBackend


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
