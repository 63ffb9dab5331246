"""The admin's gate: which hub staff may see, change and record what in the bookings screens."""

from django.core.exceptions import PermissionDenied

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
