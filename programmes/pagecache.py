"""What programmes tell the page cache (``portal.pagecache``): when a page may change with the clock alone, and
which pages a run or session change puts out of date (registered in ``programmes.wagtail_hooks``)."""

from functools import partial

from django.db.models import Min, Q
from django.utils import timezone

from portal import pagecache
from portal.pagecache_invalidation import bump_page

from .models import Run, Session


def next_moment():
    """The next booking opening or closing, or session start or end, of any run not cancelled (epoch seconds), or
    None: one query each for runs and sessions."""
    moment = timezone.now()
    runs = Run.objects.filter(cancelled_at__isnull=True).aggregate(
        opens=Min("booking_opens", filter=Q(booking_opens__gt=moment)),
        closes=Min("booking_closes", filter=Q(booking_closes__gt=moment)),
    )
    sessions = Session.objects.filter(run__cancelled_at__isnull=True).aggregate(
        starts=Min("start", filter=Q(start__gt=moment)), ends=Min("end", filter=Q(end__gt=moment))
    )
    moments = [value.timestamp() for value in (*runs.values(), *sessions.values()) if value is not None]
    return min(moments, default=None)


def run_changed(programme_id=None, run_id=None):
    """After a run or its sessions changed: its dates may move the next moment too; its programme's page (and the
    pages above it, which list places left) are out of date."""
    pagecache.forget_boundary()
    if programme_id is None:
        programme_id = Run.objects.filter(pk=run_id).values_list("programme_id", flat=True).first()
    bump_page(programme_id)


def places_changed(run_id):
    """After a booking changed its run's places left: the programme's page and the pages above it."""
    bump_page(Run.objects.filter(pk=run_id).values_list("programme_id", flat=True).first())


def changes():
    """Model label -> what to run once a saved or deleted row's transaction commits."""
    return {
        "programmes.run": lambda run: partial(run_changed, programme_id=run.programme_id),
        "programmes.session": lambda session: partial(run_changed, run_id=session.run_id),
        # A booking changes its run's places left (bookings sits on programmes: its rows are named here).
        "bookings.booking": lambda booking: partial(places_changed, booking.run_id),
    }
