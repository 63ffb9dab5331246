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


class TestPerHub:
    """Each hub keeps its bookings for its own ``booking_retention_months``, else the setting's."""

    @pytest.fixture
    def two_hubs_bookings(self, hub, other_hub, make_run, now, settings):
        from tests.factories import ProgrammeIndexPageFactory, ProgrammePageFactory, RunFactory, SessionFactory
        from tests.factories.bookings import SCHOOL_DETAILS

        settings.BOOKING_RETENTION_MONTHS = 12
        ours = make_run()
        index = ProgrammeIndexPageFactory(parent=other_hub.site.root_page)
        theirs = RunFactory(
            programme=ProgrammePageFactory(parent=index, image=None),
            capacity=10,
            booking_opens=now - timedelta(days=7),
            booking_closes=now + timedelta(days=14),
        )
        end = now + timedelta(days=30, hours=3)
        SessionFactory(run=theirs, start=now + timedelta(days=30), end=end)
        from tests.factories import BookingFactory

        return (
            BookingFactory(run=ours, places=1, status="confirmed", **SCHOOL_DETAILS),
            BookingFactory(run=theirs, places=1, status="confirmed", **SCHOOL_DETAILS),
            end,
        )

    def test_a_hub_with_a_shorter_period_anonymises_sooner(self, two_hubs_bookings, other_hub):
        ours, theirs, end = two_hubs_bookings
        other_hub.booking_retention_months = 3
        other_hub.save()

        assert anonymise_past_bookings(now=end + timedelta(days=120)) == 1
        assert Booking.objects.get(pk=theirs.pk).anonymised_at is not None
        assert Booking.objects.get(pk=ours.pk).anonymised_at is None
        assert anonymise_past_bookings(now=end + timedelta(days=370)) == 1
        assert Booking.objects.get(pk=ours.pk).contact_email == ""

    def test_a_hub_with_a_longer_period_keeps_them_longer(self, two_hubs_bookings, hub):
        ours, theirs, end = two_hubs_bookings
        hub.booking_retention_months = 24
        hub.save()

        assert anonymise_past_bookings(now=end + timedelta(days=400)) == 1
        assert Booking.objects.get(pk=theirs.pk).anonymised_at is not None
        assert Booking.objects.get(pk=ours.pk).anonymised_at is None
        assert anonymise_past_bookings(now=end + timedelta(days=750)) == 1

    def test_hubs_without_a_period_use_the_setting(self, two_hubs_bookings, settings):
        _ours, _theirs, end = two_hubs_bookings
        settings.BOOKING_RETENTION_MONTHS = 2
        assert anonymise_past_bookings(now=end + timedelta(days=70)) == 2
