from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories import ProgrammePageFactory, RunFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_with_sessions(programme_index):
    programme = ProgrammePageFactory(parent=programme_index, title="Future Pathways")
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    sessions = []
    for run_title, weeks in (("Cohort 1", range(9)), ("Cohort 2", range(12, 15))):
        run = RunFactory(programme=programme, title=run_title)
        for week in weeks:
            sessions.append(
                SessionFactory(run=run, title=f"Week {week}", start=start + timedelta(weeks=week), venue="Hub, room 1")
            )
    other = ProgrammePageFactory(parent=programme_index)
    SessionFactory(run=RunFactory(programme=other), title="Not this programme")
    return programme, sessions


def test_feed_is_a_valid_calendar_with_every_session(client, programme_with_sessions):
    programme, sessions = programme_with_sessions
    response = client.get(f"/programmes/calendar/{programme.pk}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == len(sessions) == 12
    by_uid = {str(event["UID"]): event for event in events}
    assert len(by_uid) == 12, "every event needs its own UID"
    for session in sessions:
        event = next(event for event in events if str(event["UID"]).startswith(f"session-{session.pk}@"))
        assert event.decoded("DTSTART") == session.start
        assert event.decoded("DTEND") == session.end
        assert "DTSTAMP" in event
        assert session.title in str(event["SUMMARY"])
        assert "Hub, room 1" in str(event["LOCATION"])
        assert str(event["URL"]).endswith(programme.url)


def test_feed_lines_are_folded_and_crlf_terminated(client, programme_with_sessions):
    programme, _ = programme_with_sessions
    content = client.get(f"/programmes/calendar/{programme.pk}.ics").content
    lines = content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), "RFC 5545 3.1: lines longer than 75 octets must be folded"
    assert content.endswith(b"END:VCALENDAR\r\n")


def test_draft_programme_has_no_feed(client, programme_with_sessions):
    programme, _ = programme_with_sessions
    programme.unpublish()
    assert client.get(f"/programmes/calendar/{programme.pk}.ics").status_code == 404


def test_unknown_programme_has_no_feed(client, programme_index):
    assert client.get("/programmes/calendar/999999.ics").status_code == 404
