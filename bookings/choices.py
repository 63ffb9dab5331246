"""A booking's lifecycle: its statuses, which of them hold places, and which changes each status allows, to whom.

The services refuse a change the table does not allow from the booking's status (``InvalidTransition``); the
admin shows staff a button for each change staff may take from the status; the manage page shows the booker
what the booker may do. Changing a rule here changes all three.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")
    DECLINED = "declined", _("Declined")
    REQUESTED = "requested", _("Requested: places are allocated after booking closes")
    OFFER_EXPIRED = "offer_expired", _("Offer not accepted in time")


# The places these bookings hold count against the run's capacity (DESIGN invariant 1).
HELD_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.OFFERED)
# Still in play: holding places or waiting for them (a request on a run that allocates after its booking window
# waits for the allocation). Cancelled, declined and expired bookings are closed.
ACTIVE_STATUSES = (*HELD_STATUSES, BookingStatus.WAITLISTED, BookingStatus.REQUESTED)


class Actor(models.TextChoices):
    BOOKER = "booker", _("The booker, by the link in their emails")
    STAFF = "staff", _("Hub staff, in the admin")
    SCHEDULE = "schedule", _("The booking rules, when places free up or an offer runs out")


@dataclass(frozen=True)
class Transition:
    label: str
    from_statuses: tuple
    actors: tuple

    def allowed_from(self, status):
        return status in self.from_statuses


CONFIRM = "confirm"
DECLINE = "decline"
OFFER = "offer"
CANCEL = "cancel"
CHANGE_PLACES = "change_places"
ACCEPT_OFFER = "accept_offer"
EXPIRE_OFFER = "expire_offer"
ALLOCATE = "allocate"

# In the order the admin shows its buttons. A new booking starts confirmed, pending (the run needs approval) or
# waitlisted (not enough places free), or requested on a run that allocates after its booking window; every later
# change is one of these.
TRANSITIONS = {
    CONFIRM: Transition(_("Confirm"), (BookingStatus.PENDING,), (Actor.STAFF,)),
    DECLINE: Transition(
        _("Decline"), (BookingStatus.PENDING, BookingStatus.WAITLISTED, BookingStatus.REQUESTED), (Actor.STAFF,)
    ),
    OFFER: Transition(_("Offer a place"), (BookingStatus.WAITLISTED,), (Actor.STAFF, Actor.SCHEDULE)),
    CANCEL: Transition(_("Cancel"), ACTIVE_STATUSES, (Actor.BOOKER, Actor.STAFF)),
    CHANGE_PLACES: Transition(
        _("Change places"),
        (BookingStatus.CONFIRMED, BookingStatus.PENDING, BookingStatus.WAITLISTED, BookingStatus.REQUESTED),
        (Actor.BOOKER,),
    ),
    ACCEPT_OFFER: Transition(_("Accept the place"), (BookingStatus.OFFERED,), (Actor.BOOKER,)),
    EXPIRE_OFFER: Transition(_("Expire the offer"), (BookingStatus.OFFERED,), (Actor.SCHEDULE,)),
    # The allocation after the booking window: a request is offered places or put on the waiting list.
    ALLOCATE: Transition(_("Allocate places"), (BookingStatus.REQUESTED,), (Actor.SCHEDULE,)),
}


def allowed(name, status, actor=None):
    """Whether the change ``name`` may be made to a booking in ``status`` (by ``actor``, if given)."""
    transition = TRANSITIONS[name]
    return transition.allowed_from(status) and (actor is None or actor in transition.actors)


def transitions_for(actor, status):
    """The names of the changes ``actor`` may make to a booking in ``status``, in the table's order."""
    return [name for name in TRANSITIONS if allowed(name, status, actor)]
