"""The 9 a.m. booking rush: many people confirm the same run at the same moment (issue 16).

Real threads with their own database connections (a file SQLite database, or PostgreSQL when DATABASE_URL points
there), as ``test_concurrency`` does. The run lock is held only for the count and the insert, and the booking's
email is queued unrendered under it and rendered by the worker: checked here with the worker's own code (the test
settings run each task at once, after commit).
"""

import re

import pytest
from django.core import mail

from bookings import services
from bookings.choices import BookingStatus
from bookings.models import Booking
from portal.models import OutboundEmail
from portal.outbox import send_due_emails
from tests.bookings.test_concurrency import held_places, run_in_threads

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 36
CAPACITY = 12


def book_at_once(run, school_details, people=PEOPLE):
    """Each person books one place with their own address and submission key, all at the same moment; returns
    {address: (booking, token)}."""

    def book(index):
        address = f"teacher{index}@school{index}.example.org"
        details = school_details | {"contact_email": address, "school_name": f"School {index}"}
        booking, token = services.book_places(
            run_id=run.pk, kind="school", places=1, details=details, submission_key=f"rush-{index}"
        )
        return address, (booking, token)

    return dict(run_in_threads(book, list(range(people))))


def test_a_rush_fills_exactly_the_places_and_the_rest_wait_in_the_order_the_lock_let_them_in(make_run, school_details):
    run = make_run(capacity=CAPACITY)
    mail.outbox.clear()

    made = book_at_once(run, school_details)

    bookings = list(Booking.objects.filter(run=run))
    assert len(bookings) == PEOPLE, "one booking per confirmation"
    assert {booking.pk for booking, _token in made.values()} == {booking.pk for booking in bookings}
    assert held_places(run) == CAPACITY
    statuses = [booking.status for booking in bookings]
    assert statuses.count(BookingStatus.CONFIRMED) == CAPACITY
    assert statuses.count(BookingStatus.WAITLISTED) == PEOPLE - CAPACITY
    confirmed_last = max(booking.created_at for booking in bookings if booking.status == BookingStatus.CONFIRMED)
    waiting_first = min(booking.created_at for booking in bookings if booking.status == BookingStatus.WAITLISTED)
    assert confirmed_last <= waiting_first, "booked at the moment the lock let them in: the places went first come"
    positions = sorted(booking.waiting_position() for booking in bookings if booking.status == BookingStatus.WAITLISTED)
    assert positions == list(range(1, PEOPLE - CAPACITY + 1))


def test_each_booking_in_a_rush_is_emailed_once_with_its_own_link_and_place_on_the_list(make_run, school_details):
    run = make_run(capacity=CAPACITY)
    mail.outbox.clear()

    made = book_at_once(run, school_details)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(made), "each booker emailed exactly once"
    assert OutboundEmail.objects.filter(sent_at__isnull=True).count() == 0
    assert not OutboundEmail.objects.filter(render_later__isnull=False).exists(), "no link's token kept once sent"
    for message in mail.outbox:
        booking, token = made[message.to[0]]
        booking.refresh_from_db()
        assert f"/bookings/manage/{token}/" in message.body
        assert booking.reference in message.subject
        if booking.status == BookingStatus.CONFIRMED:
            assert message.subject.startswith("Booking confirmed")
            assert message.attachments[0][0] == f"{booking.reference}.ics"
        else:
            assert message.subject.startswith("On the waiting list")
            told = re.search(r"It is (\d+)\w\w on the waiting list", message.body)
            assert told and int(told.group(1)) == booking.waiting_position(), "the place it holds, as it was told"


@pytest.mark.django_db(transaction=False)
def test_the_locked_part_is_the_lock_one_count_and_two_inserts(make_run, school_details, django_assert_num_queries):
    run = make_run(capacity=1)
    services.book_places(run_id=run.pk, kind="school", places=1, details=school_details)

    with django_assert_num_queries(7) as queries:
        booking, _token = services.book_places(
            run_id=run.pk, kind="school", places=1, details=school_details, submission_key="once"
        )

    sql = [query["sql"] for query in queries.captured_queries]
    assert "submission_key" in sql[0], "a repeated submission is looked for before the transaction"
    assert sql[1].startswith("SAVEPOINT") and sql[-1].startswith("RELEASE SAVEPOINT")
    locked = sql[2:-1]
    assert '"programmes_run"' in locked[0] and "bookings_booking" in locked[1]
    assert locked[2].startswith('INSERT INTO "bookings_booking"')
    assert locked[3].startswith('INSERT INTO "portal_outboundemail"')
    assert booking.status == BookingStatus.WAITLISTED


@pytest.mark.django_db(transaction=False)
def test_a_booking_email_queued_before_a_crash_is_rendered_and_sent_by_the_sweep(
    make_run, school_details, django_capture_on_commit_callbacks, mailoutbox
):
    """The process dies after the booking commits and before the worker was told: the row is there, and the
    scheduled sweep renders it from the ids it was queued with."""
    run = make_run(capacity=5)
    with django_capture_on_commit_callbacks(execute=False):
        booking, token = services.book_places(run_id=run.pk, kind="school", places=2, details=school_details)
    (queued,) = OutboundEmail.objects.all()
    assert queued.body == "" and queued.render_later["arguments"]["booking_id"] == booking.pk

    assert send_due_emails() == (1, 0)

    (message,) = mailoutbox
    assert message.subject.startswith("Booking confirmed") and f"/bookings/manage/{token}/" in message.body
    queued.refresh_from_db()
    assert queued.sent_at is not None and queued.render_later is None and queued.body == ""
