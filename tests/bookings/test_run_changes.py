"""Changes to a run reach the people booked on it (issue 14): one email per booking per batch of changes, with a
calendar file that replaces the old events (same UID, higher SEQUENCE, cancelled events CANCELLED); staff see who
will be told before they save; cancelling a run cancels and tells every booking."""

from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from bookings import changes
from bookings.choices import BookingStatus
from bookings.errors import RunAlreadyCancelled
from bookings.models import Booking, RunChange
from portal.models import HubLogEntry, OutboundEmail
from programmes.choices import BookingWindow
from programmes.models import Run, Session
from tests.bookings.data import run_form_data
from tests.factories import SessionFactory
from tests.factories.users import hub_coordinator, hub_editor

pytestmark = pytest.mark.django_db

QUIET = timedelta(minutes=5)


@pytest.fixture
def booked_run(make_run, add_booking):
    """A run with one booking in each status: four to tell (confirmed, pending, offered, waiting), two not."""
    run = make_run(capacity=20)
    session = run.sessions.get()
    session.start, session.end = (time.replace(second=0) for time in (session.start, session.end))
    session.save()
    run.told = [
        add_booking(run, status=status, school_name=f"{status} school", contact_email=f"{status}@example.org")
        for status in (
            BookingStatus.CONFIRMED,
            BookingStatus.PENDING,
            BookingStatus.OFFERED,
            BookingStatus.WAITLISTED,
        )
    ]
    for status in (BookingStatus.CANCELLED, BookingStatus.DECLINED):
        add_booking(run, status=status, contact_email=f"{status}@example.org")
    return run


def move(session, **fields):
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()


def events_of(email):
    assert email.attachment_mimetype == "text/calendar"
    return {str(event["UID"]): event for event in Calendar.from_ical(email.attachment_content).walk("VEVENT")}


def uid(session):
    return f"session-{session.pk}@testserver"


class TestRecordAndSend:
    def test_moving_a_session_emails_every_booking_in_play_once_after_the_quiet_period(self, booked_run, now):
        session = booked_run.sessions.get()
        before = changes.snapshot_run(booked_run.pk)
        new_start = session.start + timedelta(days=1, hours=1)
        move(session, start=new_start, end=new_start + timedelta(hours=3), venue="Town Hall")

        change = changes.record_run_change(run_id=booked_run.pk, before=before, now=now)

        assert change is not None and len(change.lines) == 1
        assert "has moved" in change.lines[0] and "Town Hall" in change.lines[0]
        assert Session.objects.get(pk=session.pk).sequence == 1
        assert changes.send_run_changes(now=now + QUIET - timedelta(seconds=1)) == 0
        assert not OutboundEmail.objects.filter(template="run_changed").exists()

        assert changes.send_run_changes(now=now + QUIET) == 4

        emails = OutboundEmail.objects.filter(template="run_changed")
        assert sorted(emails.values_list("to", flat=True)) == sorted(b.contact_email for b in booked_run.told)
        for email in emails:
            assert "Town Hall" in email.body and "has moved" in email.body
            assert "Changes to" in email.subject
            event = events_of(email)[uid(session)]
            assert event["SEQUENCE"] == 1
            assert str(event["STATUS"]) == "CONFIRMED"
            assert event.decoded("DTSTART") == new_start
            assert "Town Hall" in str(event["LOCATION"])
        change.refresh_from_db()
        assert change.notified_at == now + QUIET and change.bookings_told == 4
        assert changes.send_run_changes(now=now + QUIET * 3) == 0, "never twice"
        assert HubLogEntry.objects.filter(action="bookings.run_changed", object_id=str(booked_run.told[0].pk)).exists()

    def test_changes_within_the_quiet_period_go_in_one_email(self, booked_run, now):
        session = booked_run.sessions.get()
        before = changes.snapshot_run(booked_run.pk)
        move(session, venue="Library")
        changes.record_run_change(run_id=booked_run.pk, before=before, now=now)
        before = changes.snapshot_run(booked_run.pk)
        session.refresh_from_db()
        move(session, start=session.start + timedelta(hours=1))
        changes.record_run_change(run_id=booked_run.pk, before=before, now=now + timedelta(minutes=3))

        assert changes.send_run_changes(now=now + QUIET) == 0, "the second change restarts the quiet period"
        assert changes.send_run_changes(now=now + timedelta(minutes=3) + QUIET) == 4

        email = OutboundEmail.objects.filter(template="run_changed", to=booked_run.told[0].contact_email).get()
        assert email.body.count("has moved") == 2
        assert events_of(email)[uid(session)]["SEQUENCE"] == 2

    def test_a_session_taken_off_the_run_is_a_cancelled_event_and_a_new_one_is_added(self, booked_run, now):
        first = booked_run.sessions.get()
        gone = SessionFactory(run=booked_run, title="Day 2", start=first.start + timedelta(days=1))
        gone.end = gone.start + timedelta(hours=2)
        gone.save()
        before = changes.snapshot_run(booked_run.pk)
        gone.delete()
        added = SessionFactory(run=booked_run, title="Day 3", start=first.start + timedelta(days=2))

        change = changes.record_run_change(run_id=booked_run.pk, before=before, now=now)
        changes.send_run_changes(now=now + QUIET)

        assert any("Day 2" in line and "cancelled" in line for line in change.lines)
        assert any("New session: Day 3" in line for line in change.lines)
        events = events_of(OutboundEmail.objects.filter(template="run_changed").first())
        cancelled = events[f"session-{change.cancelled_sessions[0]['pk']}@testserver"]
        assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] == 1
        assert str(events[uid(added)]["STATUS"]) == "CONFIRMED"
        assert events[uid(first)]["SEQUENCE"] == 0, "an unchanged session keeps its sequence"

    def test_renaming_the_run_changes_every_event(self, booked_run, now):
        before = changes.snapshot_run(booked_run.pk)
        Run.objects.filter(pk=booked_run.pk).update(title="Spring cohort")
        change = changes.record_run_change(run_id=booked_run.pk, before=before, now=now)
        assert change.lines == ["The run is now called “Spring cohort”."]
        assert set(Session.objects.filter(run=booked_run).values_list("sequence", flat=True)) == {1}

    def test_nothing_the_booker_sees_changed_records_nothing(self, booked_run, now):
        before = changes.snapshot_run(booked_run.pk)
        Run.objects.filter(pk=booked_run.pk).update(capacity=30)
        assert changes.record_run_change(run_id=booked_run.pk, before=before, now=now) is None
        assert not RunChange.objects.exists()

    def test_a_run_nobody_booked_records_the_change_and_emails_nobody(self, make_run, now):
        run = make_run()
        before = changes.snapshot_run(run.pk)
        move(run.sessions.get(), venue="Elsewhere")
        assert changes.record_run_change(run_id=run.pk, before=before, now=now) is not None
        assert changes.send_run_changes(now=now + QUIET) == 0
        assert RunChange.objects.get().notified_at is not None


class TestCancelRun:
    def test_cancels_and_tells_every_booking_in_play_with_cancelled_events(self, booked_run, now, staff):
        user = staff("Hub coordinators")
        session = booked_run.sessions.get()

        assert changes.cancel_run(run_id=booked_run.pk, user=user, now=now) == 4

        run = Run.objects.get(pk=booked_run.pk)
        assert run.cancelled_at == now
        assert run.booking_status(now) == BookingWindow.CLOSED
        assert not Run.objects.open_for_booking(now).filter(pk=run.pk).exists()
        assert set(Booking.objects.filter(run=run).values_list("status", flat=True)) == {
            BookingStatus.CANCELLED,
            BookingStatus.DECLINED,
        }
        emails = OutboundEmail.objects.filter(template="run_cancelled")
        assert emails.count() == 4
        for email in emails:
            event = events_of(email)[uid(session)]
            assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 1
        with pytest.raises(RunAlreadyCancelled):
            changes.cancel_run(run_id=run.pk, user=user, now=now)

    def test_drops_changes_not_yet_sent(self, booked_run, now, staff):
        before = changes.snapshot_run(booked_run.pk)
        move(booked_run.sessions.get(), venue="Library")
        changes.record_run_change(run_id=booked_run.pk, before=before, now=now)
        changes.cancel_run(run_id=booked_run.pk, user=staff("Hub coordinators"), now=now)
        assert changes.send_run_changes(now=now + QUIET) == 0
        assert not OutboundEmail.objects.filter(template="run_changed").exists()


def edit_url(run):
    return f"/admin/programmes/run/edit/{run.pk}/"


class TestAdmin:
    @pytest.fixture
    def coordinator(self, client, hub):
        client.force_login(hub_coordinator(hubs=[hub], username="coordinator"))
        return client

    def moved(self, run, **extra):
        session = run.sessions.get()
        data = run_form_data(run, **extra)
        data["sessions-0-venue"] = "Town Hall"
        return session, data

    def test_staff_see_who_will_be_told_and_nothing_is_saved_until_they_confirm(self, coordinator, booked_run):
        session, data = self.moved(booked_run)

        response = coordinator.post(edit_url(booked_run), data)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Saving these changes emails 4 bookings" in page
        for booking in booked_run.told:
            assert booking.reference in page and booking.school_name in page
        assert "cancelled school" not in page
        assert Session.objects.get(pk=session.pk).venue != "Town Hall"
        assert not RunChange.objects.exists()

        response = coordinator.post(edit_url(booked_run), data | {"confirm_notify": "yes"})

        assert response.status_code == 302
        assert Session.objects.get(pk=session.pk).venue == "Town Hall"
        change = RunChange.objects.get()
        assert change.made_by.username == "coordinator" and change.notified_at is None

    def test_the_edit_page_lists_the_bookings_to_tell(self, coordinator, booked_run):
        page = coordinator.get(edit_url(booked_run)).content.decode()
        assert "4 bookings will be emailed if you move" in page
        assert booked_run.told[3].reference in page

    def test_a_change_nobody_sees_saves_at_once(self, coordinator, booked_run):
        response = coordinator.post(edit_url(booked_run), run_form_data(booked_run, capacity=25))
        assert response.status_code == 302
        assert Run.objects.get(pk=booked_run.pk).capacity == 25
        assert not RunChange.objects.exists()

    def test_cancel_run_asks_then_cancels(self, coordinator, booked_run):
        url = reverse("bookings_admin:cancel_run", args=[booked_run.pk])
        page = coordinator.get(url).content.decode()
        assert "4 bookings will be cancelled and emailed" in page
        assert booked_run.told[0].school_name in page

        coordinator.post(url, {})
        assert Run.objects.get(pk=booked_run.pk).cancelled_at is None

        response = coordinator.post(url, {"confirm": "yes"})
        assert response.status_code == 302
        assert Run.objects.get(pk=booked_run.pk).cancelled_at is not None

    def test_cancel_run_refuses_another_hubs_run(self, client, other_hub, booked_run):
        client.force_login(hub_coordinator(hubs=[other_hub], username="theirs"))
        url = reverse("bookings_admin:cancel_run", args=[booked_run.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"confirm": "yes"}).status_code == 404
        assert Run.objects.get(pk=booked_run.pk).cancelled_at is None

    def test_cancel_run_refuses_staff_who_cannot_change_bookings(self, client, hub, booked_run):
        client.force_login(hub_editor(hubs=[hub], username="editor"))
        url = reverse("bookings_admin:cancel_run", args=[booked_run.pk])
        assert client.post(url, {"confirm": "yes"}).status_code in {302, 403}
        assert Run.objects.get(pk=booked_run.pk).cancelled_at is None
