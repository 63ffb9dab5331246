"""Every change to a booking goes through here.

Capacity rule (DESIGN invariant 1): confirmed + pending + offered places never exceed the run's
capacity. Each function that can change that sum opens a transaction, locks the run row
(``select_for_update`` on PostgreSQL; on SQLite the IMMEDIATE transaction holds the database write
lock from BEGIN), counts places from the bookings, then writes. Emails are queued in the same
transaction and sent after commit. Functions take ``now`` so tests control the clock.

A new booking (``book_places``) holds the lock only for what must be atomic with the count, because everyone
booking the run at 9 a.m. waits on it: the booking and its link's token are made before the transaction, and
under the lock it is the run, one count (places held, and the waiting list ahead of it), the insert and its email
queued unrendered (the worker renders it).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from portal.submissions import create_once
from programmes.choices import BookingMode, BookingWindow
from programmes.models import Run, Session

from . import notifications
from .choices import (
    ACCEPT_OFFER,
    CANCEL,
    CHANGE_PLACES,
    CONFIRM,
    DECLINE,
    EXPIRE_OFFER,
    HELD_STATUSES,
    OFFER,
    TRANSITIONS,
    BookingStatus,
)
from .errors import (
    BookingClosed,
    CapacityBelowHeld,
    InvalidCapacity,
    InvalidPlaces,
    InvalidTransition,
    MorePlacesThanRun,
    NotEnoughPlaces,
    OfferExpired,
    OverSchoolCap,
    WrongBookingKind,
)
from .models import Attendance, Booking, BookingLink


def offer_lifetime():
    return timedelta(hours=getattr(settings, "BOOKING_OFFER_HOURS", 48))


def _lock_run(run_id):
    return Run.objects.select_for_update().get(pk=run_id)


def _lock_run_to_book(run_id):
    """Lock the run with the end of its last session (``ends_at``, for ``booking_status``): one query."""
    last_end = Session.objects.filter(run=OuterRef("pk")).order_by("-end").values("end")[:1]
    return Run.objects.select_for_update(of=("self",)).annotate(ends_at=Subquery(last_end)).get(pk=run_id)


def _held_and_waiting_ahead(run, booked_at):
    """The places the run's bookings hold, and how many bookings wait ahead of one waiting from ``booked_at``
    (as ``Booking.waiting_position`` counts them: an allocation's order first, then by arrival): one query."""
    counts = run.bookings.aggregate(
        held=Sum("places", filter=Q(status__in=HELD_STATUSES)),
        ahead=Count(
            "pk",
            filter=Q(status=BookingStatus.WAITLISTED) & (Q(waiting_order__isnull=False) | Q(created_at__lte=booked_at)),
        ),
    )
    return counts["held"] or 0, counts["ahead"]


def _lock_booking(booking_id):
    """Lock the booking's run, then the booking: the same order everywhere, so no deadlocks."""
    run_id = Booking.objects.values_list("run_id", flat=True).get(pk=booking_id)
    run = _lock_run(run_id)
    booking = Booking.objects.select_for_update().get(pk=booking_id)
    booking.run = run
    return booking


def _check_transition(booking, name):
    """Raise InvalidTransition unless the table in ``bookings.choices`` allows ``name`` from the booking's status."""
    if not TRANSITIONS[name].allowed_from(booking.status):
        raise InvalidTransition()


def free_places(run):
    return run.capacity - run.bookings.places_held()


def _check_places(run, places):
    if not isinstance(places, int) or places < 1:
        raise InvalidPlaces()
    if run.booking_mode == BookingMode.PARTICIPANT and places != 1:
        raise InvalidPlaces(_("A young person's registration is for one place."))
    if run.booking_mode == BookingMode.SCHOOL and run.per_school_cap and places > run.per_school_cap:
        raise OverSchoolCap(run.per_school_cap)
    if places > run.capacity:
        raise MorePlacesThanRun(run.capacity)


def _check_capacity(capacity, per_school_cap):
    if not isinstance(capacity, int) or capacity < 1:
        raise InvalidCapacity()
    if per_school_cap is not None and (not isinstance(per_school_cap, int) or not 1 <= per_school_cap <= capacity):
        raise InvalidCapacity()


def _check_open(run, now):
    if run.booking_status(now) != BookingWindow.OPEN:
        raise BookingClosed()


def book_places(*, run_id, kind, places, details, submission_key=None, now=None):
    """Create a booking: held (confirmed, or pending when the run needs approval) if the places are free,
    otherwise on the waiting list. The same ``submission_key`` twice returns the first booking.

    Returns (booking, manage_token); the token is None for a repeated submission.
    Raises BookingClosed, WrongBookingKind, InvalidPlaces, OverSchoolCap.

    Only the count and the insert hold the run lock: the booking, its reference and its link's token are made
    before it, and its email is queued as ids and rendered by the worker. Booked at ``now`` if given, else when
    the lock is taken, so the waiting list's order (by arrival) is the order the lock let bookings in.
    """
    booking = Booking(run_id=run_id, kind=kind, places=places, submission_key=submission_key, **details)
    token = booking.set_manage_token()

    def create():
        with transaction.atomic():
            run = _lock_run_to_book(run_id)
            booked_at = now or timezone.now()
            if kind != run.booking_mode:
                raise WrongBookingKind()
            _check_open(run, booked_at)
            _check_places(run, places)
            held, ahead = _held_and_waiting_ahead(run, booked_at)
            if run.allocates_after_window:
                status = BookingStatus.REQUESTED
            elif places <= run.capacity - held:
                status = BookingStatus.PENDING if run.needs_approval else BookingStatus.CONFIRMED
            else:
                status = BookingStatus.WAITLISTED
            booking.run, booking.status, booking.created_at = run, status, booked_at
            booking.save(force_insert=True)
            notifications.booking_received(
                booking, token, position=ahead + 1 if status == BookingStatus.WAITLISTED else None
            )
        return booking, token

    return create_once(Booking, submission_key, create)


def cancel_booking(*, booking_id, user=None, now=None):
    """Cancel; freed places go to the waiting list. Raises InvalidTransition if already closed."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking_id)
        _check_transition(booking, CANCEL)
        booking.status = BookingStatus.CANCELLED
        booking.offer_expires_at = None
        booking.save(update_fields=["status", "offer_expires_at", "updated_at"])
        _audit(booking, "bookings.cancel", user)
        notifications.booking_cancelled(booking)
        _offer_freed_places(booking.run, now)
    return booking


def change_places(*, booking_id, places, now=None):
    """Reduce or increase a held booking's places. Increases only within what is free; reductions
    free places for the waiting list. Raises InvalidPlaces, OverSchoolCap, NotEnoughPlaces,
    InvalidTransition.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking_id)
        _check_transition(booking, CHANGE_PLACES)
        _check_places(booking.run, places)
        extra = places - booking.places
        if extra > 0 and booking.holds_places and extra > free_places(booking.run):
            raise NotEnoughPlaces()
        booking.places = places
        booking.save(update_fields=["places", "updated_at"])
        _audit(booking, "bookings.change_places", None, data={"places": places})
        notifications.booking_changed(booking)
        _offer_freed_places(booking.run, now)
    return booking


def confirm_booking(*, booking_id, user, now=None):
    """Staff approve a pending booking (its places are already held)."""
    with transaction.atomic():
        booking = _lock_booking(booking_id)
        _check_transition(booking, CONFIRM)
        booking.status = BookingStatus.CONFIRMED
        booking.save(update_fields=["status", "updated_at"])
        _audit(booking, "bookings.confirm", user)
        notifications.booking_confirmed(booking)
    return booking


def decline_booking(*, booking_id, user, now=None):
    """Staff decline a pending or waiting booking; held places go to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking_id)
        _check_transition(booking, DECLINE)
        booking.status = BookingStatus.DECLINED
        booking.save(update_fields=["status", "updated_at"])
        _audit(booking, "bookings.decline", user)
        notifications.booking_declined(booking)
        _offer_freed_places(booking.run, now)
    return booking


def offer_place(*, booking_id, user, now=None):
    """Staff offer free places to a waiting booking out of turn. Raises NotEnoughPlaces, InvalidTransition."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking_id)
        _check_transition(booking, OFFER)
        if booking.places > free_places(booking.run):
            raise NotEnoughPlaces()
        _make_offer(booking, now, user)
    return booking


def accept_offer(*, booking_id, now=None):
    """The booker takes an offered place. Raises OfferExpired (and passes the place on), InvalidTransition."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking_id)
        _check_transition(booking, ACCEPT_OFFER)
        if booking.offer_expires_at <= now:
            _expire_offer(booking, now)
            expired = True
        else:
            booking.status = BookingStatus.PENDING if booking.run.needs_approval else BookingStatus.CONFIRMED
            booking.offer_expires_at = None
            booking.save(update_fields=["status", "offer_expires_at", "updated_at"])
            _audit(booking, "bookings.accept_offer", None)
            notifications.offer_accepted(booking)
            expired = False
    if expired:
        raise OfferExpired()
    return booking


def expire_offers(*, now=None):
    """Cancel offers past their expiry and offer the places to the next bookings waiting.

    Safe to run repeatedly and concurrently: each offer is re-checked under its run's lock.
    Returns the number of offers expired.
    """
    now = now or timezone.now()
    expired = 0
    for booking_id in list(Booking.objects.offers_expired(now).values_list("pk", flat=True)):
        with transaction.atomic():
            booking = _lock_booking(booking_id)
            if TRANSITIONS[EXPIRE_OFFER].allowed_from(booking.status) and booking.offer_expires_at <= now:
                _expire_offer(booking, now)
                expired += 1
    return expired


def change_run_capacity(*, run_id, capacity, per_school_cap, user=None, now=None):
    """Set a run's places and its per-school cap (None: no cap) together, under the run lock.

    Never below the places its bookings hold (pending, confirmed, offered): raises CapacityBelowHeld, and
    InvalidCapacity for fewer than 1 place or a per-school cap above the places. Places freed by a rise are
    offered to the waiting list in order. Call it inside the caller's transaction to save the run's other
    fields under the same lock (the admin edit view does). Returns the locked, updated run.
    """
    now = now or timezone.now()
    _check_capacity(capacity, per_school_cap)
    with transaction.atomic():
        run = _lock_run(run_id)
        held = run.bookings.places_held()
        if capacity < held:
            raise CapacityBelowHeld(held)
        before = run.capacity
        run.capacity, run.per_school_cap = capacity, per_school_cap
        run.save(update_fields=["capacity", "per_school_cap"])
        if capacity != before:
            log(run, "bookings.change_capacity", user=user, data={"from": before, "to": capacity, "held": held})
        _offer_freed_places(run, now)
    return run


def send_booking_reminders(*, now=None, lead_time=None):
    """Queue one reminder per confirmed booking whose first session starts within ``lead_time``. Never twice."""
    now = now or timezone.now()
    lead_time = lead_time or timedelta(days=getattr(settings, "BOOKING_REMINDER_DAYS", 3))
    due = (
        Booking.objects.filter(status=BookingStatus.CONFIRMED, reminder_sent_at__isnull=True)
        .annotate(first_start=Min("run__sessions__start"))
        .filter(first_start__gt=now, first_start__lte=now + lead_time)
    )
    sent = 0
    for booking_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            updated = Booking.objects.filter(pk=booking_id, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
            if updated:
                notifications.booking_reminder(Booking.objects.select_related("run__programme").get(pk=booking_id))
                sent += 1
    return sent


def _expire_offer(booking, now):
    """The offer ran out: the booking closes as "offer not accepted in time" (the booker did not cancel it), its
    places go to whoever waits, and its email says which happened."""
    booking.status = BookingStatus.OFFER_EXPIRED
    booking.save(update_fields=["status", "updated_at"])
    _audit(booking, "bookings.offer_expired", None)
    passed_on = _offer_freed_places(booking.run, now)
    notifications.offer_expired(booking, passed_on=bool(passed_on))


def _offer_freed_places(run, now):
    """Offer free places to waiting bookings in the waiting list's order, each that fits. Caller holds the run lock.

    Called after every change that can free places or make a waiting booking fit; does nothing otherwise.
    Returns the bookings offered places.
    """
    free = free_places(run)
    offered = []
    for waiting in run.bookings.waiting():
        if free <= 0:
            break
        if waiting.places <= free:
            _make_offer(waiting, now, None)
            offered.append(waiting)
            free -= waiting.places
    return offered


def _make_offer(booking, now, user, allocated=False):
    """Hold the places for the booking until the offer expires. Its email carries a new link, and the links sent
    before keep working: the booker can accept from any of them."""
    booking.status = BookingStatus.OFFERED
    booking.offer_expires_at = now + offer_lifetime()
    booking.save(update_fields=["status", "offer_expires_at", "updated_at"])
    _audit(booking, "bookings.offer", user)
    notifications.place_offered(booking, BookingLink.issue(booking, now), allocated=allocated)


def _audit(booking, action, user, data=None):
    log(booking, action, user=user, data=data or {"reference": booking.reference, "status": booking.status})


def record_attendance(*, session, counts, user):
    """Write one Attendance row per (session, booking), updating any already there, and audit-log each change
    against its booking. Counts must already be validated (0 to the booking's places). Returns how many
    rows changed.
    """
    changed = 0
    with transaction.atomic():
        recorded = dict(Attendance.objects.filter(session=session).values_list("booking_id", "attended"))
        for booking, attended in counts.items():
            if recorded.get(booking.pk) == attended:
                continue
            Attendance.objects.update_or_create(
                session=session, booking=booking, defaults={"attended": attended, "recorded_by": user}
            )
            log(booking, "bookings.attendance", user=user, data={"session": session.pk, "attended": attended})
            changed += 1
    return changed
