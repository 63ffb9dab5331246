"""A live search server for the tests, and Wagtail's search wired to it as the settings wire it.

By default: osmem-server, an in-memory OpenSearch-compatible server from PyPI, started by its own pytest plugin
once per test process (so each xdist worker has its own), through Wagtail's ``opensearch3`` backend. It proves the
wiring (settings, mappings, filters, queries, the rebuild, the fallback), not a cluster's ranking or its
operation. ``SEARCH_TEST_URL`` (with ``SEARCH_TEST_BACKEND``: elasticsearch9, opensearch2 or opensearch3) points the
same tests at a real server instead: every index they make is under a prefix of their own, deleted afterwards.
"""

import os
import socket
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from modelsearch.backends import get_search_backend

from portal.search.config import SERVER_BACKENDS, wagtailsearch_backends


@dataclass(frozen=True)
class SearchServer:
    backend: str
    url: str


@dataclass(frozen=True)
class LiveSearch:
    prefix: str

    def rebuild(self):
        """Index what is in the database now, the way an operator does after switching (``update_index``)."""
        call_command("update_index", backend_name="default", verbosity=0)

    def server_indexes(self):
        """Every index and alias on the server, by name."""
        client = get_search_backend().es
        return {
            name for index, entry in client.indices.get_alias(index="*").items() for name in (index, *entry["aliases"])
        }


@pytest.fixture(scope="session")
def search_server(request):
    url = os.environ.get("SEARCH_TEST_URL")
    if url:
        return SearchServer(os.environ.get("SEARCH_TEST_BACKEND", "elasticsearch9"), url)
    return SearchServer("opensearch3", request.getfixturevalue("osmem_server").url)


@contextmanager
def wired_to(server):
    """Wagtail search on ``server`` under an index prefix of its own; the prefix's indexes are deleted after."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    prefix = f"hubportal_test_{worker}_{uuid.uuid4().hex[:8]}_"
    backends = wagtailsearch_backends(backend=server.backend, urls=[server.url], index_prefix=prefix, timeout=5)
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        try:
            yield LiveSearch(prefix)
        finally:
            client = get_search_backend().es
            ours = [name for name in client.indices.get_alias(index="*") if name.startswith(prefix)]
            if ours:
                client.indices.delete(index=",".join(ours))


@pytest.fixture
def live_search(search_server):
    with wired_to(search_server) as live:
        yield live


def server_backends():
    """Every server backend as a test parameter; one whose client is not installed is skipped, saying so (the tests
    install opensearch-py 3, which Wagtail's opensearch2 backend cannot drive)."""
    params = []
    for backend in SERVER_BACKENDS:
        try:
            wagtailsearch_backends(backend=backend, urls=["http://127.0.0.1:9200"], index_prefix="", timeout=1)
        except ImproperlyConfigured as error:
            params.append(pytest.param(backend, marks=pytest.mark.skip(reason=str(error))))
        else:
            params.append(backend)
    return params


def server_down(backend):
    """Search settings for a server on a port where nothing listens: every request is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    return wagtailsearch_backends(backend=backend, urls=[url], index_prefix="t_", timeout=2)
