from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.errors import DomainError


class BookingError(DomainError):
    """A booking rule said no. ``message`` is shown to the person as it is."""

    message = _("The booking could not be made.")


class BookingClosed(BookingError):
    message = _("Booking for this run is closed.")


class WrongBookingKind(BookingError):
    message = _("This run takes a different kind of booking.")


class InvalidPlaces(BookingError):
    message = _("Enter a number of places of 1 or more.")


class OverSchoolCap(BookingError):
    message = _("A school can book at most %(cap)s places on this run.")

    def __init__(self, cap):
        super().__init__(self.message % {"cap": cap})


class MorePlacesThanRun(BookingError):
    message = _("This run has %(capacity)s places. Enter %(capacity)s or fewer.")

    def __init__(self, capacity):
        super().__init__(self.message % {"capacity": capacity})


class NotEnoughPlaces(BookingError):
    message = _("There are not enough free places for that change.")


class InvalidTransition(BookingError):
    message = _("That cannot be done to a booking in its current state.")


class OfferExpired(BookingError):
    message = _("This offer has expired, so the places are no longer held for you.")


class AllocationNotDue(BookingError):
    message = _(
        "Places on this run are allocated once its booking window has closed, and only on runs set to allocate."
    )


class CapacityBelowHeld(BookingError):
    """A run's places cannot go below the places its bookings hold (DESIGN invariant 1)."""

    def __init__(self, held):
        self.held = held
        message = ngettext(
            "%(held)s place is held by bookings on this run. Enter %(held)s or more, "
            "or cancel or decline bookings first.",
            "%(held)s places are held by bookings on this run. Enter %(held)s or more, "
            "or cancel or decline bookings first.",
            held,
        )
        super().__init__(message % {"held": held})


class InvalidCapacity(BookingError):
    message = _("A run needs 1 place or more, and a school cannot be allowed more places than the run has.")


class RunAlreadyCancelled(BookingError):
    message = _("This run has already been cancelled.")
