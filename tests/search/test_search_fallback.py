"""A search server that fails never fails a search: the site search, the directory and the ORUK API answer from
the database index, and the log says so without what was searched for (it may be personal)."""

import logging

import pytest
from modelsearch.backends import get_search_backend
from opensearchpy import OpenSearch, TransportError

from programmes.models import ProgrammePage
from tests.search.live import server_backends, server_down

pytestmark = pytest.mark.django_db

SEARCHED_FOR = "canoeing"


def assert_answered_from_the_database(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.search")
    site = client.get("/search/", {"q": SEARCHED_FOR})
    directory = client.get("/directory/", {"q": SEARCHED_FOR})
    api = client.get("/api/oruk/services", {"search": SEARCHED_FOR})
    assert (site.status_code, directory.status_code, api.status_code) == (200, 200, 200)
    assert [hit.page.title for hit in site.context["search"].pages] == ["Canoeing residential"]
    assert [organisation.slug for organisation in directory.context["results"]] == ["canoeing-trust"]
    assert [service["name"] for service in api.json()["contents"]] == ["Canoeing sessions"]
    records = search_log(caplog)
    assert [record.name for record in records].count("portal.search.fallback") >= 1
    for record in records:
        assert record.levelno == logging.WARNING and record.exc_info is None
        assert SEARCHED_FOR not in record.getMessage().lower()


def search_log(caplog, name="portal.search"):
    return [record for record in caplog.records if record.name.startswith(name)]


@pytest.mark.parametrize("backend", server_backends())
def test_a_search_server_that_is_down(backend, content, client, settings, caplog):
    settings.WAGTAILSEARCH_BACKENDS = server_down(backend)
    assert_answered_from_the_database(client, caplog)


@pytest.mark.search_server
def test_a_search_server_without_the_index(content, live_search, client, caplog):
    """Switched to a server but ``update_index`` not yet run: the server answers 404, which is about the index, not
    the server's availability, so each search asks the server again."""
    assert_answered_from_the_database(client, caplog)
    assert len(search_log(caplog, "portal.search.fallback")) >= 3
    assert not search_log(caplog, "portal.search.breaker")


@pytest.mark.search_server
def test_a_search_server_answering_with_an_error(content, live_search, client, caplog, monkeypatch):
    def fail(*args, **kwargs):
        raise TransportError(500, "search_phase_execution_exception", {"error": SEARCHED_FOR})

    live_search.rebuild()
    monkeypatch.setattr(OpenSearch, "search", fail)
    monkeypatch.setattr(OpenSearch, "count", fail)
    assert_answered_from_the_database(client, caplog)


def test_autocomplete_scores_and_slices_fall_back_too(content, settings, caplog):
    """The admin's choosers autocomplete; a paginator counts, then slices: every page stays on the database."""
    settings.WAGTAILSEARCH_BACKENDS = server_down("opensearch3")
    backend = get_search_backend()
    assert [page.title for page in backend.autocomplete("cano", ProgrammePage)] == ["Canoeing residential"]
    scored = list(backend.search("canoeing", ProgrammePage).annotate_score("relevance"))
    assert [page.title for page in scored] == ["Canoeing residential"]
    assert isinstance(scored[0].relevance, float)  # the database's own scale: bm25 on SQLite is negative
    results = backend.search("canoeing climbing", ProgrammePage, operator="or")
    assert results.count() == 2
    assert len(list(results[0:1]) + list(results[1:2])) == 2
    # The first error opened the breaker: the searches after it went to the database without asking the server.
    assert len(search_log(caplog, "portal.search.fallback")) == 1
    assert len(search_log(caplog, "portal.search.breaker")) == 1
