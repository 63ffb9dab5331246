from datetime import timedelta

import pytest
from django.utils import timezone

from programmes.models import BookingMode
from tests.factories import ProgrammePageFactory, RunFactory, SessionFactory

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


SCHOOL_DETAILS = {
    "contact_name": "Sam Teacher",
    "contact_email": "sam@school.example.org",
    "contact_phone": "01632 960123",
    "school_name": "Westfield Academy",
    "contact_role": "Head of Year 9",
    "year_groups": "Year 9",
    "terms_accepted": True,
}


@pytest.fixture
def school_details():
    return dict(SCHOOL_DETAILS)
