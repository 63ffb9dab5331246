"""The service_area filter: one API for the whole county, narrowed to an area or to a hub's areas."""

import pytest

from tests.directory.api.schemas import assert_valid_page
from tests.factories.directory import AreaFactory, ServiceFactory, ServiceLocationFactory

pytestmark = pytest.mark.django_db


def names(api, path="services", **params):
    data = api(path, **params)
    assert_valid_page(data, f"/{path}")
    if path == "services":
        return [item["name"] for item in data["contents"]]
    return [item["service"]["name"] for item in data["contents"]]


@pytest.fixture
def areas(hub, other_hub):
    northgate = AreaFactory(name="Northgate", slug="northgate", hub=hub)
    riverside = AreaFactory(name="Riverside", slug="riverside", hub=hub)
    eden = AreaFactory(name="Eden Valley", slug="eden-valley", hub=other_hub)
    ServiceFactory(name="Northgate housing", areas=[northgate])
    ServiceFactory(name="Riverside youth", areas=[riverside])
    ServiceFactory(name="Eden youth", areas=[eden])
    ServiceFactory(name="Two districts", areas=[northgate, eden])
    ServiceFactory(name="No area named")
    return {"northgate": northgate, "eden": eden}


def test_the_api_publishes_the_whole_county(api, areas):
    assert names(api) == ["Eden youth", "No area named", "Northgate housing", "Riverside youth", "Two districts"]


def test_service_area_takes_an_areas_code_or_id(api, areas):
    assert names(api, service_area="northgate") == ["Northgate housing", "Two districts"]
    assert names(api, service_area="Eden-Valley") == ["Eden youth", "Two districts"]
    assert names(api, service_area=str(areas["eden"].uuid)) == ["Eden youth", "Two districts"]


def test_service_area_takes_a_hubs_code_for_all_its_areas(api, areas, hub, other_hub):
    assert names(api, service_area=hub.slug) == ["Northgate housing", "Riverside youth", "Two districts"]
    assert names(api, service_area=other_hub.slug) == ["Eden youth", "Two districts"]
    assert api("services", service_area=hub.slug)["total_items"] == 3, "a service in two areas is listed once"


def test_unknown_areas_give_an_empty_page(api, areas):
    assert names(api, service_area="no-such-place") == []
    assert names(api, service_area="00000000-0000-0000-0000-000000000000") == []


def test_a_bad_service_area_is_a_400_naming_it(api, areas):
    error = api("services", expected=400, service_area="not an area!")
    assert error["parameter"] == "service_area"
    assert "service_area" in error["message"]


def test_service_area_combines_with_other_filters(api, areas):
    assert names(api, service_area="northgate", search="housing") == ["Northgate housing"]


def test_service_at_locations_take_service_area_too(api, areas):
    ServiceLocationFactory(service=areas["northgate"].services.get(name="Northgate housing"))
    ServiceLocationFactory(service=areas["eden"].services.get(name="Eden youth"))
    assert names(api, "service_at_locations", service_area="northgate") == ["Northgate housing"]
    assert names(api, "service_at_locations", service_area="other") == ["Eden youth"]


def test_each_service_area_carries_its_area(api, areas):
    service = api("services", service_area="eden-valley")["contents"][0]
    detail = api(f"services/{service['id']}")
    assert [area["name"] for area in detail["service_areas"]] == ["Eden Valley"]
