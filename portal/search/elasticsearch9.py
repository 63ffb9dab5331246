"""Wagtail's ``elasticsearch9`` backend, falling back to the database when the server fails."""

from elasticsearch import ApiError, TransportError
from wagtail.search.backends.elasticsearch9 import Elasticsearch9SearchBackend, Elasticsearch9SearchResults

from .fallback import DatabaseFallbackResults


class SearchResults(DatabaseFallbackResults, Elasticsearch9SearchResults):
    server_errors = (TransportError, ApiError)


class SearchBackend(Elasticsearch9SearchBackend):
    results_class = SearchResults
