"""Wagtail's ``opensearch2`` backend, falling back to the database when the server fails (needs opensearch-py)."""

from opensearchpy import TransportError
from wagtail.search.backends.opensearch2 import OpenSearch2SearchBackend, OpenSearch2SearchResults

from .fallback import DatabaseFallbackBackend, DatabaseFallbackResults
from .opensearch_client import Client


class SearchResults(DatabaseFallbackResults, OpenSearch2SearchResults):
    server_errors = (TransportError,)


class SearchBackend(DatabaseFallbackBackend, OpenSearch2SearchBackend):
    results_class = SearchResults
    client_class = Client
