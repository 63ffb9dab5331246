"""Invariant 1 under real concurrency: threads with their own database connections, on a file SQLite
database (the test settings use one) or on PostgreSQL when DATABASE_URL points there."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, connections
from django.test import Client

from bookings import services
from bookings.choices import BookingStatus
from bookings.models import Booking
from tests.bookings.data import run_form_data

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 24


def run_in_threads(function, arguments):
    barrier = threading.Barrier(len(arguments))

    def worker(argument):
        try:
            barrier.wait(timeout=30)
            return function(argument)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        return list(pool.map(worker, arguments))


def held_places(run):
    return sum(
        Booking.objects.filter(run=run, status__in=("pending", "confirmed", "offered")).values_list("places", flat=True)
    )


def test_many_people_booking_at_once_never_overbook(make_run, school_details, now):
    run = make_run(capacity=7)

    def book(index):
        booking, _ = services.book_places(
            run_id=run.pk, kind="school", places=1, details=school_details, submission_key=f"k{index}", now=now
        )
        return booking.status

    results = run_in_threads(book, list(range(THREADS)))

    assert results.count(BookingStatus.CONFIRMED) == 7
    assert results.count(BookingStatus.WAITLISTED) == THREADS - 7
    assert held_places(run) == 7
    assert Booking.objects.filter(run=run).count() == THREADS
    assert connection.vendor in {"sqlite", "postgresql"}


def test_groups_of_different_sizes_fill_exactly_the_free_places(make_run, school_details, now):
    run = make_run(capacity=30, per_school_cap=10)
    sizes = [10, 7, 5, 3, 9, 4, 6, 2, 8, 1] * 2

    def book(size):
        booking, _ = services.book_places(run_id=run.pk, kind="school", places=size, details=school_details, now=now)
        return booking.status, size

    results = run_in_threads(book, sizes)

    confirmed = sum(size for status, size in results if status == BookingStatus.CONFIRMED)
    assert held_places(run) == confirmed <= 30
    waiting_sizes = [size for status, size in results if status == BookingStatus.WAITLISTED]
    assert all(size > 30 - confirmed for size in waiting_sizes) or not waiting_sizes, "nobody waits who would fit"


def test_cancellations_and_bookings_racing_keep_the_invariant(make_run, school_details, now):
    run = make_run(capacity=10)
    first = [
        services.book_places(run_id=run.pk, kind="school", places=1, details=school_details, now=now)[0]
        for _ in range(15)
    ]
    confirmed = [booking.pk for booking in first if booking.status == BookingStatus.CONFIRMED]

    def act(argument):
        kind, value = argument
        if kind == "cancel":
            services.cancel_booking(booking_id=value, now=now)
        else:
            services.book_places(run_id=run.pk, kind="school", places=1, details=school_details, now=now)

    work = [("cancel", pk) for pk in confirmed[:6]] + [("book", index) for index in range(14)]
    run_in_threads(act, work)

    assert held_places(run) <= 10
    waiting = Booking.objects.filter(run=run, status=BookingStatus.WAITLISTED).count()
    assert held_places(run) == 10 or waiting == 0, "free places are never left while someone waits"


def test_a_capacity_cut_in_the_admin_racing_bookings_never_overbooks(make_run, school_details, now, staff):
    """The reported case, raced: bookings arrive while a coordinator cuts the places. Whichever the lock lets in
    first, the places held never exceed the capacity saved."""
    run = make_run(capacity=30, per_school_cap=10)
    for places in (10, 10, 4):
        services.book_places(run_id=run.pk, kind="school", places=places, details=school_details, now=now)
    # A coordinator's rights given directly: an earlier transactional test's flush may have removed the groups
    # the migrations made (post_migrate puts the permissions back, not the groups).
    user = staff()
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_run", "change_run"]))
    coordinator = Client()
    coordinator.force_login(user)
    form = run_form_data(run, capacity=26)

    def act(index):
        if index == "cut":
            return coordinator.post(f"/admin/programmes/run/edit/{run.pk}/", form).status_code
        booking, _ = services.book_places(run_id=run.pk, kind="school", places=1, details=school_details, now=now)
        return booking.status

    results = run_in_threads(act, ["cut", *range(12)])

    run.refresh_from_db()
    assert held_places(run) <= run.capacity
    if results[0] == 302:
        assert run.capacity == 26
        assert results.count(BookingStatus.CONFIRMED) == 26 - 24 == held_places(run) - 24
    else:
        assert results[0] == 200, "refused with the form error, not a server error"
        assert run.capacity == 30
        assert results.count(BookingStatus.CONFIRMED) == 6


def test_a_capacity_rise_racing_cancellations_and_bookings_keeps_the_invariant(make_run, school_details, now):
    run = make_run(capacity=10)
    booked = [
        services.book_places(run_id=run.pk, kind="school", places=1, details=school_details, now=now)[0]
        for _ in range(16)
    ]
    confirmed = [booking.pk for booking in booked if booking.status == BookingStatus.CONFIRMED]

    def act(argument):
        kind, value = argument
        if kind == "capacity":
            services.change_run_capacity(run_id=run.pk, capacity=value, per_school_cap=None, now=now)
        elif kind == "cancel":
            services.cancel_booking(booking_id=value, now=now)
        else:
            services.book_places(run_id=run.pk, kind="school", places=1, details=school_details, now=now)

    run_in_threads(act, [("capacity", 13), *(("cancel", pk) for pk in confirmed[:3]), *(("book", n) for n in range(4))])

    run.refresh_from_db()
    assert run.capacity == 13
    assert held_places(run) == 13, "every free place is offered while someone waits"
    assert Booking.objects.filter(run=run, status=BookingStatus.WAITLISTED).count() == 16 + 4 - 3 - 13
