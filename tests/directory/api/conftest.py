from datetime import time

import pytest
import wagtail_factories

from directory.models import Weekday
from tests.factories.directory import (
    AreaFactory,
    OrganisationFactory,
    ServiceContactFactory,
    ServiceFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
)

API = "/api/oruk/"


@pytest.fixture
def api(client):
    """GET an API path (without the /api/oruk/ prefix) and return the response, checking the status and CORS."""

    def get(path="", expected=200, **params):
        response = client.get(API + path, params)
        assert response.status_code == expected, response.content[:500]
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Type"] == "application/json"
        return response.json()

    return get


@pytest.fixture
def full_service(db):
    """A published service with every kind of related row the API shows."""
    organisation = OrganisationFactory(
        name="Westfield Youth Trust",
        summary="Youth work across Westfield.",
        logo=wagtail_factories.ImageFactory(),
    )
    service = ServiceFactory(
        organisation=organisation,
        name="Friday night project",
        description="Sport, music and a hot meal for young people on Friday evenings.",
        url="https://example.org/friday",
        email="friday@example.org",
        phone="01632 960123",
        minimum_age=11,
        maximum_age=18,
        is_free=True,
        alert="Closed over Christmas.",
        terms=["young-people", "community-safety"],
        areas=[AreaFactory(name="Westfield", description="The town of Westfield and its villages.")],
    )
    ServiceLocationFactory(
        service=service,
        name="Westfield Leisure Centre",
        postcode="CA28 7XY",
        latitude="54.549000",
        longitude="-3.587000",
        accessibility="Step-free entrance and an accessible toilet.",
    )
    ServiceScheduleFactory(
        service=service, weekday=Weekday.FRIDAY, opens_at=time(18), closes_at=time(21), notes="Drop-in"
    )
    ServiceContactFactory(service=service, name="Sam Taylor", title="Youth worker")
    return service
