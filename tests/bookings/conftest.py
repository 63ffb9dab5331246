from datetime import timedelta

import pytest
from django.utils import timezone

from bookings.choices import BookingStatus
from programmes.choices import BookingMode
from tests.bookings.data import PARTICIPANT_DETAILS
from tests.factories import BookingFactory, ProgrammePageFactory, RunFactory, SessionFactory
from tests.factories.bookings import SCHOOL_DETAILS

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def make_run(programme_index):
    """A run open for booking at NOW, with a session a month later."""

    def make(**fields):
        programme = ProgrammePageFactory(parent=programme_index, image=None)
        defaults = {
            "capacity": 10,
            "booking_mode": BookingMode.SCHOOL,
            "booking_opens": NOW - timedelta(days=7),
            "booking_closes": NOW + timedelta(days=14),
        }
        run = RunFactory(programme=programme, **(defaults | fields))
        SessionFactory(run=run, start=NOW + timedelta(days=30), end=NOW + timedelta(days=30, hours=3))
        return run

    return make


@pytest.fixture
def school_details():
    return dict(SCHOOL_DETAILS)


@pytest.fixture
def add_booking(school_details, now):
    """A booking row in a given state, school or participant by the run's mode.

    Made directly, not through the services, so each test sets up exactly the state it needs.
    """

    def make(run, places=2, status=BookingStatus.CONFIRMED, **fields):
        details = PARTICIPANT_DETAILS if run.booking_mode == BookingMode.PARTICIPANT else school_details
        expiry = {"offer_expires_at": now + timedelta(days=2)} if status == BookingStatus.OFFERED else {}
        return BookingFactory(run=run, places=places, status=status, **(details | fields | expiry))

    return make
