"""Wagtail's ``opensearch3`` backend, falling back to the database when the server fails (needs opensearch-py)."""

from opensearchpy import TransportError
from wagtail.search.backends.opensearch3 import OpenSearch3SearchBackend, OpenSearch3SearchResults

from .fallback import DatabaseFallbackBackend, DatabaseFallbackResults
from .opensearch_client import Client


class SearchResults(DatabaseFallbackResults, OpenSearch3SearchResults):
    server_errors = (TransportError,)


class SearchBackend(DatabaseFallbackBackend, OpenSearch3SearchBackend):
    results_class = SearchResults
    client_class = Client
