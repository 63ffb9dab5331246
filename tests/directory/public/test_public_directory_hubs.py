"""Each hub's /directory/ lists the services covering it first; the rest of the county only when asked for."""

import pytest
from wagtail.search import index

from tests.factories import AreaFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

OTHER = {"HTTP_HOST": "other.localhost"}


def names(response):
    return [organisation.name for organisation in response.context["results"]]


def groups(response):
    return [(organisation.directory_group, organisation.name) for organisation in response.context["results"]]


@pytest.fixture
def county(hub, other_hub):
    here = AreaFactory(name="Northgate", slug="northgate", hub=hub)
    there = AreaFactory(name="Eden Valley", slug="eden-valley", hub=other_hub)
    local = OrganisationFactory(name="Northgate Housing", slug="northgate-housing", keywords="help")
    ServiceFactory(organisation=local, name="Housing advice", areas=[here])
    away = OrganisationFactory(name="Eden Youth", slug="eden-youth", keywords="help", hubs=[other_hub])
    ServiceFactory(organisation=away, name="Youth club", areas=[there])
    everywhere = OrganisationFactory(name="County Helpline", slug="county-helpline", keywords="help")
    ServiceFactory(organisation=everywhere, name="Helpline")
    both = OrganisationFactory(name="Both Districts", slug="both-districts", keywords="help")
    ServiceFactory(organisation=both, name="Two places", areas=[here, there])
    for organisation in (local, away, everywhere, both):
        index.insert_or_update_object(organisation)
    return {"here": here, "there": there}


def test_a_hub_lists_the_services_covering_it(client, county, hub):
    response = client.get("/directory/")
    assert names(response) == ["Both Districts", "County Helpline", "Northgate Housing"]
    assert f"Covering {hub.name}" in response.content.decode()
    assert response.context["county"] is False


def test_the_other_hub_lists_its_own(client, county):
    response = client.get("/directory/", **OTHER)
    assert names(response) == ["Both Districts", "County Helpline", "Eden Youth"]
    assert "Covering Other" in response.content.decode()


def test_the_county_is_shown_when_asked_for_after_the_hubs_own(client, county):
    response = client.get("/directory/", {"county": "1"}, **OTHER)
    assert groups(response) == [
        ("local", "Both Districts"),
        ("local", "County Helpline"),
        ("local", "Eden Youth"),
        ("county", "Northgate Housing"),
    ]
    content = response.content.decode()
    assert content.index("Covering Other") < content.index("Elsewhere in the county")
    assert response.context["results"].paginator.count == 4


def test_the_checkbox_value_asks_for_the_county_too(client, county):
    response = client.get("/directory/", {"county": "yes", "q": "help"})
    assert [group for group, _ in groups(response)] == ["local", "local", "local", "county"]
    assert names(response)[-1] == "Eden Youth"


def test_the_link_to_the_county_keeps_the_search_and_works_without_javascript(client, county):
    content = client.get("/directory/", {"q": "help", "page": "1"}).content.decode()
    assert 'href="/directory/?q=help&amp;county=1"' in content
    assert "Show services across the county" in content
    assert 'name="county"' in content, "a checkbox asks for the county in the filter form"


def test_search_keeps_to_the_hub_unless_the_county_is_asked_for(client, county):
    assert names(client.get("/directory/", {"q": "youth"})) == []
    content = client.get("/directory/", {"q": "youth"}).content.decode()
    assert "show services across the county" in content
    assert names(client.get("/directory/", {"q": "youth", "county": "1"})) == ["Eden Youth"]
    assert names(client.get("/directory/", {"q": "youth"}, **OTHER)) == ["Eden Youth"]


def test_the_area_filter_offers_the_hubs_own_areas(client, county):
    choices = client.get("/directory/").context["form"].fields["area"].choices
    assert choices[1:] == [("northgate", "Northgate")]
    choices = client.get("/directory/", **OTHER).context["form"].fields["area"].choices
    assert choices[1:] == [("eden-valley", "Eden Valley")]


def test_across_the_county_the_areas_are_grouped_by_hub(client, county, hub):
    response = client.get("/directory/", {"county": "1"})
    choices = response.context["form"].fields["area"].choices
    assert sorted(choices[1:]) == [
        ("Other", [("eden-valley", "Eden Valley")]),
        (hub.name, [("northgate", "Northgate")]),
    ]
    content = response.content.decode()
    assert '<optgroup label="Other"><option value="eden-valley">Eden Valley</option></optgroup>' in content


def test_another_hubs_area_is_ignored_on_a_hubs_own_listing(client, county):
    response = client.get("/directory/", {"area": "eden-valley"})
    assert response.context["form"].filters().area == ""
    assert names(response) == ["Both Districts", "County Helpline", "Northgate Housing"]


def test_filtering_by_another_hubs_area_across_the_county(client, county):
    response = client.get("/directory/", {"area": "eden-valley", "county": "1"})
    assert groups(response) == [
        ("local", "Both Districts"),
        ("local", "County Helpline"),
        ("county", "Eden Youth"),
    ]


def test_pages_run_on_from_the_hubs_group_into_the_county(client, hub, other_hub):
    here = AreaFactory(slug="here", hub=hub)
    there = AreaFactory(slug="there", hub=other_hub)
    for number in range(8):
        ServiceFactory(organisation=OrganisationFactory(name=f"Local {number}"), areas=[here])
        ServiceFactory(organisation=OrganisationFactory(name=f"Away {number}"), areas=[there])
    first = client.get("/directory/", {"county": "1"})
    second = client.get("/directory/", {"county": "1", "page": "2"})
    assert [group for group, _ in groups(first)] == ["local"] * 8 + ["county"] * 2
    assert names(second) == [f"Away {number}" for number in range(2, 8)]
    assert first.context["results"].paginator.count == 16


def test_an_organisation_without_services_is_listed_by_the_hubs_it_works_with(client, hub, other_hub):
    OrganisationFactory(name="New Agency", hubs=[other_hub])
    assert names(client.get("/directory/")) == []
    assert names(client.get("/directory/", **OTHER)) == ["New Agency"]
    assert names(client.get("/directory/", {"county": "1"})) == ["New Agency"]


def test_organisation_pages_are_the_same_on_every_hub(client, county):
    ours = client.get("/directory/eden-youth/")
    theirs = client.get("/directory/eden-youth/", **OTHER)
    assert ours.status_code == theirs.status_code == 200
    assert "Youth club" in ours.content.decode() and "Youth club" in theirs.content.decode()
