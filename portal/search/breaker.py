"""A circuit breaker for the search server, kept in the shared cache so every web process sees it (Redis when
REDIS_URL is set; without it each process keeps its own).

A server that is down or hangs must not make every search wait for its timeout before falling back. Once the server
fails a search the breaker opens: searches answer from the database without asking the server. After
``retry_seconds`` one search, the first to claim the trial (``cache.add`` is atomic), asks the server again: an
answer closes the breaker, another failure starts a new wait. Logged once when it opens and once when it closes,
never with what was searched for.
"""

import enum
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

UNAVAILABLE_KEY = "search-server:unavailable"
# Present while searches keep off the server; its expiry lets the next search (one only) try the server again.
WAITING_KEY = "search-server:waiting"
# 408 Request Timeout and 429 Too Many Requests are the server's state, not the search's fault.
BUSY_STATUSES = (408, 429)


class State(enum.Enum):
    CLOSED = "closed"
    TRIAL = "trial"
    OPEN = "open"


def state(*, retry_seconds):
    """The breaker for this search: CLOSED or TRIAL (this search asks the server) or OPEN (it does not)."""
    if cache.get(UNAVAILABLE_KEY) is None:
        return State.CLOSED
    if cache.add(WAITING_KEY, True, timeout=retry_seconds):
        return State.TRIAL
    return State.OPEN


def server_answered(state):
    """The server answered a search asked in ``state``: a trial's answer closes the breaker."""
    if state is State.TRIAL and cache.delete(UNAVAILABLE_KEY):
        logger.info("Search server answering again: searches ask it again")


def server_failed(error, *, state, retry_seconds):
    """A search asked in ``state`` got ``error`` from the server's client: the breaker opens if the server is at
    fault. A 4xx answer (a page beyond the server's result window, an index not built yet) is about the search or the
    index, not the server's availability: it opens nothing, and counts as an answer."""
    if not blames_the_server(error):
        server_answered(state)
        return
    cache.set(WAITING_KEY, True, timeout=retry_seconds)
    if cache.add(UNAVAILABLE_KEY, True, timeout=None):
        logger.warning(
            "Search server unavailable (%s): searches answer from the database, trying the server every %s seconds",
            type(error).__name__,
            retry_seconds,
        )


def blames_the_server(error):
    """No answer at all (connection refused, timeout), a 5xx, 408 or 429. Both clients' errors carry the HTTP
    status as ``status_code``; a connection error has none (Elasticsearch) or a string (OpenSearch's "N/A")."""
    status = getattr(error, "status_code", None)
    return not isinstance(status, int) or status >= 500 or status in BUSY_STATUSES
