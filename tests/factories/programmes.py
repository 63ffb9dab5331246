from datetime import timedelta

import factory
from django.utils import timezone

from programmes.choices import BookingMode
from programmes.models import Run, Session


class RunFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Cohort {n}")
    capacity = 20
    booking_mode = BookingMode.SCHOOL
    booking_opens = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    booking_closes = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))

    class Meta:
        model = Run


class SessionFactory(factory.django.DjangoModelFactory):
    run = factory.SubFactory(RunFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))
    end = factory.LazyAttribute(lambda session: session.start + timedelta(hours=2))
    venue = "Westfield Community Centre"
    venue_address = "12 Church Lane, Westfield"

    class Meta:
        model = Session
