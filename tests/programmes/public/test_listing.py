import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.choices import Audience
from tests.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(programme_index):
    return {
        "residential": ProgrammePageFactory(
            parent=programme_index, title="Outdoor residential", audience=Audience.SCHOOLS, min_age=13, max_age=16
        ),
        "cap": ProgrammePageFactory(
            parent=programme_index,
            title="Community Alcohol Partnership",
            audience=Audience.YOUNG_PEOPLE,
            min_age=12,
            max_age=17,
        ),
        "parents": ProgrammePageFactory(
            parent=programme_index, title="Parenting teenagers", audience=Audience.FAMILIES, min_age=None, max_age=None
        ),
    }


def titles(response):
    return [programme.title for programme in response.context["programmes"]]


def test_lists_every_live_programme(client, programmes):
    programmes["parents"].unpublish()
    response = client.get("/programmes/")
    assert titles(response) == ["Community Alcohol Partnership", "Outdoor residential"]


def test_filters_by_audience(client, programmes):
    response = client.get("/programmes/", {"audience": "young_people"})
    assert titles(response) == ["Community Alcohol Partnership"]


def test_filters_by_age_keeping_programmes_without_limits(client, programmes):
    response = client.get("/programmes/", {"age": "17"})
    assert titles(response) == ["Community Alcohol Partnership", "Parenting teenagers"]


@pytest.mark.parametrize(
    ("age", "message"),
    [("abc", "Enter an age as a number, like 14"), ("2", "Enter an age of 5 or more"), ("1000", "Enter an age of 99")],
)
def test_bad_age_is_explained_and_nothing_is_hidden(client, programmes, age, message):
    response = client.get("/programmes/", {"age": age, "audience": "schools"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(titles(response)) == 3
    assert response.context["filter_form"]["audience"].value() == "schools", "the other answer is kept"


def test_unknown_audience_is_explained(client, programmes):
    response = client.get("/programmes/", {"audience": "<script>alert(1)</script>"})
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert "<script>alert(1)</script>" not in body


def test_nothing_matches_explains_what_to_do(client, programmes):
    response = client.get("/programmes/", {"audience": "community"})
    assert titles(response) == []
    assert "No programmes match your filters" in response.content.decode()


@pytest.mark.parametrize("page", ["2", "999", "abc", "-1"])
def test_pagination_never_breaks(client, programme_index, page):
    for _ in range(14):
        ProgrammePageFactory(parent=programme_index, image=None)
    response = client.get("/programmes/", {"page": page})
    assert response.status_code == 200
    assert len(titles(response)) in {12, 2}


def _queries_for_listing(client, programme_index, count):
    for _ in range(count):
        ProgrammePageFactory(parent=programme_index)
    client.get("/programmes/")  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/programmes/")
    assert response.status_code == 200
    return len(queries), len(titles(response))


def test_listing_queries_do_not_grow_with_programmes(client, programme_index, settings, no_page_cache):
    few, shown_few = _queries_for_listing(client, programme_index, 3)
    many, shown_many = _queries_for_listing(client, programme_index, 57)
    assert (shown_few, shown_many) == (3, 12)
    assert few == many, f"{few} queries with 3 programmes, {many} with 60"
    assert many <= 6
