"""Wagtail's ``opensearch2`` backend, falling back to the database when the server fails (needs opensearch-py)."""

from opensearchpy import TransportError
from wagtail.search.backends.opensearch2 import OpenSearch2SearchBackend, OpenSearch2SearchResults

from .fallback import DatabaseFallbackResults


class SearchResults(DatabaseFallbackResults, OpenSearch2SearchResults):
    server_errors = (TransportError,)


class SearchBackend(OpenSearch2SearchBackend):
    results_class = SearchResults
