"""A server-side cache of public pages for anonymous visitors, and the cache headers a CDN in front can use.

**What is cached.** A GET or HEAD from a visitor with no session, messages or language cookie and no
Authorization header, answered by one of the views named in ``PAGECACHE_VIEWS`` (Wagtail's page serving,
the site search, the directory and its organisation pages, the published figures), when the response is a 200
with no Set-Cookie (a page with a CSRF token sets the CSRF cookie, so forms are never cached), no
``no-store``/``no-cache``/``private`` in its Cache-Control, and no CSP nonce (a stored page would replay a nonce
that a later response's Content-Security-Policy header does not name). Everything else passes through untouched,
except that a visitor with a session asking for a page of those views gets ``Cache-Control: private, no-store``
(they may see their name, messages or Wagtail's userbar).

**Why our own middleware.** wagtail-cache (CodeRed), the well-kept library for this, requires Wagtail < 8 in its
latest release (3.0.0) and clears the whole cache on any publish. Django's cache middleware looks up the cache
only after the session, authentication and CSRF middleware (its fetch must sit last), keys on the ``Vary``
headers (``Vary: Cookie`` makes every visitor with a CSRF cookie an entry of their own), and knows no
invalidation but its timeout. This middleware sits right after WhiteNoise: a hit costs one cache round trip
(``get_many`` of the entry and its site's generation) and no session, user, CSRF or database work. The
middleware outside it (HSTS and the other SecurityMiddleware headers, the Content-Security-Policy) runs on a hit
as on a miss; the headers set inside it (X-Frame-Options, Permissions-Policy, Vary, Content-Language) are stored
with the body and replayed, so a hit carries exactly the headers of a miss.

**Invalidation: a generation per site.** Each Wagtail site (hub) has a generation token in the cache. An entry
records the generation it was built under and is served only while that is still the site's generation; any
content change replaces the generation (``bump``) of the sites it shows on, after the transaction commits
(``portal.pagecache_invalidation``): pages published, unpublished, moved or deleted, a run's bookings, runs and
sessions, directory entries, site settings, snippets. A generation rather than deleting keys, because one change
shows on many addresses (a programme's places left on its page, its index, the home page, every search and
directory query string), which no list of keys could name; bumping is one cache write, and stale entries simply
expire. Per site, because each hub is its own site: a booking at one hub does not empty another's cache (the
shared directory bumps every site).

**Time.** Some content changes with the clock alone (a run's booking window opens at 9 a.m.; a run ends). An
entry therefore also expires at the next such moment (``next_boundary``: the earliest future booking opening or
closing, or session start or end, of any run, one query, remembered until it passes or a run changes), and after
``PAGECACHE_SECONDS`` (300) at most, which bounds whatever else changes unnoticed (a review date getting old).

**A flood of changes.** During a booking rush every confirmation bumps the hub's generation. The first request
to find its entry out of date takes a short lock (``PAGECACHE_LOCK_SECONDS``) and rebuilds the page; requests
arriving meanwhile get the entry being replaced (stale by at most one rebuild; ``s-maxage=0``, so no CDN keeps it)
rather than all rebuilding the page at once. So a visitor sees a page older than its last change for at most about
one rebuild, and never longer than twice the lock (6 seconds by default): the figure the README states.

**Cache headers.** A cached page is sent with ``Cache-Control: public, max-age=<PAGECACHE_BROWSER_SECONDS>,
s-maxage=<PAGECACHE_CDN_SECONDS>``: browsers keep it a few seconds (no purge reaches them), a shared cache
longer, because Wagtail's frontend cache purge (``WAGTAILFRONTENDCACHE``) tells it when a page changes. Pages with
a query string (searches, filters) get the browser figure for both: no purge can name every query string. Both
figures stop at the next time boundary.
"""

import atexit
import hashlib
import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connections
from django.http import HttpResponse
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

ENTRY_KEY = "pagecache:page:{digest}"
LOCK_KEY = "pagecache:lock:{digest}"
GENERATION_KEY = "pagecache:generation:{site_id}"
BOUNDARY_KEY = "pagecache:boundary"
MOMENTS_HOOK = "register_pagecache_moments"
# Headers never stored: recomputed on every answer (Cache-Control), or set by middleware outside this one.
_NOT_STORED = {"cache-control", "set-cookie", "content-security-policy", "content-security-policy-report-only"}
_UNCACHEABLE_DIRECTIVES = ("no-store", "no-cache", "private")
# How long an entry stays readable past its expiry, so a request may serve it while another rebuilds the page.
STALE_GRACE_SECONDS = 30
# Per process: the site each host name answered for last time (checked against the entry, only a hint).
_MAX_HOSTS = 1000


@dataclass(frozen=True)
class Entry:
    site_id: int
    generation: str
    expires_at: float
    boundary: float
    status: int
    headers: tuple
    content: bytes
    on_hit: tuple | None  # (import path of a task, its keyword arguments): work hits still have to do (HitCounter)


def enabled():
    return getattr(settings, "PAGECACHE_ENABLED", True)


def generation_key(site_id):
    return GENERATION_KEY.format(site_id=site_id)


def bump(site_ids):
    """Make every cached page of these sites out of date: give each a new generation."""
    cache.set_many({generation_key(site_id): secrets.token_hex(8) for site_id in site_ids}, None)


def current_generation(site_id):
    key = generation_key(site_id)
    generation = cache.get(key)
    if generation is None:
        cache.add(key, secrets.token_hex(8), None)
        generation = cache.get(key)
    return generation


def forget_boundary():
    cache.delete(BOUNDARY_KEY)


def next_boundary(now):
    """The next moment (epoch seconds) at which some page may change with the clock alone (a run's booking opening
    or closing, a session starting or ending): the earliest that an app's ``register_pagecache_moments`` hook
    gives (a function returning an epoch or None, e.g. ``programmes.pagecache.next_moment``). Remembered in the
    cache until it passes or a run or session changes (``forget_boundary``)."""
    boundary = cache.get(BOUNDARY_KEY)
    if boundary is not None and boundary > now:
        return boundary
    from wagtail import hooks

    moments = [moment for next_moment in hooks.get_hooks(MOMENTS_HOOK) if (moment := next_moment()) is not None]
    boundary = min((moment for moment in moments if moment > now), default=now + 24 * 60 * 60)
    cache.set(BOUNDARY_KEY, boundary, max(1, int(boundary - now) + 1))
    return boundary


def cache_control(boundary, now, has_query):
    """The Cache-Control of a cacheable page: browsers a few seconds, shared caches longer, both until the next time
    boundary at most."""
    left = max(0, int(boundary - now))
    browser = min(settings.PAGECACHE_BROWSER_SECONDS, left)
    shared = browser if has_query else min(settings.PAGECACHE_CDN_SECONDS, left)
    return f"public, max-age={browser}, s-maxage={shared}"


class PageCacheMiddleware:
    """Answers anonymous GETs and HEADs of public pages from the cache; fills it from the views' answers.

    Placed right after WhiteNoise, before the session, authentication and CSRF middleware, which a hit skips.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = frozenset(getattr(settings, "PAGECACHE_VIEWS", ()))
        self.bypass_cookies = tuple(
            {settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGES_COOKIE_NAME", "messages")}
            | {settings.LANGUAGE_COOKIE_NAME}
        )
        self.sites_by_host = {}

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not enabled():
            return self.get_response(request)
        if not self.anonymous(request):
            return self.personal(request, self.get_response(request))
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        scheme = "https" if request.is_secure() else "http"
        digest = hashlib.sha256(f"{scheme}://{host}{request.get_full_path()}".encode()).hexdigest()
        key = ENTRY_KEY.format(digest=digest)
        lock = entry = generation = None
        site_id = self.sites_by_host.get(host)
        if site_id is not None:
            gen_key = generation_key(site_id)
            found = cache.get_many([key, gen_key])
            entry, generation = found.get(key), found.get(gen_key)
            if isinstance(entry, Entry) and entry.site_id == site_id and generation is not None:
                now = time.time()
                if entry.generation == generation and now < entry.expires_at:
                    return self.replay(request, entry, now)
                lock = LOCK_KEY.format(digest=digest)
                if not cache.add(lock, 1, settings.PAGECACHE_LOCK_SECONDS):
                    # Another request is rebuilding this page: the entry it replaces, meanwhile, which no shared
                    # cache may keep (a CDN's purge may have come before this answer).
                    return self.replay(request, entry, now, stale=True)
        try:
            response = self.get_response(request)
            self.store(request, response, key, host, site_id, generation, replaces=entry is not None)
        finally:
            if lock is not None:
                cache.delete(lock)
        return response

    def anonymous(self, request):
        cookies = request.COOKIES
        return "HTTP_AUTHORIZATION" not in request.META and not any(name in cookies for name in self.bypass_cookies)

    def cacheable_view(self, request):
        match = getattr(request, "resolver_match", None)
        return match is not None and match.view_name in self.views

    def personal(self, request, response):
        """A page that would be cached, asked for by a visitor with a session: nobody else's cache may keep it."""
        if self.cacheable_view(request) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response

    def storable(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if any(directive in response.get("Cache-Control", "") for directive in _UNCACHEABLE_DIRECTIVES):
            return False
        if getattr(request, "_csp_nonce", None) is not None:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            # The page used a CSRF token (a form that posts): a visitor who already had the cookie sets none, yet
            # the token in the page is theirs alone.
            return False
        return self.cacheable_view(request)

    def store(self, request, response, key, host, site_id, generation, replaces):
        if not self.storable(request, response):
            if replaces:
                cache.delete(key)  # what was cached there is no longer the page (unpublished, now a redirect)
            return
        site = getattr(request, "_wagtail_site", None)
        if site is None:
            return
        if site.pk != site_id or generation is None:
            # The generation is read before the view renders: a change meanwhile leaves this entry out of date.
            # The first request for a host in this process reads it here, after: it is not stored.
            if len(self.sites_by_host) >= _MAX_HOSTS:
                self.sites_by_host.clear()
            self.sites_by_host[host] = site.pk
            current_generation(site.pk)
            self.add_cache_control(request, response, next_boundary(time.time()))
            return
        now = time.time()
        boundary = next_boundary(now)
        expires_at = min(now + settings.PAGECACHE_SECONDS, boundary)
        self.add_cache_control(request, response, boundary)
        if request.method != "GET":
            return
        headers = tuple((name, value) for name, value in response.items() if name.lower() not in _NOT_STORED)
        entry = Entry(
            site_id=site.pk,
            generation=generation,
            expires_at=expires_at,
            boundary=boundary,
            status=response.status_code,
            headers=headers,
            content=response.content,
            on_hit=getattr(response, "pagecache_on_hit", None),
        )
        cache.set(key, entry, max(1, int(expires_at - now)) + STALE_GRACE_SECONDS)

    def add_cache_control(self, request, response, boundary):
        response["Cache-Control"] = cache_control(boundary, time.time(), bool(request.META.get("QUERY_STRING")))

    def replay(self, request, entry, now, stale=False):
        response = HttpResponse(b"" if request.method == "HEAD" else entry.content, status=entry.status)
        for name, value in entry.headers:
            response[name] = value
        if stale:
            response["Cache-Control"] = "public, max-age=0, s-maxage=0"
        else:
            response["Cache-Control"] = cache_control(entry.boundary, now, bool(request.META.get("QUERY_STRING")))
        if entry.on_hit:
            count_hit(*entry.on_hit)
        return response


# Work hits still have to do (a cached search is still logged), counted in the process and queued together.


class HitCounter:
    """Hits on cached pages whose view asked for work per hit (``response.pagecache_on_hit``: a task and its keyword
    arguments), counted in this process and queued as one task per kind of work with ``hits=n``, at most every
    ``PAGECACHE_HITS_SECONDS`` (a timer after the first hit; 0: at once). A hit itself costs a dict update: no
    cache round trip nor task queue write (a cached search answered at half the rate of other cached pages when
    each hit queued its own log task). Counts still held when the process stops are queued as it exits; a
    process killed outright loses at most those seconds' counts (a search report tally, nothing a person sent)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pending = {}
        self.timer = None
        atexit.register(self.flush)

    def count(self, path, kwargs):
        seconds = getattr(settings, "PAGECACHE_HITS_SECONDS", 10)
        work = json.dumps([path, kwargs], sort_keys=True)
        with self.lock:
            self.pending[work] = self.pending.get(work, 0) + 1
            timer = None
            if seconds > 0 and self.timer is None:
                timer = self.timer = threading.Timer(seconds, self.flush_from_timer)
                timer.daemon = True
        if timer is not None:
            timer.start()
        elif seconds <= 0:
            self.flush()

    def take(self):
        with self.lock:
            pending, self.pending, self.timer = self.pending, {}, None
        return pending

    def flush(self):
        """Queue the work for every hit counted so far (one task per kind of work)."""
        for work, hits in self.take().items():
            path, kwargs = json.loads(work)
            try:
                import_string(path).enqueue(hits=hits, **kwargs)
            except Exception:
                logger.exception("Could not queue %s for %d page cache hits", path, hits)

    def flush_from_timer(self):
        try:
            self.flush()
        finally:
            connections.close_all()  # this thread's own database connections


hit_counter = HitCounter()


def count_hit(path, kwargs):
    hit_counter.count(path, kwargs)
