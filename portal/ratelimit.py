"""Hourly per-address limits on anonymous submissions, counted in the shared cache (Redis in production).

The address is the client's as ``TrustedProxyMiddleware`` leaves it in REMOTE_ADDR, hashed with the secret key so
the cache never holds an IP address.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60 * 60


class HourlyLimit:
    def __init__(self, name, setting):
        self.name = name
        self.setting = setting

    def _key(self, request):
        address = request.META.get("REMOTE_ADDR", "")
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
        return f"{self.name}:rate:{digest}:{int(time.time() // WINDOW_SECONDS)}"

    def exceeded(self, request):
        return (cache.get(self._key(request)) or 0) >= getattr(settings, self.setting)

    def count(self, request):
        key = self._key(request)
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, WINDOW_SECONDS)
