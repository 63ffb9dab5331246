from uuid import UUID, uuid5

import pytest

from directory.models import ServiceStatus
from tests.directory.api.schemas import assert_valid_entity, assert_valid_page, assert_valid_root
from tests.factories.directory import OrganisationFactory, ServiceFactory, term

pytestmark = pytest.mark.django_db


def test_root_names_the_version_profile_and_openapi(api):
    data = api("")
    assert_valid_root(data)
    assert data["version"] == "HSDS-UK-3.0"


def test_service_list_items_validate_and_carry_their_organisation(api, full_service):
    data = api("services")
    assert_valid_page(data, "/services")
    (item,) = data["contents"]
    assert item["id"] == str(full_service.uuid)
    assert item["organization"]["name"] == "Westfield Youth Trust"
    assert item["organization"]["logo"].startswith("http://testserver/")
    assert item["minimum_age"] == 11 and item["maximum_age"] == 18
    assert "schedules" not in item and "attributes" not in item


def test_full_service_validates_with_every_related_row(api, full_service):
    data = api(f"services/{full_service.uuid}")
    assert_valid_entity(data, "compiled/service.json")
    assert data["status"] == "active"
    assert data["alert"] == "Closed over Christmas."
    (schedule,) = data["schedules"]
    assert schedule | {} == {
        "id": str(full_service.schedules.get().uuid),
        "service_id": str(full_service.uuid),
        "freq": "WEEKLY",
        "interval": 1,
        "byday": "FR",
        "opens_at": "18:00:00",
        "closes_at": "21:00:00",
        "description": "Friday 18:00-21:00",
        "notes": "Drop-in",
    }
    (place,) = data["service_at_locations"]
    location = full_service.locations.get()
    assert place["id"] == str(location.service_at_location_uuid)
    assert place["location"]["id"] == str(location.uuid)
    assert place["location"]["addresses"][0]["postal_code"] == "CA28 7XY"
    assert place["location"]["latitude"] == pytest.approx(54.549)
    assert place["location"]["accessibility"][0]["description"].startswith("Step-free")
    assert data["service_areas"][0]["name"] == "Westfield"
    assert data["cost_options"] == [
        {"id": data["cost_options"][0]["id"], "service_id": str(full_service.uuid), "option": "Free", "amount": 0}
    ]
    assert data["contacts"][0]["name"] == "Sam Taylor"
    assert data["contacts"][0]["phones"][0]["number"] == "01632 960001"
    assert data["phones"][0]["number"] == "01632 960123"
    assert {attribute["taxonomy_term"]["term"] for attribute in data["attributes"]} == {
        "young-people",
        "community-safety",
    }


def test_derived_ids_are_stable_and_follow_from_their_parents(api, full_service):
    first = api(f"services/{full_service.uuid}")
    second = api(f"services/{full_service.uuid}")
    assert first == second
    young_people = term("young-people")
    (attribute,) = [a for a in first["attributes"] if a["taxonomy_term_id"] == str(young_people.uuid)]
    assert attribute["id"] == str(uuid5(full_service.uuid, f"attribute:{young_people.uuid}"))
    assert attribute["link_id"] == str(full_service.uuid)
    assert attribute["link_type"] == "category"
    ids = [first["cost_options"][0]["id"], first["service_areas"][0]["id"], attribute["id"]]
    assert len(set(ids)) == len(ids)
    assert all(UUID(value) for value in ids)


def test_a_minimal_service_leaves_empty_optional_fields_out(api):
    service = ServiceFactory(is_free=False, fees="", url="", email="", organisation__logo=None)
    data = api(f"services/{service.uuid}")
    assert_valid_entity(data, "compiled/service.json")
    for absent in ("url", "email", "fees", "minimum_age", "alert", "schedules", "cost_options", "attributes"):
        assert absent not in data


def test_a_charged_service_describes_its_cost(api):
    service = ServiceFactory(is_free=False, fees="£2 a session")
    data = api(f"services/{service.uuid}")
    assert data["fees"] == "£2 a session"
    assert data["cost_options"][0]["amount_description"] == "£2 a session"


def test_drafts_closed_services_and_unpublished_organisations_are_invisible(api):
    shown = ServiceFactory(name="Shown")
    hidden = [
        ServiceFactory(name="Never published", live=False),
        ServiceFactory(name="Closed for good", status=ServiceStatus.DEFUNCT),
        ServiceFactory(name="Not running", status=ServiceStatus.INACTIVE),
        ServiceFactory(name="Of a draft organisation", organisation=OrganisationFactory(live=False)),
    ]
    assert [item["id"] for item in api("services")["contents"]] == [str(shown.uuid)]
    for service in hidden:
        assert api(f"services/{service.uuid}", expected=404)["status"] == 404


def test_an_unpublished_change_stays_out_of_the_api_until_published(api):
    service = ServiceFactory(name="Live name")
    service.name = "Draft name"
    revision = service.save_revision()
    assert api(f"services/{service.uuid}")["name"] == "Live name"
    revision.publish()
    assert api(f"services/{service.uuid}")["name"] == "Draft name"


def test_a_temporarily_closed_service_is_shown_with_its_status(api):
    service = ServiceFactory(status=ServiceStatus.TEMPORARILY_CLOSED)
    assert api(f"services/{service.uuid}")["status"] == "temporarily closed"


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "12345", "00000000-0000-0000-0000-000000000000"])
def test_unknown_or_malformed_service_ids_are_404(api, bad_id):
    data = api(f"services/{bad_id}", expected=404)
    assert data["message"]
