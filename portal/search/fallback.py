"""Search results that answer from Wagtail's database index when the search server fails.

A search server that is down, slow or missing its index must not turn a search page into an error (no web
request depends on an outside service). The database index is kept up to date beside the server's (settings
configure both backends), so the fallback finds what the server would, ranked by the database. A server that
fails opens a breaker (portal.search.breaker): the searches after it answer from the database without waiting for it.
"""

import logging

from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchAutocompleteQueryCompilerImpl

from . import breaker
from .config import DEFAULT_RETRY_SECONDS

logger = logging.getLogger(__name__)

DATABASE_BACKEND = "portal.search.database"


class DatabaseFallbackBackend:
    """Mixin for a search server's backend: ``RETRY_SECONDS`` in its settings is how long searches keep off the
    server after it fails them (portal.search.breaker)."""

    def __init__(self, params):
        self.retry_seconds = params.pop("RETRY_SECONDS", DEFAULT_RETRY_SECONDS)
        super().__init__(params)


class DatabaseFallbackResults:
    """Mixin for a search server's results class; ``server_errors`` are the client's exceptions to fall back on.

    Once a search has fallen back, its slices (a paginator's pages) stay on the database so one page never mixes
    the two rankings. While the breaker is open a search goes to the database without asking the server.
    """

    server_errors = ()
    _database_results = None
    _breaker_state = None

    def _clone(self):
        clone = super()._clone()
        clone._database_results = self._database_results
        return clone

    def _do_search(self):
        if self._server_may_answer():
            try:
                # The server's results are a generator: its errors arise while it is read, so read it here.
                return self._answered(list(super()._do_search()))
            except self.server_errors as error:
                self._fall_back(error)
        return self._database_results[self.start : self.stop].results()

    def _do_count(self):
        if self._server_may_answer():
            try:
                return self._answered(super()._do_count())
            except self.server_errors as error:
                self._fall_back(error)
        return self._database_results[self.start : self.stop].count()

    def _server_may_answer(self):
        """Not once this search has fallen back, nor while the breaker is open (but for the one search trying it)."""
        if self._database_results is None:
            self._breaker_state = breaker.state(retry_seconds=self.backend.retry_seconds)
            if self._breaker_state is breaker.State.OPEN:
                self._database_results = database_results(self.query_compiler, score_field=self._score_field)
        return self._database_results is None

    def _answered(self, answer):
        breaker.server_answered(self._breaker_state)
        return answer

    def _fall_back(self, error):
        # The error's text can echo the query, and what people search for may be personal: log only its kind.
        logger.warning(
            "Search server error (%s) searching %s: answered from the database instead",
            type(error).__name__,
            self.query_compiler.queryset.model._meta.label,
        )
        breaker.server_failed(error, state=self._breaker_state, retry_seconds=self.backend.retry_seconds)
        self._database_results = database_results(self.query_compiler, score_field=self._score_field)


def database_results(query_compiler, *, score_field=None):
    """The same search (query, queryset, fields, ordering) run by Wagtail's database backend."""
    backend = get_search_backend(DATABASE_BACKEND)
    autocomplete = isinstance(query_compiler, ElasticsearchAutocompleteQueryCompilerImpl)
    search = backend.autocomplete if autocomplete else backend.search
    results = search(
        query_compiler.query,
        query_compiler.queryset,
        fields=query_compiler.fields,
        order_by_relevance=query_compiler.order_by_relevance,
    )
    return results.annotate_score(score_field) if score_field else results
