"""The admin's gate: which hub staff may see, change and record what in the bookings screens.

Runs and bookings belong to the hub whose page tree holds the run's programme page: staff see only those of the
hubs they work for (``portal.hubs.hubs_for``); another hub's run, booking or session is not found.
"""

from django.core.exceptions import PermissionDenied

from bookings.models import Booking
from portal.hubs import hub_ids_for, hubs_for, pages_q
from programmes.models import ProgrammePage, Run, Session

VIEW_BOOKINGS = "bookings.view_booking"
CHANGE_BOOKINGS = "bookings.change_booking"
VIEW_HEALTH_DETAILS = "bookings.view_health_details"
RECORD_ATTENDANCE = ("bookings.add_attendance", "bookings.change_attendance")


def can_change_bookings(user):
    return user.has_perm(CHANGE_BOOKINGS)


def can_see_health_details(user):
    return user.has_perm(VIEW_HEALTH_DETAILS)


def can_record_attendance(user):
    return user.has_perms(RECORD_ATTENDANCE)


def require(allowed):
    if not allowed:
        raise PermissionDenied


def user_hubs(user):
    """The hubs ``user`` works for, kept on the user object for the request (a list: ``pages_q`` reads each)."""
    hubs = getattr(user, "_bookings_hubs", None)
    if hubs is None:
        hubs = list(hubs_for(user).select_related("site__root_page"))
        user._bookings_hubs = hubs
    return hubs


def works_for_several_hubs(user):
    return len(hub_ids_for(user)) > 1


def programmes_q(user, prefix=""):
    """A Q for programme pages (or rows whose programme page is, with ``prefix``) in the user's hubs."""
    return pages_q(user_hubs(user), prefix=prefix)


def programmes_for(user):
    return ProgrammePage.objects.filter(programmes_q(user))


def runs_for(user, runs=None):
    return (Run.objects.all() if runs is None else runs).filter(programmes_q(user, prefix="programme__"))


def bookings_for(user, bookings=None):
    return (Booking.objects.all() if bookings is None else bookings).filter(
        programmes_q(user, prefix="run__programme__")
    )


def sessions_for(user, sessions=None):
    return (Session.objects.all() if sessions is None else sessions).filter(
        programmes_q(user, prefix="run__programme__")
    )
