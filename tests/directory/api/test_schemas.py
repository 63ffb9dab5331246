"""The schema checks themselves can fail: broken documents are caught, offline."""

import pytest

from tests.directory.api.schemas import assert_valid_entity, assert_valid_page

SERVICE = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "Counselling", "status": "active"}
PAGE = {
    "total_items": 1,
    "total_pages": 1,
    "page_number": 1,
    "size": 1,
    "first_page": True,
    "last_page": True,
    "empty": False,
    "contents": [SERVICE],
}


def test_a_good_service_and_page_pass():
    assert_valid_entity(SERVICE, "compiled/service.json")
    assert_valid_page(PAGE, "/services")


@pytest.mark.parametrize(
    "broken",
    [
        {"id": "ac148810-d857-441c-9679-408f346de14b", "status": "active"},
        {**SERVICE, "id": "42"},
        {**SERVICE, "status": "open"},
        {**SERVICE, "url": "not a web address"},
        {**SERVICE, "last_modified": "yesterday"},
        {**SERVICE, "email": ""},
        {**SERVICE, "minimum_age": None},
        {**SERVICE, "schedules": [{"id": "ac148810-d857-441c-9679-408f346de14b", "freq": "DAILY"}]},
    ],
)
def test_broken_services_fail(broken):
    with pytest.raises(AssertionError):
        assert_valid_entity(broken, "compiled/service.json")


@pytest.mark.parametrize(
    "broken",
    [
        {**PAGE, "total_items": "1"},
        {**PAGE, "contents": [{"name": "No id"}]},
        {key: value for key, value in PAGE.items() if key != "empty"},
    ],
)
def test_broken_pages_fail(broken):
    with pytest.raises(AssertionError):
        assert_valid_page(broken, "/services")
