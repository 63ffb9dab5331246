"""The public directory listing: search, filters, pagination and the page shown when nothing matches."""

import pytest
from wagtail.search import index

from tests.factories import AreaFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def names(response):
    return [organisation.name for organisation in response.context["results"]]


def reindex(*organisations):
    """Factories write services after their organisation was indexed; publishing would do this."""
    for organisation in organisations:
        index.insert_or_update_object(organisation)


@pytest.fixture
def directory(home_page):
    northgate, riverside = (
        AreaFactory(name="Northgate", slug="northgate"),
        AreaFactory(name="Riverside", slug="riverside"),
    )
    noise = OrganisationFactory(name="Environmental Health", slug="environmental-health", keywords="noise")
    ServiceFactory(organisation=noise, name="Noise nuisance", terms=["environment-and-enforcement"], areas=[northgate])
    youth = OrganisationFactory(name="Youth Service", slug="youth-service", summary="Clubs for teenagers.")
    ServiceFactory(organisation=youth, name="Youth clubs", minimum_age=11, maximum_age=18, terms=["young-people"])
    older = OrganisationFactory(name="Age Concern", slug="age-concern", summary="Befriending.")
    ServiceFactory(organisation=older, name="Befriending", minimum_age=60, terms=["older-people"], areas=[riverside])
    hidden = OrganisationFactory(name="Draft Agency", slug="draft-agency", live=False, keywords="noise")
    ServiceFactory(organisation=hidden, name="Noise help")
    reindex(noise, youth, older, hidden)
    return {"noise": noise, "youth": youth, "older": older, "hidden": hidden}


def test_lists_published_organisations_by_name(client, directory):
    response = client.get("/directory/")
    assert response.status_code == 200
    assert names(response) == ["Age Concern", "Environmental Health", "Youth Service"]
    content = response.content.decode()
    assert 'href="/directory/age-concern/"' in content
    assert "Older people" in content, "each result shows its kinds of help"


def test_search_finds_published_organisations_only(client, directory):
    response = client.get("/directory/", {"q": "noise"})
    assert names(response) == ["Environmental Health"]


def test_search_reaches_service_text_through_the_organisation(client, directory):
    assert names(client.get("/directory/", {"q": "befriending"})) == ["Age Concern"]
    assert names(client.get("/directory/", {"q": "youth clubs"})) == ["Youth Service"]


def test_words_that_do_not_all_match_still_find_the_best_answer(client, directory):
    response = client.get("/directory/", {"q": "noise from the flat upstairs"})
    assert names(response)[0] == "Environmental Health"


def test_filter_by_category(client, directory):
    assert names(client.get("/directory/", {"category": "young-people"})) == ["Youth Service"]


def test_filter_by_area_includes_services_that_name_no_area(client, directory):
    assert names(client.get("/directory/", {"area": "northgate"})) == ["Environmental Health", "Youth Service"]


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        ("15", ["Environmental Health", "Youth Service"]),
        ("11", ["Environmental Health", "Youth Service"]),
        ("19", ["Environmental Health"]),
        ("60", ["Age Concern", "Environmental Health"]),
    ],
)
def test_filter_by_age_within_a_services_range(client, directory, age, expected):
    assert names(client.get("/directory/", {"age": age})) == expected


def test_filters_combine_with_a_search(client, directory):
    response = client.get("/directory/", {"q": "noise", "category": "young-people"})
    assert names(response) == []
    response = client.get("/directory/", {"q": "noise", "area": "northgate", "age": "30"})
    assert names(response) == ["Environmental Health"]


def test_all_filters_apply_to_the_same_service(client, home_page):
    organisation = OrganisationFactory(name="Mixed", slug="mixed")
    ServiceFactory(organisation=organisation, terms=["young-people"], minimum_age=11, maximum_age=18)
    ServiceFactory(organisation=organisation, terms=["older-people"], minimum_age=60)
    assert names(client.get("/directory/", {"category": "older-people", "age": "70"})) == ["Mixed"]
    assert names(client.get("/directory/", {"category": "older-people", "age": "15"})) == []


def test_services_that_are_drafts_or_closed_do_not_match_filters(client, home_page):
    organisation = OrganisationFactory(name="Closing", slug="closing")
    ServiceFactory(organisation=organisation, terms=["housing"], live=False)
    ServiceFactory(organisation=organisation, terms=["licensing"], status="defunct")
    assert names(client.get("/directory/", {"category": "housing"})) == []
    assert names(client.get("/directory/", {"category": "licensing"})) == []


@pytest.mark.parametrize(
    "params",
    [
        {"category": "no-such-category"},
        {"area": "atlantis"},
        {"category": "<script>alert(1)</script>", "area": "😀"},
        {"page": "abc"},
        {"page": "99999"},
        {"unknown": "value"},
    ],
)
def test_unknown_filter_values_are_ignored(client, directory, params):
    response = client.get("/directory/", params)
    assert response.status_code == 200
    assert len(names(response)) == 3
    assert "There is a problem" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "noise " * 2_000,
        '"noise" AND (NOT *) OR NEAR(-:^~',
        "' OR 1=1; DROP TABLE directory_organisation; --",
        "<script>alert('x')</script>",
        "😀 noise 🚨",
        "noise\x00\x07",
        "%00%27",
        "   ",
        "and or not near",
    ],
)
def test_odd_or_huge_queries_answer_normally(client, directory, query):
    response = client.get("/directory/", {"q": query})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content
    assert len(response.context["search_query"]) <= 200


def test_hostile_query_is_escaped_when_echoed(client, directory):
    response = client.get("/directory/", {"q": "<b>noise</b>"})
    assert "&lt;b&gt;noise&lt;/b&gt;" in response.content.decode()
    assert names(response) == ["Environmental Health"]


@pytest.mark.parametrize(
    ("age", "message"),
    [("abc", "Enter an age as a number, like 15"), ("-1", "Enter an age of 0 or more"), ("500", "Enter an age of 120")],
)
def test_a_bad_age_is_explained_and_the_other_answers_still_apply(client, directory, age, message):
    response = client.get("/directory/", {"q": "noise", "age": age, "category": "environment-and-enforcement"})
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'href="#id_age"' in content, "the error summary links to the field"
    assert response.context["form"]["category"].value() == "environment-and-enforcement"
    assert names(response) == ["Environmental Health"]


def test_nothing_matches_offers_a_way_forward(client, directory, settings):
    response = client.get("/directory/", {"q": "zzzznothing", "category": "housing"})
    content = response.content.decode()
    assert response.status_code == 200
    assert names(response) == []
    assert "0 partner agencies for “zzzznothing”" in content
    assert "check your spelling" in content
    assert 'href="/directory/?q=zzzznothing"' in content, "clear the filters, keep the words"
    assert "Tell the hub about a problem" in content
    assert 'href="/report/"' in content, "the hub's report route, as on the home page"
    assert "999" in content


def test_nothing_matches_shows_the_hub_phone_and_contact_page(client, home_page):
    from home.models import SiteSettings
    from tests.factories import StandardPageFactory

    contact = StandardPageFactory(parent=home_page, title="Contact the hub", slug="contact")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.hub_phone, site_settings.contact_page = "01632 960000", contact
    site_settings.save()
    content = client.get("/directory/", {"q": "zzzznothing"}).content.decode()
    assert "01632 960000" in content
    assert 'href="/contact/"' in content


def test_results_are_paginated(client, home_page):
    for number in range(23):
        OrganisationFactory(name=f"Agency {number:02d}", slug=f"agency-{number:02d}")
    first = client.get("/directory/")
    assert first.context["results"].paginator.count == 23
    assert len(names(first)) == 10
    third = client.get("/directory/", {"page": "3"})
    assert names(third) == ["Agency 20", "Agency 21", "Agency 22"]
    assert 'href="?page=2"' in third.content.decode()


def test_search_results_are_paginated_keeping_the_query(client, home_page):
    for number in range(12):
        OrganisationFactory(name=f"Noise team {number:02d}", slug=f"noise-{number:02d}", keywords="noise")
    response = client.get("/directory/", {"q": "noise", "page": "2"})
    assert len(names(response)) == 2
    assert 'href="?q=noise&amp;page=1"' in response.content.decode()
