from datetime import UTC, date, datetime

import pytest
from django.test import Client

from directory.casereviews import services
from directory.casereviews.choices import ReportedTo
from tests.factories import AreaFactory, hub_coordinator

# A Tuesday, well clear of bank holidays.
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


@pytest.fixture
def area(hub):
    return AreaFactory(hub=hub, name="Westfield town centre", slug="town-centre")


@pytest.fixture
def application(area):
    """What a finished application hands to submit_application: (details, reports)."""

    def make(**changes):
        details = {
            "applicant_name": "Alex Resident",
            "on_behalf": False,
            "consent_given": False,
            "contact_email": "alex@example.org",
            "contact_phone": "",
            "area": area,
            "what_happened": "Shouting and broken glass outside my flat every weekend since October.",
            "impact": "I cannot sleep.",
        }
        details.update(changes)
        reports = [
            {"reported_to": ReportedTo.POLICE, "reported_on": date(2026, 2, 1), "their_reference": "P-123"},
            {"reported_to": ReportedTo.COUNCIL, "reported_on": date(2026, 1, 10), "their_reference": ""},
        ]
        return details, reports

    return make


@pytest.fixture
def submit(hub, application):
    def make(hub=hub, now=NOW, submission_key=None, **changes):
        details, reports = application(**changes)
        return services.submit_application(
            hub=hub, details=details, reports=reports, submission_key=submission_key, now=now
        )

    return make


@pytest.fixture
def coordinator(hub):
    return hub_coordinator(hubs=[hub], username="cora", email="cora@example.org")


@pytest.fixture
def coordinator_client(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client
