import pytest

from bookings import services
from bookings.choices import BookingStatus

pytestmark = pytest.mark.django_db


def test_book_then_waitlist_then_offer_on_cancel(
    make_run, school_details, now, django_capture_on_commit_callbacks, mailoutbox
):
    run = make_run(capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        first, token = services.book_places(run_id=run.pk, kind="school", places=8, details=school_details, now=now)
        second, _ = services.book_places(run_id=run.pk, kind="school", places=5, details=school_details, now=now)
        services.cancel_booking(booking_id=first.pk, now=now)
    second.refresh_from_db()
    assert first.status == BookingStatus.CONFIRMED
    assert second.status == BookingStatus.OFFERED
    assert token and len(token) >= 43
    assert len(mailoutbox) == 4
