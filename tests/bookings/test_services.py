"""Every booking service path and every domain error, with the clock passed in."""

from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest

from bookings import services
from bookings.choices import BookingStatus
from bookings.errors import (
    BookingClosed,
    InvalidPlaces,
    InvalidTransition,
    NotEnoughPlaces,
    OfferExpired,
    OverSchoolCap,
    WrongBookingKind,
)
from bookings.models import Booking, BookingLink
from portal.models import HubLogEntry, OutboundEmail
from portal.tokens import hash_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(school_details, now):
    def make(run, places, **kwargs):
        booking, _ = services.book_places(
            run_id=run.pk,
            kind=run.booking_mode,
            places=places,
            details=school_details,
            now=kwargs.pop("at", now),
            **kwargs,
        )
        return booking

    return make


class TestBookPlaces:
    def test_free_places_are_confirmed_and_the_token_is_stored_hashed(self, make_run, school_details, now):
        run = make_run(capacity=10)
        booking, token = services.book_places(run_id=run.pk, kind="school", places=4, details=school_details, now=now)
        assert booking.status == BookingStatus.CONFIRMED
        assert booking.manage_token_hash == hash_token(token) != token
        assert len(token) >= 43, "at least 256 bits, URL-safe"
        assert booking.reference.startswith("BK-") and len(booking.reference) == 11

    def test_runs_needing_approval_hold_places_as_pending(self, make_run, book):
        run = make_run(capacity=10, needs_approval=True)
        assert book(run, 4).status == BookingStatus.PENDING
        assert services.free_places(run) == 6

    def test_more_than_free_goes_on_the_waiting_list(self, make_run, book):
        run = make_run(capacity=10)
        book(run, 8)
        assert book(run, 3).status == BookingStatus.WAITLISTED
        assert book(run, 2).status == BookingStatus.CONFIRMED
        assert services.free_places(run) == 0

    def test_same_submission_twice_makes_one_booking(self, make_run, school_details, now):
        run = make_run()
        first, token = services.book_places(
            run_id=run.pk, kind="school", places=2, details=school_details, submission_key="abc", now=now
        )
        again, again_token = services.book_places(
            run_id=run.pk, kind="school", places=2, details=school_details, submission_key="abc", now=now
        )
        assert again == first and token and again_token is None
        assert Booking.objects.count() == 1

    @pytest.mark.parametrize("offset", [timedelta(days=-8), timedelta(days=14), timedelta(days=20)])
    def test_outside_the_booking_window_is_closed(self, make_run, book, now, offset):
        run = make_run()
        with pytest.raises(BookingClosed):
            book(run, 1, at=now + offset)
        assert not Booking.objects.exists()

    def test_run_already_finished_is_closed_even_inside_the_window(self, make_run, book, now):
        run = make_run(booking_closes=now + timedelta(days=60))
        session = run.sessions.get()
        session.start, session.end = now - timedelta(days=2), now - timedelta(days=1)
        session.save()
        with pytest.raises(BookingClosed):
            book(run, 1)

    def test_wrong_kind_is_refused(self, make_run, school_details, now):
        run = make_run(booking_mode="participant")
        with pytest.raises(WrongBookingKind):
            services.book_places(run_id=run.pk, kind="school", places=1, details=school_details, now=now)

    @pytest.mark.parametrize("places", [0, -3, "4", None, 2.5])
    def test_invalid_places_are_refused(self, make_run, book, places):
        with pytest.raises(InvalidPlaces):
            book(make_run(), places)
        assert not Booking.objects.exists()

    def test_per_school_cap(self, make_run, book):
        run = make_run(capacity=30, per_school_cap=10)
        with pytest.raises(OverSchoolCap) as error:
            book(run, 11)
        assert "10" in str(error.value.message)

    def test_confirmation_email_after_commit_with_calendar(
        self, make_run, book, django_capture_on_commit_callbacks, mailoutbox
    ):
        run = make_run()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            book(run, 2)
        assert mailoutbox == [], "nothing is sent inside the transaction"
        for callback in callbacks:
            callback()
        (email,) = mailoutbox
        assert "Booking confirmed" in email.subject
        assert email.attachments[0][0].endswith(".ics")
        assert "/bookings/manage/" in email.body


class TestCancelAndChange:
    def test_cancel_offers_freed_places_in_order_of_arrival_to_bookings_that_fit(self, make_run, book, now):
        run = make_run(capacity=10)
        big = book(run, 10)
        too_big = book(run, 8, at=now + timedelta(minutes=1))
        fits = book(run, 3, at=now + timedelta(minutes=2))
        also_fits = book(run, 2, at=now + timedelta(minutes=3))
        services.cancel_booking(booking_id=big.pk, now=now)
        too_big.refresh_from_db(), fits.refresh_from_db(), also_fits.refresh_from_db()
        assert too_big.status == BookingStatus.OFFERED, "first in the queue and 8 <= 10 free"
        assert fits.status == BookingStatus.WAITLISTED, "only 2 left after the first offer"
        assert also_fits.status == BookingStatus.OFFERED
        assert too_big.offer_expires_at == now + timedelta(hours=48)

    def test_cancelling_twice_is_refused(self, make_run, book):
        booking = book(make_run(), 1)
        services.cancel_booking(booking_id=booking.pk)
        with pytest.raises(InvalidTransition):
            services.cancel_booking(booking_id=booking.pk)

    def test_reduce_frees_places_for_the_waiting_list(self, make_run, book, now):
        run = make_run(capacity=10)
        first = book(run, 10)
        waiting = book(run, 4)
        services.change_places(booking_id=first.pk, places=6, now=now)
        waiting.refresh_from_db()
        assert waiting.status == BookingStatus.OFFERED
        assert services.free_places(run) == 0

    def test_increase_within_free_places(self, make_run, book):
        run = make_run(capacity=10)
        booking = book(run, 4)
        services.change_places(booking_id=booking.pk, places=9)
        assert services.free_places(run) == 1

    def test_increase_beyond_free_places_is_refused(self, make_run, book):
        run = make_run(capacity=10)
        booking = book(run, 4)
        book(run, 5)
        with pytest.raises(NotEnoughPlaces):
            services.change_places(booking_id=booking.pk, places=6)
        booking.refresh_from_db()
        assert booking.places == 4

    def test_change_respects_the_school_cap_and_minimum(self, make_run, book):
        run = make_run(capacity=30, per_school_cap=10)
        booking = book(run, 4)
        with pytest.raises(OverSchoolCap):
            services.change_places(booking_id=booking.pk, places=11)
        with pytest.raises(InvalidPlaces):
            services.change_places(booking_id=booking.pk, places=0)

    def test_cancelled_booking_cannot_be_changed(self, make_run, book):
        booking = book(make_run(), 2)
        services.cancel_booking(booking_id=booking.pk)
        with pytest.raises(InvalidTransition):
            services.change_places(booking_id=booking.pk, places=1)


class TestStaffDecisions:
    def test_confirm_pending(self, make_run, book, admin_user):
        booking = book(make_run(needs_approval=True), 3)
        services.confirm_booking(booking_id=booking.pk, user=admin_user)
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CONFIRMED
        entry = HubLogEntry.objects.get(object_id=str(booking.pk), action="bookings.confirm")
        assert entry.user == admin_user

    def test_confirm_only_pending(self, make_run, book, admin_user):
        booking = book(make_run(), 3)
        with pytest.raises(InvalidTransition):
            services.confirm_booking(booking_id=booking.pk, user=admin_user)

    def test_decline_pending_offers_its_places(self, make_run, book, admin_user, now):
        run = make_run(capacity=5, needs_approval=True)
        pending = book(run, 5)
        waiting = book(run, 2)
        services.decline_booking(booking_id=pending.pk, user=admin_user, now=now)
        waiting.refresh_from_db()
        assert waiting.status == BookingStatus.OFFERED

    def test_decline_refused_for_confirmed(self, make_run, book, admin_user):
        booking = book(make_run(), 1)
        with pytest.raises(InvalidTransition):
            services.decline_booking(booking_id=booking.pk, user=admin_user)

    def test_staff_offer_to_a_waiting_booking_that_fits(self, make_run, book, admin_user):
        run = make_run(capacity=10)
        book(run, 8)
        waiting = book(run, 5)
        small = book(run, 2)
        assert small.status == BookingStatus.CONFIRMED
        with pytest.raises(NotEnoughPlaces):
            services.offer_place(booking_id=waiting.pk, user=admin_user)
        services.cancel_booking(booking_id=small.pk)
        waiting.refresh_from_db()
        assert waiting.status == BookingStatus.WAITLISTED, "2 free places do not fit 5"
        with pytest.raises(InvalidTransition):
            services.offer_place(booking_id=small.pk, user=admin_user)


class TestOffers:
    @pytest.fixture
    def offered(self, make_run, book, now):
        run = make_run(capacity=4)
        holder = book(run, 4)
        waiting = book(run, 4)
        services.cancel_booking(booking_id=holder.pk, now=now)
        waiting.refresh_from_db()
        assert waiting.status == BookingStatus.OFFERED
        return waiting

    def test_accept_within_the_time(self, offered, now):
        services.accept_offer(booking_id=offered.pk, now=now + timedelta(hours=47))
        offered.refresh_from_db()
        assert offered.status == BookingStatus.CONFIRMED
        assert offered.offer_expires_at is None

    def test_accept_after_expiry_is_refused_and_passes_the_place_on(self, offered, book, now):
        next_in_line = book(offered.run, 3, at=now + timedelta(hours=1))
        with pytest.raises(OfferExpired):
            services.accept_offer(booking_id=offered.pk, now=now + timedelta(hours=49))
        offered.refresh_from_db(), next_in_line.refresh_from_db()
        assert offered.status == BookingStatus.OFFER_EXPIRED
        assert next_in_line.status == BookingStatus.OFFERED

    def test_accept_when_not_offered(self, make_run, book):
        with pytest.raises(InvalidTransition):
            services.accept_offer(booking_id=book(make_run(), 1).pk)

    def test_expire_offers_is_repeatable_and_passes_places_on(self, offered, book, now):
        next_in_line = book(offered.run, 4, at=now + timedelta(hours=1))
        assert services.expire_offers(now=now + timedelta(hours=47)) == 0
        assert services.expire_offers(now=now + timedelta(hours=48)) == 1
        assert services.expire_offers(now=now + timedelta(hours=48)) == 0
        next_in_line.refresh_from_db()
        assert next_in_line.status == BookingStatus.OFFERED
        assert next_in_line.offer_expires_at == now + timedelta(hours=96)

    def test_offer_sends_a_new_link_and_keeps_the_first(self, offered):
        email = OutboundEmail.objects.filter(subject__startswith="A place is free").get()
        token = email.body.split("/bookings/manage/")[1].split("/")[0]
        assert BookingLink.objects.get(token_hash=hash_token(token)).booking == offered
        assert Booking.objects.get(pk=offered.pk).manage_token_hash == offered.manage_token_hash
        assert "The link we sent you before works too." in email.body


class TestReminders:
    def test_reminder_once_for_confirmed_bookings_starting_soon(self, make_run, book, now):
        run = make_run()
        confirmed = book(run, 2)
        pending = book(make_run(needs_approval=True), 2)
        start = run.sessions.get().start
        assert services.send_booking_reminders(now=start - timedelta(days=5)) == 0
        assert services.send_booking_reminders(now=start - timedelta(days=2)) == 1
        assert services.send_booking_reminders(now=start - timedelta(days=1)) == 0
        reminders = OutboundEmail.objects.filter(subject__startswith="Reminder")
        assert reminders.count() == 1
        assert reminders.get().to == confirmed.contact_email
        pending.refresh_from_db()
        assert pending.reminder_sent_at is None


def test_a_failing_mail_server_never_loses_or_blocks_a_booking(
    make_run, school_details, now, django_capture_on_commit_callbacks
):
    run = make_run()
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=SMTPException("relay down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        booking, _ = services.book_places(run_id=run.pk, kind="school", places=2, details=school_details, now=now)
    assert Booking.objects.filter(pk=booking.pk, status=BookingStatus.CONFIRMED).exists()
    queued = OutboundEmail.objects.get()
    assert queued.sent_at is None and queued.attempts == 1, "kept for the retry"


def test_a_waiting_booking_that_shrinks_to_fit_is_offered(make_run, school_details, now):
    run = make_run(capacity=10)
    services.book_places(run_id=run.pk, kind="school", places=7, details=school_details, now=now)
    waiting, _ = services.book_places(run_id=run.pk, kind="school", places=5, details=school_details, now=now)
    assert waiting.status == BookingStatus.WAITLISTED
    services.change_places(booking_id=waiting.pk, places=3, now=now)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.OFFERED


def test_participant_registration_is_always_one_place(make_run, now):
    run = make_run(booking_mode="participant")
    details = {"contact_name": "P", "contact_email": "p@example.org", "contact_phone": "01632 960000"}
    with pytest.raises(InvalidPlaces):
        services.book_places(run_id=run.pk, kind="participant", places=2, details=details, now=now)
    booking, _ = services.book_places(run_id=run.pk, kind="participant", places=1, details=details, now=now)
    with pytest.raises(InvalidPlaces):
        services.change_places(booking_id=booking.pk, places=2, now=now)
