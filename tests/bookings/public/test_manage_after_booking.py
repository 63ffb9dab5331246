"""The manage page after booking (issue 14): the sessions as they are now with a calendar download, the
booking's history, and the booker's own changes to contact details, needs, year groups and emergency contact."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from bookings import changes
from bookings.models import Booking
from bookings.services import book_places, cancel_booking, change_places
from portal.models import HubLogEntry, OutboundEmail
from programmes.choices import BookingMode
from tests.bookings.public.test_public_manage import PARTICIPANT_DETAILS

pytestmark = pytest.mark.django_db


def manage_url(token, action=""):
    return f"/bookings/manage/{token}/" + (f"{action}/" if action else "")


@pytest.fixture
def booked(make_run, school_details):
    run = make_run(capacity=10)
    return book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=4, details=school_details)


def test_calendar_download_has_the_sessions_as_they_are_now(client, booked, now):
    booking, token = booked
    session = booking.run.sessions.get()
    before = changes.snapshot_run(booking.run_id)
    session.venue = "Town Hall"
    session.save()
    changes.record_run_change(run_id=booking.run_id, before=before, now=now)

    response = client.get(f"/bookings/manage/{token}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Referrer-Policy"] == "strict-origin"
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == f"session-{session.pk}@testserver"
    assert event["SEQUENCE"] == 1 and str(event["STATUS"]) == "CONFIRMED"
    assert "Town Hall" in str(event["LOCATION"])

    cancel_booking(booking_id=booking.pk)
    (event,) = Calendar.from_ical(client.get(f"/bookings/manage/{token}/calendar.ics").content).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"


def test_history_tells_what_happened_in_order(client, booked, now):
    booking, token = booked
    change_places(booking_id=booking.pk, places=5)
    before = changes.snapshot_run(booking.run_id)
    session = booking.run.sessions.get()
    session.start += timedelta(hours=2)
    session.end += timedelta(hours=2)
    session.save()
    changes.record_run_change(run_id=booking.run_id, before=before, now=now - timedelta(minutes=10))
    changes.send_run_changes(now=now)

    page = client.get(manage_url(token)).content.decode()

    assert "History" in page
    made, places, moved = page.index("Booking made"), page.index("Changed to 5 places"), page.index("has moved")
    assert made < places < moved
    assert "The hub changed the run" in page
    assert "Download the sessions for your calendar" in page


def test_school_changes_contact_year_groups_and_needs(client, booked):
    booking, token = booked
    old_email = booking.contact_email
    page = client.get(manage_url(token, "details")).content.decode()
    assert f'value="{booking.contact_name}"' in page

    response = client.post(
        manage_url(token, "details"),
        {
            "contact_name": "Sam New",
            "contact_role": "Head of year 8",
            "contact_email": "sam.new@example.org",
            "contact_phone": "01632 960999",
            "year_groups": ["8", "9"],
            "additional_needs": "One wheelchair user",
        },
    )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.contact_name, booking.contact_email, booking.year_groups) == (
        "Sam New",
        "sam.new@example.org",
        "Year 8, Year 9",
    )
    assert booking.additional_needs == "One wheelchair user"
    emails = OutboundEmail.objects.filter(template="booking_details_changed")
    assert set(emails.values_list("to", flat=True)) == {"sam.new@example.org", old_email}
    for email in emails:
        assert "Sam New" not in email.body and "wheelchair" not in email.body, "emails name fields, not values"
    entry = HubLogEntry.objects.get(action="bookings.change_details")
    assert "Sam New" not in str(entry.data)
    page = client.get(manage_url(token)).content.decode()
    assert "Details changed" in page and "Your details have been changed." in page


def test_invalid_details_are_refused_with_the_error(client, booked):
    _booking, token = booked
    response = client.post(manage_url(token, "details"), {"contact_name": "", "contact_email": "nope"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_young_persons_health_details_are_never_shown_back_and_empty_keeps_them(client, make_run):
    run = make_run(booking_mode=BookingMode.PARTICIPANT)
    booking, token = book_places(run_id=run.pk, kind=BookingMode.PARTICIPANT, places=1, details=PARTICIPANT_DETAILS)

    for page in (client.get(manage_url(token)), client.get(manage_url(token, "details"))):
        assert "Asthma" not in page.content.decode()
    form = {
        "contact_name": "Jo Parent",
        "contact_email": "jo@example.org",
        "contact_phone": "07700 900982",
        "emergency_contact_name": "Pat Neighbour",
        "emergency_contact_phone": "07700 900555",
        "medical_needs": "",
        "dietary_needs": "No nuts",
        "access_needs": "",
    }
    assert client.post(manage_url(token, "details"), form).status_code == 302

    booking = Booking.objects.get(pk=booking.pk)
    assert booking.emergency_contact_name == "Pat Neighbour"
    assert booking.medical_needs == "Asthma: carries an inhaler"
    assert booking.dietary_needs == "No nuts"
    assert "No nuts" not in client.get(manage_url(token)).content.decode()


def test_a_cancelled_booking_cannot_change_details(client, booked):
    booking, token = booked
    cancel_booking(booking_id=booking.pk)
    response = client.post(manage_url(token, "details"), {"contact_name": "Late"})
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).contact_name != "Late"
