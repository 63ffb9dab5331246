"""Personal data of past bookings is removed a set number of months after their run ends (DESIGN invariant 4).

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
    later of its booking closing and the booking being made).

    Keeps run, kind, status, places, school name and dates, so counts and figures stay right.
    Idempotent. Returns the number of bookings anonymised.
    """
    now = now or timezone.now()
    months = settings.BOOKING_RETENTION_MONTHS if months is None else months
    cutoff = now - timedelta(days=round(months * 30.44))
    due = (
        Booking.objects.filter(anonymised_at__isnull=True)
        .annotate(run_ended=Coalesce(Max("run__sessions__end"), Greatest("run__booking_closes", "created_at")))
        .filter(run_ended__lt=cutoff)
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        return Booking.objects.filter(pk__in=list(due)).update(anonymised_at=now, **PERSONAL_FIELDS)
