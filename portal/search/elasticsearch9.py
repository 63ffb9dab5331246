"""Wagtail's ``elasticsearch9`` backend, falling back to the database when the server fails."""

from elasticsearch import ApiError, Elasticsearch, TransportError
from wagtail.search.backends.elasticsearch9 import Elasticsearch9SearchBackend, Elasticsearch9SearchResults

from .fallback import DatabaseFallbackBackend, DatabaseFallbackResults


class Client(Elasticsearch):
    """Elasticsearch's client whose searches wait at most ``search_timeout`` seconds (a web request is waiting for
    them), while indexing keeps the client's ``request_timeout``."""

    def __init__(self, *args, search_timeout=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.search_timeout = search_timeout

    def _searching(self):
        # options() copies the client as this class without a search_timeout: the copy's calls are the plain client's.
        return self.options(request_timeout=self.search_timeout) if self.search_timeout else self

    def search(self, **kwargs):
        return Elasticsearch.search(self._searching(), **kwargs)

    def count(self, **kwargs):
        return Elasticsearch.count(self._searching(), **kwargs)

    def scroll(self, **kwargs):
        return Elasticsearch.scroll(self._searching(), **kwargs)

    def clear_scroll(self, **kwargs):
        return Elasticsearch.clear_scroll(self._searching(), **kwargs)


class SearchResults(DatabaseFallbackResults, Elasticsearch9SearchResults):
    server_errors = (TransportError, ApiError)


class SearchBackend(DatabaseFallbackBackend, Elasticsearch9SearchBackend):
    results_class = SearchResults
    client_class = Client
