"""What a programme is for, how its runs are booked, and where a run's booking window stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The ages a programme can be for (its youngest and oldest age, and the listing's age filter).
MIN_AGE = 5
MAX_AGE = 99


class Audience(models.TextChoices):
    SCHOOLS = "schools", _("Schools")
    YOUNG_PEOPLE = "young_people", _("Young people")
    FAMILIES = "families", _("Parents and families")
    COMMUNITY = "community", _("Residents and businesses")


class BookingMode(models.TextChoices):
    SCHOOL = "school", _("Schools book places for a group")
    PARTICIPANT = "participant", _("Young people register individually")


class BookingWindow(models.TextChoices):
    """Where a run stands against its booking window (``Run.booking_status``); not a booking's lifecycle."""

    NOT_YET_OPEN = "not_yet_open", _("Booking not open yet")
    OPEN = "open", _("Booking open")
    CLOSED = "closed", _("Booking closed")


class Allocation(models.TextChoices):
    """How a run's places go to the requests for them."""

    FIRST_COME = "first_come", _("First come, first served")
    AFTER_WINDOW = "after_window", _("Allocate after the booking window closes")


class PriorityRule(models.TextChoices):
    """The rules an allocation after the booking window applies, in the order a run lists them, before the lottery."""

    PRIORITY_SCHOOL = "priority_school", _("Schools in the hub's priority areas (by URN)")
    NOT_PLACED_LAST_RUN = "not_placed_last_run", _("Not placed on the programme's last run")
