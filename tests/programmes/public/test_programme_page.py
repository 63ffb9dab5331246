from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ProgrammePageFactory, RunFactory, SessionFactory

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


def test_programme_page_queries_do_not_grow_with_runs(client, programme, no_page_cache):
    def queries_for_page():
        client.get(programme.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(programme.url)
        return len(queries)

    SessionFactory(run=RunFactory(programme=programme))
    one_run = queries_for_page()
    for _ in range(5):
        run = RunFactory(programme=programme)
        for _ in range(9):
            SessionFactory(run=run)
    assert queries_for_page() == one_run <= 12
