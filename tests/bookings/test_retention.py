from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from bookings import services
from bookings.models import Booking
from bookings.retention import anonymise_past_bookings
from portal.models import OutboundEmail
from programmes.models import Run

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant_booking(make_run, now):
    run = make_run(booking_mode="participant", capacity=5)
    booking, _ = services.book_places(
        run_id=run.pk,
        kind="participant",
        places=1,
        now=now,
        details={
            "contact_name": "Pat Parent",
            "contact_email": "pat@example.org",
            "contact_phone": "01632 960999",
            "participant_name": "Alex Young",
            "date_of_birth": (now - timedelta(days=14 * 365)).date(),
            "guardian_consent": True,
            "emergency_contact_name": "Jo",
            "emergency_contact_phone": "01632 960998",
            "medical_needs": "Asthma inhaler",
            "dietary_needs": "Vegetarian",
        },
    )
    return booking


def test_personal_data_goes_twelve_months_after_the_run_ends_and_counts_stay(participant_booking):
    run_end = participant_booking.run.sessions.get().end
    assert anonymise_past_bookings(now=run_end + timedelta(days=300)) == 0
    assert anonymise_past_bookings(now=run_end + timedelta(days=370)) == 1
    booking = Booking.objects.get(pk=participant_booking.pk)
    assert booking.participant_name == booking.contact_email == booking.medical_needs == ""
    assert booking.date_of_birth is None and booking.anonymised_at is not None
    assert (booking.status, booking.places, booking.reference) == (
        participant_booking.status,
        1,
        participant_booking.reference,
    )
    assert Booking.objects.filter(run=booking.run).places_held() == 1
    assert anonymise_past_bookings(now=run_end + timedelta(days=400)) == 0, "idempotent"


def test_retention_period_is_configurable(participant_booking, settings):
    settings.BOOKING_RETENTION_MONTHS = 1
    run_end = participant_booking.run.sessions.get().end
    assert anonymise_past_bookings(now=run_end + timedelta(days=40)) == 1


def test_apply_retention_command_also_deletes_old_sent_emails(participant_booking, capsys):
    OutboundEmail.objects.update(sent_at=participant_booking.created_at - timedelta(days=400))
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "old emails deleted (sent or undeliverable)" in out
    assert not OutboundEmail.objects.exists()


@pytest.fixture
def run_without_sessions(participant_booking):
    """The participant booking's run once its sessions are gone (never added, or deleted after booking)."""
    participant_booking.run.sessions.all().delete()
    return participant_booking.run


def test_a_run_without_sessions_ends_when_its_booking_closes(participant_booking, run_without_sessions):
    closes = run_without_sessions.booking_closes
    assert participant_booking.created_at < closes

    assert anonymise_past_bookings(now=closes + timedelta(days=360)) == 0
    assert anonymise_past_bookings(now=closes + timedelta(days=370)) == 1

    booking = Booking.objects.get(pk=participant_booking.pk)
    assert booking.medical_needs == booking.participant_name == "" and booking.date_of_birth is None


def test_a_booking_made_after_its_sessionless_run_closed_counts_from_when_it_was_made(
    participant_booking, run_without_sessions
):
    made = run_without_sessions.booking_closes + timedelta(days=100)
    Booking.objects.filter(pk=participant_booking.pk).update(created_at=made)

    assert anonymise_past_bookings(now=made + timedelta(days=360)) == 0
    assert anonymise_past_bookings(now=made + timedelta(days=370)) == 1
    assert Booking.objects.get(pk=participant_booking.pk).medical_needs == ""


def test_a_three_year_old_booking_of_a_run_without_sessions_loses_its_health_data(
    participant_booking, run_without_sessions, capsys
):
    three_years_ago = timezone.now() - timedelta(days=3 * 365)
    Booking.objects.filter(pk=participant_booking.pk).update(created_at=three_years_ago)
    Run.objects.filter(pk=run_without_sessions.pk).update(
        booking_opens=three_years_ago - timedelta(days=7), booking_closes=three_years_ago + timedelta(days=14)
    )

    call_command("apply_retention")

    assert "1 bookings anonymised." in capsys.readouterr().out
    assert Booking.objects.get(pk=participant_booking.pk).medical_needs == ""
