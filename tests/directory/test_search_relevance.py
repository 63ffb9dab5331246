"""On the demo directory, what residents type puts the right partner agency first: on the database backend (SQLite
and PostgreSQL) and on a search server (tests/search/live.py), through the same tests."""

import pytest
from django.db import transaction

from directory.models import Organisation
from directory.search import DirectoryFilters, find_organisations
from portal.demo.directory import seed_directory
from portal.search.fallback import DatabaseFallbackResults
from tests.search.live import wired_to

pytestmark = pytest.mark.django_db

HOUSING = {"westfield-council-housing-options", "westfield-homes", "fellview-housing-association"}


@pytest.fixture(scope="module", autouse=True)
def demo_directory(django_db_setup, django_db_blocker):
    """Seeded once for the module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_directory([])
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(
    scope="module", autouse=True, params=["database", pytest.param("search server", marks=pytest.mark.search_server)]
)
def search_backend(request, demo_directory, django_db_blocker):
    """Each test runs on the database backend, then on a search server with the demo directory indexed."""
    if request.param == "database":
        yield
        return
    with django_db_blocker.unblock(), wired_to(request.getfixturevalue("search_server")) as live:
        live.rebuild()
        with pytest.MonkeyPatch.context() as patch:
            # Falling back to the database would pass these tests without the server: here it must answer.
            patch.setattr(DatabaseFallbackResults, "_fall_back", raise_the_server_error)
            yield


def raise_the_server_error(results, error):
    raise error


def ranked(client, query, **filters):
    response = client.get("/directory/", {"q": query, **filters})
    assert response.status_code == 200
    return [organisation.slug for organisation in response.context["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("noise", "westfield-council-environmental-health"),
        ("loud music", "westfield-council-environmental-health"),
        ("barking dogs next door", "westfield-council-environmental-health"),
        ("street drinking", "westfield-community-alcohol-partnership"),
        ("drugs", "westfield-drug-and-alcohol-service"),
        ("fire safety", "westshire-fire-and-rescue"),
        ("graffiti", "westfield-council-street-cleansing"),
        ("fly tipping", "westfield-council-street-cleansing"),
        ("lonely older person", "age-uk-westfield"),
        ("homeless", "westfield-council-housing-options"),
        ("mental health crisis", "westshire-mental-health-crisis-and-wellbeing"),
        ("victim of crime", "westshire-victim-support"),
    ],
)
def test_the_right_agency_comes_first(client, query, expected):
    assert ranked(client, query)[0] == expected


def test_housing_puts_the_housing_agencies_at_the_top(client):
    results = ranked(client, "housing")
    assert results[0] in HOUSING
    assert set(results[:2]) <= HOUSING


def test_a_question_in_plain_words_still_finds_the_agency(client):
    """No agency uses every word, so any word may match; the most relevant still comes first."""
    assert ranked(client, "my neighbours play loud music every night")[0] == "westfield-council-environmental-health"
    assert ranked(client, "teenagers street drinking in the park")[0] == "westfield-community-alcohol-partnership"


def test_filters_narrow_a_search(client):
    young_people = ranked(client, "drugs", category="young-people", age="15")
    assert young_people[0] == "westfield-drug-and-alcohol-service"
    assert set(young_people) <= {"westfield-drug-and-alcohol-service", "westfield-community-alcohol-partnership"}
    assert ranked(client, "drugs", category="young-people", age="40") == []
    assert "westfield-homes" not in ranked(client, "housing", area="fellside-villages")
    assert ranked(client, "housing", area="fellside-villages", age="17")[0] == "fellview-housing-association"


def test_every_demo_agency_is_published_and_findable_by_name():
    for organisation in Organisation.objects.all():
        assert organisation.live
        results = [found.pk for found in find_organisations(organisation.name, DirectoryFilters())]
        assert results[0] == organisation.pk, organisation.name
