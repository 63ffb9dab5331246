"""Hourly per-address limits on anonymous submissions, counted in the shared cache (Redis in production).

A submission takes its slot before any work is done, and the cache's atomic increment decides: ``cache.add``
makes the hour's counter if it is missing, ``cache.incr`` counts, and only a result within the limit goes on.
Reading the count first and adding to it afterwards let every request of a burst through. A slot is given back
when the work fails or turns out to repeat a submission already made, so the counter holds the submissions made
(and those under way); a request over the limit takes nothing.

The address is the client's as ``TrustedProxyMiddleware`` leaves it in REMOTE_ADDR, hashed with the secret key so
the cache never holds an IP address.
"""

import hashlib
import logging
import time
from contextlib import contextmanager, suppress

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60
INCREMENT_ATTEMPTS = 3


class RateLimited(Exception):
    """The address has used this hour's submissions."""


class Slot:
    """One of an address's submissions this hour, with the marker that its submission key holds it."""

    def __init__(self, counter_key=None, marker_key=None):
        self.counter_key = counter_key
        self.marker_key = marker_key

    def give_back(self):
        if self.counter_key is None:
            return
        cache.delete(self.marker_key)
        with suppress(ValueError):  # the hour's counter has expired: nothing left to give back
            cache.decr(self.counter_key)
        self.counter_key = None


class HourlyLimit:
    def __init__(self, name, setting):
        self.name = name
        self.setting = setting

    @contextmanager
    def slot(self, request, *, submission_key):
        """Hold one of the address's submissions this hour while the block does the work.

        Raises RateLimited, counting nothing, when the hour's are used up. The slot is given back if the block
        raises; the block calls ``give_back()`` when its work repeated a submission already made. A request
        with a ``submission_key`` that already holds a slot (a double click) gets one that counts nothing: the
        service's idempotent submission makes it find the first request's result.
        """
        slot = self._take(request, submission_key)
        try:
            yield slot
        except BaseException:
            slot.give_back()
            raise

    def _take(self, request, submission_key):
        marker = f"{self.name}:submission:{_digest(submission_key)}"
        if not cache.add(marker, 1, WINDOW_SECONDS):
            return Slot()
        taken = Slot(self._key(request), marker)
        if _increment(taken.counter_key) > getattr(settings, self.setting):
            taken.give_back()
            raise RateLimited
        return taken

    def _key(self, request):
        digest = _digest(f"{settings.SECRET_KEY}:{request.META.get('REMOTE_ADDR', '')}")
        return f"{self.name}:rate:{digest}:{int(time.time() // WINDOW_SECONDS)}"


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _increment(key):
    """The counter after adding one, made at zero first if missing (or evicted between the two calls)."""
    for _attempt in range(INCREMENT_ATTEMPTS):
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            return cache.incr(key)
        except ValueError:
            continue
    # Only a cache that keeps nothing gets here; production refuses those (portal.checks).
    logger.warning("The hourly submission counter could not be kept: the cache stores nothing.")
    return 0
