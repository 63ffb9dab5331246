from datetime import UTC, datetime

import pytest

from directory.referrals.choices import Category, ContactPreference, ReportType
from tests.factories import AreaFactory, OrganisationFactory, partner_of

# A Tuesday in term time, well clear of bank holidays.
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


@pytest.fixture
def area(db):
    return AreaFactory(name="Westfield town centre", slug="town-centre")


@pytest.fixture
def report_details(area):
    """What a resident's finished report hands to submit_report."""

    def make(**changes):
        details = {
            "category": Category.NUISANCE,
            "report_type": ReportType.STREET_DRINKING,
            "location_description": "Benches by the war memorial, Market Square",
            "postcode": "wf1 1aa",
            "area": area,
            "occurred_at": NOW,
            "is_ongoing": True,
            "description": "A group drinks on the benches every evening and shouts at passers-by.",
            "people_involved": "Four or five adults",
            "impact": "I avoid walking home that way.",
            "reporter_anonymous": False,
            "reporter_name": "Alex Resident",
            "reporter_email": "alex@example.org",
            "reporter_phone": "01632 960123",
            "contact_preference": ContactPreference.EMAIL,
            "vulnerable_person": False,
        }
        details.update(changes)
        return details

    return make


@pytest.fixture
def agency(db):
    return OrganisationFactory(name="Westfield Council ASB team", slug="asb-team")


@pytest.fixture
def partner(agency):
    """A partner who works for ``agency``."""
    return partner_of(agency, username="pat", email="pat@example.org")


@pytest.fixture
def other_partner(db):
    """A partner of a different organisation."""
    return partner_of(OrganisationFactory(name="Other agency"), username="olly", email="olly@example.org")


@pytest.fixture
def coordinator(staff):
    return staff("Hub coordinators")
