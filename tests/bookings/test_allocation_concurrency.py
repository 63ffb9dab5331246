"""Allocation racing cancellations, with real threads and their own connections (file SQLite, or PostgreSQL with
DATABASE_URL): the places held never exceed the run's, the run is allocated once, every request still open is
offered or waiting, and nobody waits who would fit the places left."""

from datetime import timedelta

import pytest

from bookings import services, waiting
from bookings.choices import BookingStatus
from bookings.models import Allocation, Booking
from programmes.choices import Allocation as AllocationMethod
from tests.bookings.test_concurrency import held_places, run_in_threads

pytestmark = pytest.mark.django_db(transaction=True)


def test_allocation_while_people_cancel_keeps_the_invariant(make_run, school_details, now):
    run = make_run(
        capacity=10,
        allocation=AllocationMethod.AFTER_WINDOW,
        booking_opens=now - timedelta(days=7),
        booking_closes=now + timedelta(minutes=5),
    )
    requests = [
        services.book_places(
            run_id=run.pk,
            kind="school",
            places=1 + index % 3,
            details=school_details | {"school_name": f"School {index % 6}"},
            now=now,
        )[0]
        for index in range(16)
    ]
    closed = now + timedelta(minutes=10)

    def act(argument):
        kind, value = argument
        if kind == "allocate":
            return waiting.allocate_run(run_id=run.pk, seed=value, now=closed)[1]
        services.cancel_booking(booking_id=value, now=closed)
        return None

    work = [("allocate", 5), ("allocate", 5), *(("cancel", booking.pk) for booking in requests[::2])]
    results = run_in_threads(act, work)

    assert results[:2].count(True) == 1, "allocated once, however many ask at the same time"
    assert Allocation.objects.filter(run=run).count() == 1
    assert held_places(run) <= run.capacity
    statuses = dict(Booking.objects.filter(run=run).values_list("pk", "status"))
    assert all(statuses[booking.pk] == BookingStatus.CANCELLED for booking in requests[::2])
    still_open = [statuses[booking.pk] for booking in requests[1::2]]
    assert set(still_open) <= {BookingStatus.OFFERED, BookingStatus.WAITLISTED}
    free = run.capacity - held_places(run)
    assert all(booking.places > free for booking in run.bookings.waiting()), "nobody waits who would fit"
    assert waiting.verify_allocation(run_id=run.pk)
