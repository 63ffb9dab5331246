"""The states and kinds of directory entries: a service's status (and which statuses the public and partners see or
choose), weekdays of opening times, kinds of location."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Running")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
    INACTIVE = "inactive", _("Not running")
    DEFUNCT = "defunct", _("Closed for good")


PUBLIC_SERVICE_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)
# A partner closes a service for good only by asking for its removal, which staff review.
PARTNER_SERVICE_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED, ServiceStatus.INACTIVE)


class Weekday(models.TextChoices):
    """RFC 5545 BYDAY codes, as Open Referral UK schedules use them."""

    MONDAY = "MO", _("Monday")
    TUESDAY = "TU", _("Tuesday")
    WEDNESDAY = "WE", _("Wednesday")
    THURSDAY = "TH", _("Thursday")
    FRIDAY = "FR", _("Friday")
    SATURDAY = "SA", _("Saturday")
    SUNDAY = "SU", _("Sunday")


WEEKDAY_ORDER = {code: position for position, code in enumerate(Weekday.values)}


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("A place people can visit")
    POSTAL = "postal", _("A postal address only")
    VIRTUAL = "virtual", _("Online or by phone")
