"""A search server that hangs or is down costs one search a wait, not every search: after it fails, searches answer
from the database without asking it until SEARCH_RETRY_SECONDS have passed; then one search tries it again, and an
answer closes the breaker. Searches wait SEARCH_QUERY_TIMEOUT at most, indexing SEARCH_TIMEOUT."""

import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.core.cache.backends import base, locmem
from django.test import override_settings
from modelsearch.backends import get_search_backend
from urllib3 import HTTPConnectionPool
from urllib3.exceptions import ReadTimeoutError

from directory.models import Organisation
from portal.search import breaker
from portal.search.config import wagtailsearch_backends
from tests.search.live import server_backends, server_down
from tests.support import shared_cache

SEARCHED_FOR = "canoeing"
# Each search here must reach the backend: the page cache (tested on its own) would answer the repeated ones.
pytestmark = pytest.mark.usefixtures("no_page_cache")


class HungServer:
    """A search server that accepts connections and never answers; ``connections`` counts them."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.accepted = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    @property
    def connections(self):
        return len(self.accepted)

    def accept(self):
        while not self.stopped.is_set():
            try:
                self.accepted.append(self.listener.accept()[0])
            except TimeoutError:
                continue

    def stop(self):
        self.stopped.set()
        self.thread.join()
        for connection in [self.listener, *self.accepted]:
            connection.close()


class CacheClock:
    """The local-memory cache's clock, moved on by the test: the breaker's wait is a cache entry's expiry."""

    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def hung_server():
    server = HungServer()
    yield server
    server.stop()


@pytest.fixture
def cache_clock(monkeypatch):
    clock = CacheClock()
    for module in (base, locmem):  # base sets an entry's expiry, locmem checks it
        monkeypatch.setattr(module, "time", clock)
    return clock


def search_pages(client):
    """/search/ and /directory/ for what was searched for: the titles and slugs they list."""
    site = client.get("/search/", {"q": SEARCHED_FOR})
    directory = client.get("/directory/", {"q": SEARCHED_FOR})
    assert (site.status_code, directory.status_code) == (200, 200)
    return [hit.page.title for hit in site.context["search"].pages], [
        organisation.slug for organisation in directory.context["results"]
    ]


FOUND = (["Canoeing residential"], ["canoeing-trust"])


def breaker_log(caplog):
    records = [record for record in caplog.records if record.name.startswith("portal.search")]
    for record in records:
        assert SEARCHED_FOR not in record.getMessage().lower()
    return [record.getMessage().split(":")[0] for record in records if record.name == "portal.search.breaker"]


@pytest.mark.django_db
@pytest.mark.parametrize("backend", server_backends())
def test_a_hung_server_is_tried_once_a_wait_not_by_every_search(
    backend, content, hung_server, cache_clock, client, settings, caplog
):
    caplog.set_level(logging.INFO, logger="portal.search")
    settings.WAGTAILSEARCH_BACKENDS = wagtailsearch_backends(
        backend=backend, urls=[hung_server.url], index_prefix="t_", timeout=60, search_timeout=0.5, retry_seconds=30
    )

    assert search_pages(client) == FOUND
    assert hung_server.connections == 1, "the first search waited for the server, the directory did not"
    assert search_pages(client) == FOUND
    cache_clock.advance(29)
    assert search_pages(client) == FOUND
    assert hung_server.connections == 1

    cache_clock.advance(2)
    assert search_pages(client) == FOUND
    assert hung_server.connections == 2, "one search tried the server again after the wait"
    assert search_pages(client) == FOUND
    assert hung_server.connections == 2
    assert breaker_log(caplog) == ["Search server unavailable (ConnectionTimeout)"]


@pytest.mark.django_db
@pytest.mark.search_server
def test_a_server_answering_again_closes_the_breaker(
    content, search_server, live_search, cache_clock, client, monkeypatch, caplog
):
    caplog.set_level(logging.INFO, logger="portal.search")
    live_search.rebuild()
    client_class = type(get_search_backend().es)
    asked = []
    for name in ("search", "count"):
        monkeypatch.setattr(client_class, name, counted(getattr(client_class, name), asked))
    with override_settings(WAGTAILSEARCH_BACKENDS=server_down(search_server.backend)):
        assert search_pages(client) == FOUND
    assert asked == ["search"]

    assert search_pages(client) == FOUND
    assert asked == ["search"], "the server is back, but searches keep off it until the wait is over"
    cache_clock.advance(31)
    assert search_pages(client) == FOUND
    # /search/ tried it (its pages, then its agencies); then /directory/ asked it once (its ranked keys are its count)
    assert asked == ["search", "search", "search", "search"]
    assert breaker_log(caplog) == ["Search server unavailable (ConnectionError)", "Search server answering again"]


def counted(method, calls):
    def call(*args, **kwargs):
        calls.append(method.__name__)
        return method(*args, **kwargs)

    return call


@pytest.mark.parametrize("backend", server_backends())
def test_searches_wait_the_search_timeout_and_indexing_the_client_timeout(backend, settings, monkeypatch):
    """Every search call a results page makes (search, count, scroll) gives up sooner than indexing calls."""
    settings.WAGTAILSEARCH_BACKENDS = wagtailsearch_backends(
        backend=backend, urls=["http://127.0.0.1:9200"], index_prefix="t_", timeout=20, search_timeout=2
    )
    waited = []

    def hang(pool, method, url, *args, **kwargs):
        timeout = kwargs.get("timeout", pool.timeout)
        waited.append(timeout if isinstance(timeout, int | float) else timeout.total or timeout.read_timeout)
        raise ReadTimeoutError(pool, url, "Read timed out.")

    monkeypatch.setattr(HTTPConnectionPool, "urlopen", hang)
    search_backend = get_search_backend()
    server_errors = search_backend.results_class.server_errors
    es, index = search_backend.es, search_backend.get_index_for_model(Organisation)
    for call in (
        lambda: es.search(index=index.name),
        lambda: es.count(index=index.name),
        lambda: es.scroll(scroll_id="a", scroll="1m"),
        lambda: es.clear_scroll(scroll_id="a"),
        index.refresh,
    ):
        with pytest.raises(server_errors):
            call()
    assert waited == [2, 2, 2, 2, 20]


@pytest.mark.parametrize("kind", ["locmem", "redis"])
def test_one_search_at_a_time_tries_the_server_again(kind):
    with shared_cache(kind):
        breaker.server_failed(TimeoutError(), state=breaker.State.CLOSED, retry_seconds=30)
        cache.delete(breaker.WAITING_KEY)  # the wait is over, as when the entry expires
        barrier = threading.Barrier(12)

        def search(_):
            barrier.wait(timeout=10)
            return breaker.state(retry_seconds=30)

        with ThreadPoolExecutor(max_workers=12) as pool:
            states = list(pool.map(search, range(12)))
    assert states.count(breaker.State.TRIAL) == 1
    assert states.count(breaker.State.OPEN) == 11
