import pytest

from directory.api import params
from tests.directory.api.schemas import assert_valid_page
from tests.factories.directory import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_services(db):
    return [ServiceFactory(name=f"Service {letter}") for letter in "ABCDE"]


def page(api, **query):
    data = api("services", **query)
    assert_valid_page(data, "/services")
    return data


def test_pages_carry_their_position(api, five_services):
    first = page(api, per_page=2)
    assert {key: value for key, value in first.items() if key != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    assert [item["name"] for item in first["contents"]] == ["Service A", "Service B"]


def test_the_last_page_holds_the_rest(api, five_services):
    last = page(api, per_page=2, page=3)
    assert (last["size"], last["first_page"], last["last_page"], last["empty"]) == (1, False, True, False)
    assert [item["name"] for item in last["contents"]] == ["Service E"]


def test_a_page_beyond_the_last_is_empty_not_an_error(api, five_services):
    beyond = page(api, per_page=2, page=99)
    assert beyond["contents"] == [] and beyond["empty"] and beyond["last_page"]
    assert (beyond["total_items"], beyond["total_pages"], beyond["page_number"]) == (5, 3, 99)


def test_nothing_to_list_is_one_empty_first_and_last_page(api):
    empty = page(api)
    assert (empty["total_items"], empty["total_pages"], empty["first_page"], empty["last_page"]) == (0, 0, True, True)


def test_the_default_page_size_is_fifty(api, five_services):
    assert page(api)["size"] == 5
    assert params.read_paging({}) == params.Paging(page=1, per_page=50)


def test_a_huge_per_page_is_served_at_the_maximum(api, five_services, monkeypatch):
    assert params.read_paging({"per_page": "100000"}).per_page == params.MAX_PER_PAGE == 200
    monkeypatch.setattr(params, "MAX_PER_PAGE", 3)
    clamped = page(api, per_page=100000)
    assert (clamped["size"], clamped["total_pages"]) == (3, 2)


@pytest.mark.parametrize("path", ["services", "service_at_locations", "taxonomies", "taxonomy_terms"])
@pytest.mark.parametrize(
    ("parameter", "value"),
    [("page", "abc"), ("page", "0"), ("page", "-1"), ("page", "1.5"), ("per_page", "0"), ("per_page", "x")],
)
def test_bad_paging_values_are_400_naming_the_parameter(api, path, parameter, value):
    data = api(path, expected=400, **{parameter: value})
    assert data["parameter"] == parameter
    assert parameter in data["message"]
