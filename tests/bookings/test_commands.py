from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from bookings import services
from bookings.choices import BookingStatus

pytestmark = pytest.mark.django_db


def test_expire_offers_command_is_safe_to_repeat(make_run, school_details, now, capsys):
    run = make_run(capacity=2)
    holder, _ = services.book_places(run_id=run.pk, kind="school", places=2, details=school_details, now=now)
    waiting, _ = services.book_places(run_id=run.pk, kind="school", places=2, details=school_details, now=now)
    services.cancel_booking(booking_id=holder.pk, now=now - timedelta(days=3))
    with mock.patch("bookings.services.timezone.now", return_value=timezone.now()):
        call_command("expire_booking_offers")
        call_command("expire_booking_offers")
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.OFFER_EXPIRED
    assert capsys.readouterr().out.splitlines() == ["Expired 1 offer(s).", "Expired 0 offer(s)."]


def test_reminder_command_never_sends_twice(make_run, school_details, now, capsys):
    run = make_run()
    start = run.sessions.get().start
    services.book_places(run_id=run.pk, kind="school", places=2, details=school_details, now=now)
    with mock.patch("bookings.services.timezone.now", return_value=start - timedelta(days=1)):
        call_command("send_booking_reminders")
        assert services.send_booking_reminders() == 0
    assert capsys.readouterr().out.strip() == "Queued 1 reminder(s)."
