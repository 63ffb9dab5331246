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


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"page": "0"}, (1, 50)),
        ({"page": "-1"}, (1, 50)),
        ({"page": "-99999999999999999999"}, (1, 50)),
        ({"page": "+2"}, (2, 50)),
        ({"page": "99999999999999999999"}, (params.MAX_PAGE, 50)),
        ({"per_page": "0"}, (1, 50)),
        ({"per_page": "-3"}, (1, 50)),
        ({"per_page": "99999999999999999999"}, (1, params.MAX_PER_PAGE)),
        ({"page": "0", "per_page": "0"}, (1, 50)),
    ],
)
def test_every_whole_number_the_specification_allows_is_read(query, expected):
    """The specification sets no minimum or maximum: 0 or below is the first page and the default size."""
    assert params.read_paging(query) == params.Paging(*expected)


def test_page_zero_is_the_first_page(api, five_services):
    zero = page(api, page=0, per_page=2)
    assert zero == page(api, page=1, per_page=2)
    assert (zero["page_number"], zero["first_page"], [item["name"] for item in zero["contents"]]) == (
        1,
        True,
        ["Service A", "Service B"],
    )
    assert page(api, page=-4, per_page=2) == zero


def test_per_page_zero_is_the_default_size(api, five_services):
    assert page(api, per_page=0) == page(api)
    assert (page(api, per_page=0)["size"], page(api, per_page=-1)["total_pages"]) == (5, 1)


def test_a_huge_page_number_is_an_empty_page(api, five_services):
    beyond = page(api, page="9" * 30)
    assert (beyond["page_number"], beyond["size"], beyond["empty"], beyond["total_items"]) == (
        params.MAX_PAGE,
        0,
        True,
        5,
    )


@pytest.mark.parametrize("path", ["services", "service_at_locations", "taxonomies", "taxonomy_terms"])
@pytest.mark.parametrize(
    ("parameter", "value"),
    [("page", "abc"), ("page", "1.5"), ("page", ""), ("per_page", "x"), ("per_page", "2e3"), ("per_page", "")],
)
def test_values_that_are_no_whole_number_are_400_naming_the_parameter(api, path, parameter, value):
    data = api(path, expected=400, **{parameter: value})
    assert data["parameter"] == parameter
    assert parameter in data["message"]
