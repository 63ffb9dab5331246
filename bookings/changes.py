"""Changes to a run reach the people booked on it (every confirmed, pending, offered and waiting booking).

When staff save a run, ``record_run_change`` compares the run as it was (``snapshot_run``, taken before the save)
with the run as saved, raises the iCalendar SEQUENCE of each session whose event changed, and records a
``RunChange`` with the changes in words. Nothing is emailed yet: staff often make several changes in a row.
``send_run_changes`` (the worker, deferred by the quiet period, and the ``send_booking_changes`` command on a
schedule) emails each booking once per run whose last change is older than ``BOOKING_CHANGE_QUIET_MINUTES``: every
change since the last email, and a calendar file that replaces the old events (same UIDs, higher SEQUENCE,
sessions taken off the run as CANCELLED events). ``cancel_run`` cancels a run and its bookings and tells them at
once. Functions take ``now`` so tests control the clock.
"""

from datetime import datetime, timedelta
from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from portal.templatetags.portal_tags import govuk_time
from programmes.models import Run, Session

from . import notifications
from .choices import ACTIVE_STATUSES, BookingStatus
from .errors import InvalidTransition, RunAlreadyCancelled
from .models import Booking, RunChange

SESSION_FIELDS = ("title", "start", "end", "venue", "venue_address")


def quiet_period():
    return timedelta(minutes=getattr(settings, "BOOKING_CHANGE_QUIET_MINUTES", 5))


def bookings_to_tell(run):
    """The bookings told about a change to ``run``: confirmed, pending, offered and waiting, oldest first."""
    return Booking.objects.filter(run=run, status__in=ACTIVE_STATUSES).order_by("created_at", "pk")


def snapshot_run(run_id):
    """What the people booked were last told about the run: its title, notes and sessions (two queries)."""
    run = Run.objects.get(pk=run_id)
    sessions = Session.objects.filter(run_id=run_id).order_by("start", "pk")
    return {
        "title": run.title,
        "notes": run.notes,
        "sessions": {session.pk: session_snapshot(session) for session in sessions},
    }


def session_snapshot(session):
    return {
        "pk": session.pk,
        "title": session.title,
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "venue": session.venue,
        "venue_address": session.venue_address,
        "sequence": session.sequence,
    }


def _when(snapshot):
    start, end = datetime.fromisoformat(snapshot["start"]), datetime.fromisoformat(snapshot["end"])
    day = date_format(timezone.localtime(start), "l j F Y")
    return _("%(day)s, %(start)s to %(end)s at %(venue)s") % {
        "day": day,
        "start": govuk_time(start),
        "end": govuk_time(end),
        "venue": snapshot["venue"],
    }


def _name(snapshot):
    return snapshot["title"] or _("The session on %(day)s") % {
        "day": date_format(timezone.localtime(datetime.fromisoformat(snapshot["start"])), "j F Y")
    }


def _minute(iso):
    """Times as staff set and bookers read them: to the minute (the admin form drops seconds)."""
    return datetime.fromisoformat(iso).replace(second=0, microsecond=0)


def describe_changes(before, after):
    """(lines, changed session ids, cancelled session snapshots): what changed, in the words the booker reads."""
    lines, changed, cancelled = [], set(), []
    if before["title"] != after["title"]:
        lines.append(_("The run is now called “%(title)s”.") % {"title": after["title"]})
        changed.update(after["sessions"])
    if before["notes"] != after["notes"]:
        lines.append(_("The run's notes have changed: see them on the programme's page."))
    for pk, old in before["sessions"].items():
        new = after["sessions"].get(pk)
        if new is None:
            cancelled.append({**old, "sequence": old["sequence"] + 1})
            lines.append(_("%(name)s (%(when)s) is cancelled.") % {"name": _name(old), "when": _when(old)})
            continue
        moved = any(_minute(old[field]) != _minute(new[field]) for field in ("start", "end")) or any(
            old[field] != new[field] for field in ("venue", "venue_address")
        )
        if moved:
            lines.append(
                _("%(name)s has moved: it is now %(when)s (it was %(was)s).")
                % {"name": _name(new), "when": _when(new), "was": _when(old)}
            )
        elif old["title"] != new["title"]:
            lines.append(_("%(old)s is now called “%(new)s”.") % {"old": _name(old), "new": _name(new)})
        if moved or old["title"] != new["title"]:
            changed.add(pk)
    for pk, new in after["sessions"].items():
        if pk not in before["sessions"]:
            lines.append(_("New session: %(name)s, %(when)s.") % {"name": _name(new), "when": _when(new)})
    return lines, changed, cancelled


def record_run_change(*, run_id, before, user=None, now=None):
    """Record what changed on the run since ``before`` (a ``snapshot_run``) for the people booked on it, and raise
    the SEQUENCE of the changed sessions. Call it in the transaction that saved the run. Returns the RunChange,
    or None when nothing the booker sees changed."""
    now = now or timezone.now()
    lines, changed, cancelled = describe_changes(before, snapshot_run(run_id))
    if not lines:
        return None
    if changed:
        Session.objects.filter(pk__in=changed).update(sequence=F("sequence") + 1)
    change = RunChange.objects.create(
        run_id=run_id, made_at=now, made_by=user, lines=lines, cancelled_sessions=cancelled
    )
    run = Run.objects.select_related("programme").get(pk=run_id)
    log(run, "bookings.run_changed", user=user, data={"changes": lines})
    if bookings_to_tell(run).exists():
        transaction.on_commit(lambda: _schedule_sending(now), robust=True)
    return change


def _schedule_sending(now):
    """Ask the worker to send once the quiet period is over (the scheduled command catches anything it misses)."""
    if send_run_changes_task.get_backend().supports_defer:
        send_run_changes_task.using(run_after=now + quiet_period() + timedelta(seconds=5)).enqueue()


@task()
def send_run_changes_task():
    send_run_changes()


def send_run_changes(*, now=None):
    """Email the bookings of every run whose unsent changes have been quiet for the quiet period: one email per
    booking with every change since the last one. Safe to run repeatedly and concurrently (each run's changes are
    re-read under its lock). Returns the number of emails queued."""
    now = now or timezone.now()
    due = (
        RunChange.objects.unsent()
        .values("run_id")
        .annotate(last=Max("made_at"))
        .filter(last__lte=now - quiet_period())
        .values_list("run_id", flat=True)
    )
    sent = 0
    for run_id in list(due):
        with transaction.atomic():
            run = Run.objects.select_for_update().get(pk=run_id)
            changes = list(RunChange.objects.unsent().filter(run=run).select_for_update())
            if not changes:
                continue
            lines = [line for change in changes for line in change.lines]
            cancelled = {}
            for change in changes:
                cancelled.update({snapshot["pk"]: snapshot for snapshot in change.cancelled_sessions})
            bookings = list(bookings_to_tell(run).select_related("run__programme"))
            for booking in bookings:
                notifications.run_changed(booking, lines, _sessions_of(run, cancelled.values()))
                log(booking, "bookings.run_changed", data={"changes": lines})
            RunChange.objects.filter(pk__in=[change.pk for change in changes]).update(
                notified_at=now, bookings_told=len(bookings)
            )
            sent += len(bookings)
    return sent


def _sessions_of(run, snapshots):
    """Session-like objects for snapshots of sessions no longer on the run (for their CANCELLED events)."""
    return [
        SimpleNamespace(
            **{
                **snapshot,
                "start": datetime.fromisoformat(snapshot["start"]),
                "end": datetime.fromisoformat(snapshot["end"]),
            },
            run=run,
        )
        for snapshot in snapshots
    ]


def cancel_run(*, run_id, user, now=None):
    """Cancel a run: it closes for booking, every confirmed, pending, offered and waiting booking is cancelled and
    emailed at once with a calendar file that cancels its events. Changes not yet sent are dropped (the
    cancellation says it all). Raises RunAlreadyCancelled. Returns the number of bookings cancelled."""
    now = now or timezone.now()
    with transaction.atomic():
        run = Run.objects.select_for_update().select_related("programme").get(pk=run_id)
        if run.cancelled_at is not None:
            raise RunAlreadyCancelled()
        run.cancelled_at = now
        run.save(update_fields=["cancelled_at"])
        Session.objects.filter(run=run).update(sequence=F("sequence") + 1)
        RunChange.objects.unsent().filter(run=run).update(notified_at=now)
        bookings = list(bookings_to_tell(run))
        for booking in bookings:
            booking.run = run
            booking.status = BookingStatus.CANCELLED
            booking.offer_expires_at = None
            booking.save(update_fields=["status", "offer_expires_at", "updated_at"])
            log(booking, "bookings.run_cancelled", user=user, data={"reference": booking.reference})
            notifications.run_cancelled(booking)
        log(run, "bookings.cancel_run", user=user, data={"bookings": len(bookings)})
    return len(bookings)


# The booker's own changes, from the manage page.

# What the booker may change after booking, by kind of booking. Health details are written over, never shown back,
# and only as long as the booking keeps them (bookings.retention blanks them with the rest).
BOOKER_EDITABLE = {
    "school": ("contact_name", "contact_role", "contact_email", "contact_phone", "year_groups", "additional_needs"),
    "participant": (
        "contact_name",
        "contact_email",
        "contact_phone",
        "emergency_contact_name",
        "emergency_contact_phone",
        "medical_needs",
        "dietary_needs",
        "access_needs",
    ),
}


def change_booking_details(*, booking_id, details, now=None):
    """The booker changes their contact details, needs, year groups or emergency contact. Only the fields of
    ``BOOKER_EDITABLE`` for the booking's kind; only while the booking is in play. The audit log and the booking's
    history name the fields changed, never their values; the booker is emailed (at the old address too when the
    email address changed). Returns the names of the fields changed. Raises InvalidTransition when closed."""
    from .services import _lock_booking

    with transaction.atomic():
        booking = _lock_booking(booking_id)
        if booking.status not in ACTIVE_STATUSES or booking.anonymised_at:
            raise InvalidTransition()
        allowed = BOOKER_EDITABLE[booking.kind]
        changed = [name for name in allowed if name in details and getattr(booking, name) != details[name]]
        if not changed:
            return []
        old_email = booking.contact_email
        for name in changed:
            setattr(booking, name, details[name])
        booking.save(update_fields=[*changed, "updated_at"])
        log(booking, "bookings.change_details", data={"fields": changed})
        notifications.details_changed(booking, changed, old_email)
    return changed
