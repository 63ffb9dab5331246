import pytest

from directory.models import LocationType
from tests.directory.api.schemas import assert_valid_entity, assert_valid_page
from tests.factories.directory import OrganisationFactory, ServiceFactory, ServiceLocationFactory

pytestmark = pytest.mark.django_db

# Three places in one district, a fourth in the next town, a fifth far away (latitude, longitude).
HARBOUR = ("54.549000", "-3.587000")
MARKET = ("54.550000", "-3.590000")
TOWN_HALL = ("54.547000", "-3.585000")
NEXT_TOWN = ("54.640000", "-3.550000")
FAR_AWAY = ("51.500000", "-0.120000")


def place(name, postcode, coordinates=(None, None), **service):
    latitude, longitude = coordinates
    return ServiceLocationFactory(
        service=ServiceFactory(name=name, **service),
        name=name,
        postcode=postcode,
        latitude=latitude,
        longitude=longitude,
    )


def names(api, **params):
    data = api("service_at_locations", **params)
    assert_valid_page(data, "/service_at_locations")
    return [item["service"]["name"] for item in data["contents"]]


def test_list_items_validate_with_location_and_service(api, full_service):
    data = api("service_at_locations")
    assert_valid_page(data, "/service_at_locations")
    (item,) = data["contents"]
    location = full_service.locations.get()
    assert item["id"] == str(location.service_at_location_uuid)
    assert item["location_id"] == item["location"]["id"] == str(location.uuid)
    assert item["service"]["id"] == item["service_id"] == str(full_service.uuid)
    assert item["service"]["organization"]["name"] == "Westfield Youth Trust"


def test_full_service_at_location_validates(api, full_service):
    location = full_service.locations.get()
    data = api(f"service_at_locations/{location.service_at_location_uuid}")
    assert_valid_entity(data, "compiled/service_at_location.json")
    assert data["location"]["addresses"][0]["country"] == "GB"
    assert data["service"]["schedules"][0]["byday"] == "FR"
    assert data["service"]["attributes"]


def test_the_location_id_is_not_a_service_at_location_id(api, full_service):
    location = full_service.locations.get()
    api(f"service_at_locations/{location.uuid}", expected=404)


def test_a_virtual_location_has_no_address(api):
    location = ServiceLocationFactory(location_type=LocationType.VIRTUAL, address_1="", city="", postcode="")
    data = api(f"service_at_locations/{location.service_at_location_uuid}")
    assert_valid_entity(data, "compiled/service_at_location.json")
    assert data["location"] == {"id": str(location.uuid), "location_type": "virtual", "name": location.name}


def test_locations_of_unpublished_services_are_invisible(api):
    shown = place("Shown", "CA28 7XY")
    hidden = [
        place("Draft", "CA28 7XY", live=False),
        ServiceLocationFactory(service=ServiceFactory(organisation=OrganisationFactory(live=False))),
    ]
    assert [item["id"] for item in api("service_at_locations")["contents"]] == [str(shown.service_at_location_uuid)]
    for location in hidden:
        api(f"service_at_locations/{location.service_at_location_uuid}", expected=404)


@pytest.fixture
def places(db):
    place("Harbour", "CA28 7XY", HARBOUR, terms=["young-people"], description="Sailing club")
    place("Market", "ca287ab", MARKET, description="Market stalls")
    place("Town hall", "CA28 6AA", TOWN_HALL, description="Council advice")
    place("Next town", "CA14 1AA", NEXT_TOWN, description="Sailing lessons")
    place("Capital", "SW1A 1AA", FAR_AWAY)
    place("Not geocoded", "CA28 9ZZ", description="Sailing")


def test_postcode_matches_the_district(api, places):
    in_district = ["Harbour", "Market", "Not geocoded", "Town hall"]
    assert names(api, postcode="CA28 7XY") == in_district
    assert names(api, postcode="ca28") == in_district
    assert names(api, postcode="CA2 8XY") == []
    assert names(api, postcode="CA14") == ["Next town"]


def test_postcode_combines_with_search_and_other_filters(api, places):
    assert set(names(api, postcode="CA28", search="sailing")) == {"Harbour", "Not geocoded"}
    assert names(api, postcode="CA28", taxonomy_term_id="young-people") == ["Harbour"]


def test_proximity_keeps_locations_within_the_distance_nearest_first(api, places):
    # The centroid of CA28 7XY is the Harbour itself: Market is ~230 m away, Town hall ~260 m, Next town ~10 km.
    assert names(api, postcode="CA28 7XY", proximity=300) == ["Harbour", "Market", "Town hall"]
    assert names(api, postcode="CA28 7XY", proximity=240) == ["Harbour", "Market"]
    assert names(api, postcode="CA28 7XY", proximity=20000) == ["Harbour", "Market", "Town hall", "Next town"]


def test_proximity_from_a_district_uses_the_centre_of_its_locations(api, places):
    assert set(names(api, postcode="CA28", proximity=500)) == {"Harbour", "Market", "Town hall"}


def test_proximity_combines_with_search(api, places):
    assert names(api, postcode="CA28 7XY", proximity=20000, search="sailing") == ["Harbour", "Next town"]


def test_an_unknown_postcode_within_a_known_district_is_placed_at_the_district(api, places):
    assert names(api, postcode="CA28 1QQ", proximity=300) != []


def test_proximity_from_a_postcode_the_directory_cannot_place_is_a_clear_400(api, places):
    data = api("service_at_locations", expected=400, postcode="LS1 4AP", proximity=1000)
    assert data["parameter"] == "postcode"
    assert "LS1 4AP" in data["message"]


def test_a_postcode_with_no_locations_gives_an_empty_page(api, places):
    data = api("service_at_locations", postcode="LS1 4AP")
    assert data["total_items"] == 0 and data["empty"]


def test_service_filters_apply_to_service_at_locations(api, places):
    assert names(api, taxonomy_term_id="young-people") == ["Harbour"]
    assert names(api, search="council") == ["Town hall"]
