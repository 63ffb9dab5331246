"""Changing places by the private link while the mail server hangs: the change and its offers commit, the
person is answered at once, and the worker sends the emails afterwards."""

import pytest

from bookings.choices import BookingStatus
from bookings.models import Booking
from bookings.services import book_places
from portal.models import OutboundEmail
from programmes.choices import BookingMode

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_places_change_that_offers_nine_places_answers_while_the_mail_server_hangs(
    client, make_run, school_details, add_booking, task_queue, hanging_mail_server
):
    run = make_run(capacity=10, per_school_cap=10)
    _booking, token = book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=10, details=school_details)
    waiting = [add_booking(run, places=1, status=BookingStatus.WAITLISTED) for _ in range(9)]
    earlier_emails = list(OutboundEmail.objects.values_list("pk", flat=True))

    response = client.post(f"/bookings/manage/{token}/places/", {"places": "1"})

    assert response.status_code == 302 and response["Location"] == f"/bookings/manage/{token}/"
    assert "Your booking now has 1 place." in client.get(response["Location"]).content.decode()
    offered = Booking.objects.filter(pk__in=[booking.pk for booking in waiting], status=BookingStatus.OFFERED)
    assert offered.count() == 9
    assert not hanging_mail_server.called.is_set(), "the request never talked to the mail server"
    queued = OutboundEmail.objects.exclude(pk__in=earlier_emails).filter(sent_at__isnull=True, attempts=0)
    assert queued.count() == 10, "one email to the booker, one per offer"

    hanging_mail_server.answers.set()
    task_queue()

    assert len(hanging_mail_server.delivered) == 10 + len(earlier_emails)
    assert not OutboundEmail.objects.filter(sent_at__isnull=True).exists()
