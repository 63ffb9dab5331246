"""The page cache (portal/pagecache.py): what it serves to whom, with which headers, and what makes it out of date."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend

from portal import pagecache
from tests.factories import (
    BookingFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    RunFactory,
    ServiceFactory,
    SessionFactory,
    StandardPageFactory,
    UserFactory,
    partner_of,
)

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=5, s-maxage=5"


class RecordingBackend(BaseBackend):
    """A frontend cache (CDN) that records the URLs it is asked to purge."""

    purged = []

    def __init__(self, params):
        super().__init__(params)

    def purge(self, url):
        RecordingBackend.purged.append(url)


@pytest.fixture
def programme(programme_index):
    programme = ProgrammePageFactory(parent=programme_index, title="Outdoor residential")
    run = RunFactory(programme=programme, title="Spring cohort", capacity=20)
    SessionFactory(run=run)
    return programme


@pytest.fixture
def run(programme):
    return programme.runs.get()


@pytest.fixture
def organisation(home_page):
    organisation = OrganisationFactory(name="Fell Trust", slug="fell-trust", summary="Outdoor help for everyone.")
    ServiceFactory(organisation=organisation, name="Walking group")
    return organisation


@pytest.fixture(autouse=True)
def no_hits_left():
    """Hits a test counted but did not queue are forgotten (else queued when the test process exits)."""
    yield
    pagecache.hit_counter.take()


def cached(client, path, **extra):
    """Ask for ``path`` until the cache holds it (the first request for a host in a process learns its site, the
    next stores the page); returns the stored response."""
    client.get(path, **extra)
    return client.get(path, **extra)


def served_from_cache(client, path, **extra):
    """The page, asserting it cost no query (not ``django_assert_num_queries``: it turns the page cache off)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert [query["sql"] for query in queries.captured_queries] == [], path
    return response


@pytest.fixture
def page_paths(home_page, programme, organisation):
    standard = StandardPageFactory(parent=home_page, title="About the hub", slug="about")
    return [
        "/",
        programme.get_parent().url,
        programme.url,
        standard.url,
        "/directory/",
        "/directory/?q=walking",
        f"/directory/{organisation.slug}/",
        "/search/?q=residential",
    ]


def test_each_public_page_is_answered_from_the_cache_the_second_time(client, page_paths, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # searches logged: below
    for path in page_paths:
        stored = cached(client, path)
        assert stored.status_code == 200, path
        again = served_from_cache(client, path)
        assert again.status_code == 200
        assert again.content == stored.content, path
        assert again["Cache-Control"] == PUBLIC, path


def test_a_cached_page_has_the_same_headers_as_a_fresh_one(client, home_page, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    fresh = client.get("/", secure=True)
    stored = client.get("/", secure=True)
    hit = served_from_cache(client, "/", secure=True)
    assert dict(hit.items()) == dict(stored.items()) == dict(fresh.items())
    for header in ("Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert hit[header] == fresh[header], header
    assert "nonce-" not in hit["Content-Security-Policy"]
    assert "'unsafe-inline'" not in hit["Content-Security-Policy"]


def test_head_is_answered_from_the_cache_without_a_body(client, home_page):
    stored = cached(client, "/")
    with CaptureQueriesContext(connection) as queries:
        head = client.head("/")
    assert len(queries) == 0
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == stored["Content-Length"]


def test_hosts_and_query_strings_are_cached_apart(client, home_page, other_hub):
    ours = cached(client, "/")
    theirs = cached(client, "/", HTTP_HOST="other.localhost")
    assert ours.content != theirs.content
    assert served_from_cache(client, "/").content == ours.content
    assert served_from_cache(client, "/", HTTP_HOST="other.localhost").content == (theirs.content)
    # Another query string is another page: not yet cached.
    assert client.get("/directory/?q=walking").content != client.get("/directory/?q=nothing").content


def test_a_signed_in_visitor_is_never_served_nor_fills_the_cache(client, home_page):
    client.force_login(UserFactory())
    for _ in range(3):
        response = client.get("/")
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response.context is not None, "served from the cache"
    anonymous = Client()
    anonymous.get("/")  # learns the host's site
    assert anonymous.get("/").context is not None, "the signed-in visitor's page was stored"


def test_a_visitor_with_a_session_or_messages_cookie_is_not_served_from_the_cache(client, home_page):
    cached(client, "/")
    for name in (settings.SESSION_COOKIE_NAME, "messages"):
        visitor = Client()
        visitor.cookies[name] = "anything"
        response = visitor.get("/")
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response.context is not None, f"rendered for a visitor with a {name} cookie"


def test_a_csrf_cookie_alone_still_gets_the_cached_page(client, home_page):
    stored = cached(client, "/")
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    assert served_from_cache(client, "/").content == stored.content


def test_pages_with_personal_data_or_forms_are_never_cached(client, run):
    booking = BookingFactory(run=run)
    organisation = OrganisationFactory()
    for path in (
        f"/book/{run.pk}/",
        f"/bookings/manage/{booking.manage_token}/",
        "/report/",
        "/report/case-review/",
        "/accounts/login/",
    ):
        for _ in range(3):
            response = client.get(path, follow=True)
            assert response.status_code == 200, path
            assert "no-store" in response["Cache-Control"], path
            assert response.context is not None, f"{path} was served from the cache"
    partner = Client()
    partner.force_login(partner_of(organisation))
    for _ in range(3):
        response = partner.get("/partners/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert response.context is not None


def test_publishing_a_page_shows_at_once(client, home_page, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=home_page, title="Opening hours", slug="hours")
    assert "Opening hours" in cached(client, page.url).content.decode()
    page.title = "Opening times"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Opening times" in client.get(page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_booking_changes_the_places_left_shown_on_the_next_request(
    client, programme, run, django_capture_on_commit_callbacks
):
    assert "20 of 20 places" in cached(client, programme.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        booking = BookingFactory(run=run, places=3)
    assert "17 of 20 places" in client.get(programme.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        booking.delete()
    assert "20 of 20 places" in client.get(programme.url).content.decode()


def test_a_booking_rolled_back_changes_nothing(client, programme, run):
    cached(client, programme.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        BookingFactory(run=run, places=3)
        raise RuntimeError("the booking failed")
    assert "20 of 20 places" in served_from_cache(client, programme.url).content.decode()


def test_a_change_at_one_hub_leaves_anothers_cache(
    client, programme, run, other_hub, django_capture_on_commit_callbacks
):
    cached(client, programme.url)
    theirs = cached(client, "/", HTTP_HOST="other.localhost")
    with django_capture_on_commit_callbacks(execute=True):
        BookingFactory(run=run, places=3)
    assert served_from_cache(client, "/", HTTP_HOST="other.localhost").content == (theirs.content)
    assert "17 of 20 places" in client.get(programme.url).content.decode()


def test_a_directory_change_shows_at_once(client, organisation, django_capture_on_commit_callbacks):
    page = f"/directory/{organisation.slug}/"
    assert "Outdoor help for everyone." in cached(client, page).content.decode()
    cached(client, "/directory/")
    organisation.summary = "Outdoor help for young people."
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save_revision().publish()
    assert "Outdoor help for young people." in client.get(page).content.decode()
    newcomer = OrganisationFactory.build(name="Harbour Youth Club", slug="harbour-youth")
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.save()
        ServiceFactory(organisation=newcomer, name="Drop-in")
    assert "Harbour Youth Club" in client.get("/directory/").content.decode()


def test_a_rebuild_in_progress_serves_the_page_it_replaces(client, programme, run, django_capture_on_commit_callbacks):
    """A flood of changes (a booking rush) rebuilds a page once at a time, not once per request."""
    cached(client, programme.url)
    with django_capture_on_commit_callbacks(execute=True):
        BookingFactory(run=run, places=3)
    digest_keys = [key for key in cache._cache if "pagecache:page:" in key]  # LocMemCache's own keys
    assert digest_keys
    for key in digest_keys:
        cache.add(key.split(":", 2)[-1].replace("pagecache:page:", "pagecache:lock:"), 1, 30)
    stale = client.get(programme.url)  # another request is rebuilding it
    assert "20 of 20 places" in stale.content.decode()
    assert stale["Cache-Control"] == "public, max-age=0, s-maxage=0", "a CDN must not keep the page being replaced"
    cache.delete_many([key.split(":", 2)[-1].replace("pagecache:page:", "pagecache:lock:") for key in digest_keys])
    assert "17 of 20 places" in client.get(programme.url).content.decode()


def test_a_page_expires_when_booking_opens(client, programme, run, settings, monkeypatch):
    settings.PAGECACHE_CDN_SECONDS = 300
    opens = timezone.now() + timedelta(seconds=100)
    run.booking_opens, run.booking_closes = opens, opens + timedelta(days=7)
    run.save()
    stored = cached(client, programme.url)
    assert "Booking opens at" in stored.content.decode()
    max_age = int(stored["Cache-Control"].rsplit("s-maxage=", 1)[1])
    assert 0 < max_age <= 100
    later = opens.timestamp() + 1
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    monkeypatch.setattr(timezone, "now", lambda: opens + timedelta(seconds=1))
    assert "Open until" in client.get(programme.url).content.decode()


def test_cdn_headers_are_longer_only_where_purges_reach(client, home_page, settings):
    settings.PAGECACHE_CDN_SECONDS = 300
    assert cached(client, "/")["Cache-Control"] == "public, max-age=5, s-maxage=300"
    assert cached(client, "/search/?q=help")["Cache-Control"] == PUBLIC  # no purge names every query string


def test_publishing_and_places_left_purge_the_cdn(client, programme, run, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.portal.test_pagecache.RecordingBackend"}}
    RecordingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        programme.title = "Outdoor weekend"
        programme.save_revision().publish()
    assert "http://localhost/programmes/outdoor-residential/" in {
        url.replace(":80", "") for url in RecordingBackend.purged
    }
    RecordingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        BookingFactory(run=run, places=3)
    purged = {url.replace(":80", "") for url in RecordingBackend.purged}
    assert {"http://localhost/", "http://localhost/programmes/", programme.full_url.replace(":80", "")} <= purged


def test_a_directory_change_purges_the_cdn(organisation, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.portal.test_pagecache.RecordingBackend"}}
    RecordingBackend.purged = []
    organisation.summary = "New summary"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save_revision().publish()
    purged = {url.replace(":80", "") for url in RecordingBackend.purged}
    assert {"http://localhost/directory/", "http://localhost/directory/fell-trust/"} <= purged


def test_a_search_served_from_the_cache_is_still_logged(client, home_page):
    from home.models import SearchTally

    cached(client, "/search/?q=residential")
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/?q=residential")
    assert not any("wagtailsearch_" in query["sql"] or 'FROM "wagtailcore_page"' in query["sql"] for query in queries)
    assert sum(SearchTally.objects.values_list("searches", flat=True)) == 3


def test_a_page_that_used_a_csrf_token_is_not_stored(rf, home_page):
    """A visitor who already holds the CSRF cookie is set none, yet a page with a form carries their own token."""
    from django.middleware.csrf import get_token
    from django.urls import ResolverMatch

    request = rf.get("/")
    request.resolver_match = ResolverMatch(lambda request: None, (), {}, url_name="wagtail_serve")
    response = pagecache.HttpResponse(b"<form></form>")
    middleware = pagecache.PageCacheMiddleware(lambda request: response)
    assert middleware.storable(request, response)
    get_token(request)
    assert not middleware.storable(request, response)


def test_cached_searches_are_counted_in_the_process_and_logged_together(client, home_page, settings):
    """A hit queues no task of its own: hits are counted in the process and queued as one task with their number."""
    from django_tasks import default_task_backend

    from home.models import SearchTally

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.PAGECACHE_HITS_SECONDS = 3600
    default_task_backend.clear()
    cached(client, "/search/?q=residential")  # two searches run (each queues its log task), the second stored
    for _ in range(6):
        served_from_cache(client, "/search/?q=residential")
    assert [result.kwargs.get("hits") for result in default_task_backend.results] == [None, None]
    pagecache.hit_counter.flush()
    (flush,) = default_task_backend.results[2:]
    searched = default_task_backend.results[0].kwargs
    assert searched["query"] == "residential" and searched["hub_id"] == home_page.get_site().hub.pk
    assert flush.kwargs == searched | {"hits": 6}
    flush.task.call(*flush.args, **flush.kwargs)
    assert SearchTally.objects.get().searches == 6
    pagecache.hit_counter.flush()  # nothing left: nothing queued
    assert len(default_task_backend.results) == 3


class RecordedWork:
    """Work a cached page asks for per hit, recording what is queued (from any thread)."""

    queued = []

    @classmethod
    def enqueue(cls, **kwargs):
        cls.queued.append(kwargs)


def test_counted_hits_are_queued_by_a_timer(settings):
    """Hits are queued a few seconds after the first, without waiting for another request (a thread's timer)."""
    settings.PAGECACHE_HITS_SECONDS = 0.2
    RecordedWork.queued = []
    work = {"hub_id": None, "query": "noise", "found": False}
    for _ in range(3):
        pagecache.count_hit("tests.portal.test_pagecache.RecordedWork", work)
    assert RecordedWork.queued == []
    deadline = time.monotonic() + 10
    while not RecordedWork.queued and time.monotonic() < deadline:
        time.sleep(0.05)
    assert RecordedWork.queued == [work | {"hits": 3}]
