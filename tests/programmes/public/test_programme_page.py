from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programmes.models import Run
from tests.factories import BookingFactory, OrganisationFactory, ProgrammePageFactory, RunFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(programme_index):
    return ProgrammePageFactory(parent=programme_index, title="Outdoor residential", delivery_partner_name="Fell Trust")


def test_shows_upcoming_runs_with_sessions_places_and_booking_window(client, programme):
    now = timezone.now()
    open_run = RunFactory(programme=programme, title="Next residential", capacity=24)
    for day in range(4):
        SessionFactory(run=open_run, title=f"Day {day + 1}", start=now + timedelta(days=30 + day), venue="Fell Centre")
    later = RunFactory(
        programme=programme,
        title="Summer residential",
        booking_opens=now + timedelta(days=60),
        booking_closes=now + timedelta(days=90),
        capacity=12,
    )
    SessionFactory(run=later, start=now + timedelta(days=120))
    finished = RunFactory(programme=programme, title="Last year")
    SessionFactory(run=finished, start=now - timedelta(days=300), end=now - timedelta(days=299))

    response = client.get(programme.url)
    body = response.content.decode()
    assert [run.title for run in response.context["runs"]] == ["Next residential", "Summer residential"]
    assert "24 of 24 places" in body
    assert "Open until" in body
    assert "Booking opens at" in body
    assert body.count("Fell Centre") == 4
    assert "Last year" not in body
    assert "Fell Trust" in body
    assert f"/programmes/calendar/{programme.pk}.ics" in body


def test_programme_without_runs_says_so(client, programme):
    assert "There are no dates planned at the moment" in client.get(programme.url).content.decode()


PROGRAMME_PAGE_BUDGET = 6


def _add_runs(programme, count, first=0):
    """``count`` runs, each with three sessions and bookings holding 2 + 3 places and 4 waiting."""
    now = timezone.now()
    for number in range(first, first + count):
        run = RunFactory(programme=programme, title=f"Cohort {number:02d}", capacity=30)
        for day in range(3):
            SessionFactory(run=run, title=f"Day {day + 1}", start=now + timedelta(days=30 + 7 * number + day))
        BookingFactory(run=run, places=2)
        BookingFactory(run=run, places=3, pending=True)
        BookingFactory(run=run, places=4, waitlisted=True)
        BookingFactory(run=run, places=5, cancelled=True)


def _programme_page_queries(client, programme, django_assert_max_num_queries):
    client.get(programme.url)  # the first request fills the site structure and settings caches
    with django_assert_max_num_queries(PROGRAMME_PAGE_BUDGET) as captured:
        response = client.get(programme.url)
    assert response.status_code == 200
    return response, len(captured)


def test_programme_page_queries_stay_within_budget_and_flat_from_1_to_20_runs(
    client, programme, django_assert_max_num_queries
):
    _add_runs(programme, 1)
    response, one_run = _programme_page_queries(client, programme, django_assert_max_num_queries)
    assert len(response.context["runs"]) == 1

    _add_runs(programme, 19, first=1)
    response, twenty_runs = _programme_page_queries(client, programme, django_assert_max_num_queries)
    body = response.content.decode()
    assert [run.title for run in response.context["runs"]] == [f"Cohort {number:02d}" for number in range(20)]
    assert body.count("25 of 30 places") == 20
    assert body.count("Day 3: ") == 20
    assert twenty_runs == one_run, f"{one_run} queries with 1 run, {twenty_runs} with 20"


def test_places_held_and_waiting_are_counted_per_run(programme):
    _add_runs(programme, 2)
    runs = Run.objects.for_programme_page(programme)
    assert [(run.places_held, run.places_waiting, run.places_left) for run in runs] == [(5, 4, 25), (5, 4, 25)]
    assert [len(run.sorted_sessions) for run in runs] == [3, 3]


def test_the_image_and_delivery_partner_cost_no_query_of_their_own(client, programme_index, no_page_cache):
    """They are fetched with the page: a programme with both costs what one with neither does."""
    partner = OrganisationFactory(name="Fellside Outdoor Trust", slug="fellside-outdoor-trust")
    with_both = ProgrammePageFactory(parent=programme_index, delivery_partner=partner)
    with_neither = ProgrammePageFactory(parent=programme_index, image=None)

    def count(page):
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            body = client.get(page.url).content.decode()
        return len(queries), body

    both, body = count(with_both)
    neither, _ = count(with_neither)
    assert "/directory/fellside-outdoor-trust/" in body and "<img" in body
    assert both == neither


def test_the_page_shows_each_change_to_its_runs_sessions_and_places_at_once(
    client, programme, django_capture_on_commit_callbacks
):
    """Nothing about runs is kept in the site's caches, and each change empties the page cache once committed: the
    next request after a change shows it."""
    _add_runs(programme, 1)
    run = Run.objects.get(programme=programme)
    assert "25 of 30 places" in client.get(programme.url).content.decode()

    def committed(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return client.get(programme.url).content.decode()

    assert "19 of 30 places" in committed(lambda: BookingFactory(run=run, places=6))

    def rename():
        run.capacity = 40
        run.title = "Renamed cohort"
        run.save()

    body = committed(rename)
    assert "29 of 40 places" in body and "Renamed cohort" in body

    session = run.sessions.get(title="Day 2")
    session.venue = "Fell Centre"
    assert "Fell Centre" in committed(session.save)

    run.cancelled_at = timezone.now()
    assert "Renamed cohort" not in committed(run.save)
