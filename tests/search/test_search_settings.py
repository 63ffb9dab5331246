"""SEARCH_BACKEND, SEARCH_URL and SEARCH_INDEX_PREFIX (ELASTICSEARCH_URL and its siblings still read) wire Wagtail
search to a server under the prefix, with the database index kept beside it for the fallback."""

from importlib.metadata import version

import pytest
from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends import get_search_backend

from directory.models import Organisation
from portal.search.config import wagtailsearch_backends
from tests.portal.test_settings import load_settings, parsed
from tests.search.live import server_backends

DATABASE = {"BACKEND": "portal.search.database"}


def test_the_environment_chooses_the_backend_its_servers_and_the_index_prefix():
    backends = parsed(
        load_settings(
            "portal.settings.dev",
            SEARCH_BACKEND="opensearch3",
            SEARCH_URL="https://a.example.org:9200,https://b.example.org:9200",
            SEARCH_INDEX_PREFIX="westfield_",
            SEARCH_TIMEOUT="3",
            SEARCH_QUERY_TIMEOUT="5",
            SEARCH_RETRY_SECONDS="45",
        )
    )["search_backends"]
    assert backends["database"] == DATABASE
    server = backends["default"]
    assert server["BACKEND"] == "portal.search.opensearch3"
    assert server["URLS"] == ["https://a.example.org:9200", "https://b.example.org:9200"]
    assert (server["INDEX_PREFIX"], server["TIMEOUT"]) == ("westfield_", 3)
    assert server["OPTIONS"]["search_timeout"] == 3, "a search never waits longer than any request"
    assert server["RETRY_SECONDS"] == 45


def test_the_elasticsearch_settings_still_work():
    backends = parsed(
        load_settings(
            "portal.settings.dev", ELASTICSEARCH_URL="http://search.example.org:9200", ELASTICSEARCH_INDEX_PREFIX="hub_"
        )
    )["search_backends"]
    assert backends["default"]["BACKEND"] == "portal.search.elasticsearch9"
    assert backends["default"]["INDEX_PREFIX"] == "hub_"
    assert "INDEX" not in backends["default"]
    assert (backends["default"]["TIMEOUT"], backends["default"]["OPTIONS"]["search_timeout"]) == (10, 3)
    assert backends["default"]["RETRY_SECONDS"] == 30
    assert backends["database"] == DATABASE


@pytest.mark.parametrize(
    ("backend", "urls", "complaint"),
    [("solr", ["http://solr:8983"], "must be one of database, elasticsearch9"), ("opensearch2", [], "SEARCH_URL")],
)
def test_a_backend_that_cannot_work_is_refused(backend, urls, complaint):
    with pytest.raises(ImproperlyConfigured, match=complaint):
        wagtailsearch_backends(backend=backend, urls=urls, index_prefix="x_", timeout=1)


@pytest.mark.parametrize("seconds", [{"timeout": 0}, {"search_timeout": -1}, {"retry_seconds": 0}])
def test_search_times_must_be_positive(seconds):
    with pytest.raises(ImproperlyConfigured, match="must be a positive number of seconds"):
        wagtailsearch_backends(
            **{"backend": "elasticsearch9", "urls": ["http://es:9200"], "index_prefix": "", "timeout": 1, **seconds}
        )


def test_an_opensearch_backend_is_refused_without_the_client_it_drives():
    """Wagtail's opensearch2 backend calls opensearch-py 2's API, opensearch3 opensearch-py 3's."""
    installed = version("opensearch-py")
    driven, other = (installed[0], "2" if installed.startswith("3.") else "3")
    refusal = rf"opensearch{other} needs opensearch-py {other}\.x, not {installed}"
    with pytest.raises(ImproperlyConfigured, match=refusal):
        server(f"opensearch{other}")
    assert server(f"opensearch{driven}")["default"]["BACKEND"] == f"portal.search.opensearch{driven}"


def server(backend):
    return wagtailsearch_backends(backend=backend, urls=["http://127.0.0.1:9200"], index_prefix="", timeout=1)


def test_the_settings_refuse_an_unknown_backend_at_start():
    result = load_settings("portal.settings.dev", SEARCH_BACKEND="elasticsearch", SEARCH_URL="http://es:9200")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SEARCH_BACKEND" in result.stderr


@pytest.mark.parametrize("backend", server_backends())
def test_every_server_backend_names_its_indexes_with_the_prefix(backend, settings, db):
    settings.WAGTAILSEARCH_BACKENDS = wagtailsearch_backends(
        backend=backend, urls=["http://127.0.0.1:9200"], index_prefix="westfield_", timeout=1
    )
    search_backend = get_search_backend()
    assert search_backend.get_index_for_model(Organisation).name == "westfield_directory_organisation"
    database = get_search_backend("database").__class__.__module__
    assert database.startswith(("modelsearch.backends.database", "portal.search.database"))
