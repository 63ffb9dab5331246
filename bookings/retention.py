"""Personal data of past bookings is removed a set number of months after their run ends (DESIGN invariant 4): the
months of the run's hub (``Hub.booking_retention_months``), else ``BOOKING_RETENTION_MONTHS``.

A run ends with its last session. A run without sessions (none added, or all deleted) ends when its booking
closes, or, for a booking made after that, when the booking was made: never "not yet", so no booking of such a
run keeps its health data for ever.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from portal.hubs import pages_q
from portal.models import Hub

from .models import Booking

PERSONAL_FIELDS = {
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "school_urn": "",
    "contact_role": "",
    "additional_needs": "",
    "participant_name": "",
    "date_of_birth": None,
    "guardian_consent": False,
    "emergency_contact_name": "",
    "emergency_contact_phone": "",
    "medical_needs": "",
    "dietary_needs": "",
    "access_needs": "",
    "photo_consent": False,
}


def anonymise_past_bookings(*, now=None, months=None):
    """Blank the personal fields of bookings whose run ended more than ``months`` ago (without sessions: the
    later of its booking closing and the booking being made). Without ``months``, each hub's own period applies
    to the runs in its page tree, and ``BOOKING_RETENTION_MONTHS`` to its hub without one and to any run outside
    every hub's tree.

    Keeps run, kind, status, places, school name and dates, so counts and figures stay right.
    Idempotent. Returns the number of bookings anonymised.
    """
    now = now or timezone.now()
    default_months = settings.BOOKING_RETENTION_MONTHS if months is None else months
    hubs = [] if months is not None else list(Hub.objects.select_related("site__root_page"))
    periods = [
        (pages_q([hub], prefix="run__programme__"), _or_default(hub.booking_retention_months, default_months))
        for hub in hubs
    ]
    periods.append((~pages_q(hubs, prefix="run__programme__"), default_months))
    due = []
    for where, period in periods:
        due += (
            Booking.objects.filter(where, anonymised_at__isnull=True)
            .annotate(run_ended=Coalesce(Max("run__sessions__end"), Greatest("run__booking_closes", "created_at")))
            .filter(run_ended__lt=_cutoff(now, period))
            .values_list("pk", flat=True)
        )
    with transaction.atomic():
        return Booking.objects.filter(pk__in=due).update(anonymised_at=now, **PERSONAL_FIELDS)


def _cutoff(now, months):
    return now - timedelta(days=round(months * 30.44))


def _or_default(months, default):
    return default if months is None else months
