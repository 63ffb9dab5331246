from datetime import UTC, date, datetime

import pytest

from tests.factories import AreaFactory, OrganisationFactory, hub_coordinator, partner_of
from tests.factories.hubs import make_hub, the_default_hub

# A Tuesday; the hub's tasking meeting is held on the first Tuesday of the month.
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)


@pytest.fixture
def hub(db):
    return the_default_hub()


@pytest.fixture
def carrick(db):
    return make_hub("Carrick")


@pytest.fixture
def area(hub):
    return AreaFactory(hub=hub, name="Westfield town centre", slug="town-centre")


@pytest.fixture
def agency(db):
    return OrganisationFactory(name="Westfield Council ASB team")


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Westfield Police")


@pytest.fixture
def coordinator(hub):
    return hub_coordinator(username="cora", email="cora@example.org")


@pytest.fixture
def carrick_coordinator(carrick):
    return hub_coordinator(username="carl", email="carl@example.org", hubs=[carrick])


@pytest.fixture
def partner(agency):
    return partner_of(agency, username="pat", email="pat@example.org")


@pytest.fixture
def other_partner(db):
    return partner_of(OrganisationFactory(name="Other agency"), username="olly", email="olly@example.org")
