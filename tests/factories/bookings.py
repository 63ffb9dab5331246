from datetime import timedelta

import factory
from django.utils import timezone

from bookings.choices import BookingStatus
from bookings.models import Booking
from programmes.choices import BookingMode
from tests.bookings.data import PARTICIPANT_DETAILS

from .programmes import RunFactory

SCHOOL_DETAILS = {
    "contact_name": "Sam Teacher",
    "contact_email": "sam@school.example.org",
    "contact_phone": "01632 960123",
    "school_name": "Westfield Academy",
    "contact_role": "Head of Year 9",
    "year_groups": "Year 9",
    "terms_accepted": True,
}


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking row in a given state, made directly (not through the services) with a manage token (kept as
    ``booking.manage_token``). Pass a ``run``: RunFactory makes no programme page.

    Its kind is the run's booking mode, and the answers are a school's or a participant's to match (any of them
    can be given). Confirmed by default; ``status=...`` or the traits ``pending``, ``waitlisted``, ``offered``
    (expiring in two days), ``cancelled`` and ``declined`` for the others.
    """

    run = factory.SubFactory(RunFactory)
    kind = factory.LazyAttribute(lambda booking: booking.run.booking_mode)
    places = 2
    status = BookingStatus.CONFIRMED
    offer_expires_at = factory.LazyAttribute(
        lambda booking: timezone.now() + timedelta(days=2) if booking.status == BookingStatus.OFFERED else None
    )

    class Meta:
        model = Booking

    class Params:
        pending = factory.Trait(status=BookingStatus.PENDING)
        waitlisted = factory.Trait(status=BookingStatus.WAITLISTED)
        offered = factory.Trait(status=BookingStatus.OFFERED)
        cancelled = factory.Trait(status=BookingStatus.CANCELLED)
        declined = factory.Trait(status=BookingStatus.DECLINED)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        details = PARTICIPANT_DETAILS if kwargs["kind"] == BookingMode.PARTICIPANT else SCHOOL_DETAILS
        return details | kwargs

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        booking = model_class(*args, **kwargs)
        booking.manage_token = booking.set_manage_token()
        booking.save()
        return booking
