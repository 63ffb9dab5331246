"""The waiting list people can see and trust: their place on it, booking part now and waiting for the rest, and
allocating a run's places after its booking window (``bookings.allocation`` is the rule; this applies it).

Every change here takes the run lock first, as ``bookings.services`` does, so the places held never exceed the
run's places (DESIGN invariant 1), and queues its emails in the same transaction.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from portal.submissions import create_once
from programmes.choices import Allocation as AllocationMethod
from programmes.choices import BookingMode, PriorityRule
from programmes.models import Run

from . import notifications
from .allocation import Request, allocate
from .choices import HELD_STATUSES, BookingStatus
from .errors import AllocationNotDue, BookingError, InvalidPlaces, NotEnoughPlaces, WrongBookingKind
from .models import Allocation, Booking, BookingLink
from .services import _check_open, _check_places, _lock_run, _make_offer, free_places

TAKEN_MEANWHILE = _(
    "Some of the places left were booked while you were answering. Check the number of pupils and try again."
)


def book_part_and_wait(*, run_id, places, waiting_places, details, submission_key=None, now=None):
    """A school books ``places`` now and puts ``waiting_places`` more on the waiting list: two bookings, the
    waiting one linked to the held one (``split_from``), each with its own link and email.

    Under the run lock: if fewer than ``places`` are free by now, raises NotEnoughPlaces and makes nothing.
    The same ``submission_key`` twice returns the first booking. Returns (held booking, token).
    """
    now = now or timezone.now()

    def create():
        with transaction.atomic():
            run = _lock_run(run_id)
            if run.booking_mode != BookingMode.SCHOOL or run.allocates_after_window:
                raise WrongBookingKind()
            _check_open(run, now)
            _check_places(run, places + waiting_places)
            if places < 1 or waiting_places < 1:
                raise InvalidPlaces()
            if places > free_places(run):
                raise NotEnoughPlaces(TAKEN_MEANWHILE)
            status = BookingStatus.PENDING if run.needs_approval else BookingStatus.CONFIRMED
            held, token = _new_booking(run, places, status, details, now, submission_key=submission_key)
            waiting, waiting_token = _new_booking(run, waiting_places, BookingStatus.WAITLISTED, details, now)
            waiting.split_from = held
            waiting.save(update_fields=["split_from"])
            notifications.booking_received(held, token)
            notifications.booking_received(waiting, waiting_token, position=waiting.waiting_position())
        return held, token

    return create_once(Booking, submission_key, create)


def _new_booking(run, places, status, details, now, submission_key=None):
    booking = Booking(
        run=run, kind=run.booking_mode, places=places, status=status, submission_key=submission_key, created_at=now
    )
    for name, value in details.items():
        setattr(booking, name, value)
    token = booking.set_manage_token()
    booking.save()
    return booking, token


def school_digest(booking):
    """Who a request is from, for the per-school cap and "placed last time", without naming them: the school's
    URN, else its name (case and spaces ignored); a young person's name and date of birth."""
    if booking.kind == BookingMode.SCHOOL:
        key = booking.school_urn or " ".join(booking.school_name.lower().split())
    else:
        key = f"{' '.join(booking.participant_name.lower().split())}|{booking.date_of_birth}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def previous_run(run):
    """The programme's run whose booking closed last before this one's, or None."""
    earlier = Run.objects.filter(programme_id=run.programme_id, booking_closes__lt=run.booking_closes)
    return earlier.exclude(pk=run.pk).order_by("-booking_closes", "-pk").first()


def requests_of(run):
    """The run's requests as the allocation sees them, with the priority rules each meets."""
    bookings = list(run.bookings.requested())
    last = previous_run(run)
    placed = set()
    if last is not None:
        placed = {school_digest(booking) for booking in last.bookings.filter(status__in=HELD_STATUSES)}
    urns = run.priority_urns
    requests = []
    for booking in bookings:
        school = school_digest(booking)
        meets = {
            PriorityRule.PRIORITY_SCHOOL: bool(booking.school_urn) and booking.school_urn in urns,
            PriorityRule.NOT_PLACED_LAST_RUN: school not in placed,
        }
        matches = tuple(rule for rule in run.priority_rule_list if meets.get(rule))
        cap_school = school if booking.kind == BookingMode.SCHOOL else ""
        requests.append(Request(booking.pk, booking.places, cap_school, matches))
    return bookings, requests


def allocate_run(*, run_id, user=None, seed=None, now=None):
    """Allocate a run's requested places once its booking window has closed, and tell everyone at once: offered
    places (held until the usual offer expiry) or a place on the waiting list.

    Under the run lock. Idempotent: a run allocated already is left as it was. Returns (Allocation, made: bool).
    Raises AllocationNotDue if the run does not allocate after its window or the window is still open.
    """
    now = now or timezone.now()
    with transaction.atomic():
        run = _lock_run(run_id)
        existing = Allocation.objects.filter(run=run).first()
        if existing is not None:
            return existing, False
        if not run.allocates_after_window or now < run.booking_closes:
            raise AllocationNotDue()
        bookings, requests = requests_of(run)
        seed = secrets.randbits(62) if seed is None else seed
        capacity = max(free_places(run), 0)
        per_school_cap = run.per_school_cap if run.booking_mode == BookingMode.SCHOOL else None
        outcomes = allocate(
            requests, capacity=capacity, per_school_cap=per_school_cap, rules=run.priority_rule_list, seed=seed
        )
        allocation = Allocation.objects.create(
            run=run,
            seed=seed,
            rules=run.priority_rule_list,
            capacity=capacity,
            per_school_cap=per_school_cap,
            requests=[request.as_dict() for request in requests],
            outcomes=[outcome.as_dict() for outcome in outcomes],
            created_at=now,
            created_by=user,
        )
        _apply(run, {booking.pk: booking for booking in bookings}, outcomes, user, now)
        log(run, "bookings.allocate", user=user, data={"allocation": allocation.pk, "seed": seed})
    return allocation, True


def _apply(run, bookings, outcomes, user, now):
    for outcome in outcomes:
        booking = bookings[outcome.booking]
        booking.run = run
        if outcome.offered:
            _make_offer(booking, now, user, allocated=True)
        else:
            booking.status = BookingStatus.WAITLISTED
            booking.waiting_order = outcome.position
            booking.save(update_fields=["status", "waiting_order", "updated_at"])
            log(booking, "bookings.allocate", user=user, data={"reference": booking.reference, "status": "waitlisted"})
            notifications.allocation_waiting(booking, BookingLink.issue(booking, now), position=outcome.position)


def verify_allocation(*, run_id):
    """Run a recorded allocation again from what it recorded (requests, places, cap, rules, seed): True when it
    gives the same outcome to every request. Raises Allocation.DoesNotExist if the run was not allocated."""
    record = Allocation.objects.get(run_id=run_id)
    again = allocate(
        [Request.from_dict(data) for data in record.requests],
        capacity=record.capacity,
        per_school_cap=record.per_school_cap,
        rules=record.rules,
        seed=record.seed,
    )
    return [outcome.as_dict() for outcome in again] == record.outcomes


def runs_due_for_allocation(now=None):
    """The runs that allocate after their booking window, whose window has closed, not yet allocated."""
    now = now or timezone.now()
    runs = Run.objects.filter(
        allocation=AllocationMethod.AFTER_WINDOW,
        booking_closes__lte=now,
        allocation_record__isnull=True,
    )
    return runs.order_by("booking_closes", "pk")


def allocate_due_runs(*, now=None):
    """Allocate every run due (``runs_due_for_allocation``); safe to repeat. Returns the allocations made."""
    made = []
    for run_id in list(runs_due_for_allocation(now).values_list("pk", flat=True)):
        try:
            allocation, new = allocate_run(run_id=run_id, now=now)
        except BookingError:
            continue
        if new:
            made.append(allocation)
    return made
