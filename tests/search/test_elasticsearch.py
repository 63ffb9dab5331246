"""Wagtail's elasticsearch9 backend: the mapping is built here without a server; live tests need ELASTICSEARCH_URL."""

import os
import uuid

import pytest
from wagtail.search.backends.elasticsearch9 import Elasticsearch9SearchBackend

from directory.models import Organisation, Service
from directory.search import DirectoryFilters, find_organisations
from home.models import StandardPage
from programmes.models import ProgrammePage
from tests.factories import AreaFactory, OrganisationFactory, ProgrammePageFactory, ServiceFactory

ES_SETTINGS = {
    "BACKEND": "wagtail.search.backends.elasticsearch9",
    "URLS": [os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")],
    "INDEX": f"hubportal-test-{uuid.uuid4().hex[:8]}",
    "TIMEOUT": 5,
}


def _backend():
    return Elasticsearch9SearchBackend({key: value for key, value in ES_SETTINGS.items() if key != "BACKEND"})


def test_programme_mapping_indexes_the_fields_people_search_and_filter_on():
    mapping = _backend().mapping_class(ProgrammePage).get_mapping()
    properties = mapping["properties"]
    searchable = {name for name in properties if name.startswith("programmes_programmepage__")}
    assert {
        "programmes_programmepage__summary",
        "programmes_programmepage__eligibility",
        "programmes_programmepage__what_happens",
        "programmes_programmepage__delivery_partner_name",
        "programmes_programmepage__body",
    } <= searchable
    assert properties["programmes_programmepage__audience_filter"]["type"] == "keyword"
    assert properties["programmes_programmepage__min_age_filter"]["type"] == "integer"
    assert "title" in properties


def test_document_for_a_programme_carries_its_text(programme_index):
    programme = ProgrammePageFactory(parent=programme_index, summary="Gorge walking in the fells", image=None)
    document = _backend().mapping_class(ProgrammePage).get_document(programme)
    assert document["programmes_programmepage__summary"] == "Gorge walking in the fells"
    assert document["programmes_programmepage__audience_filter"] == programme.audience


def test_standard_page_mapping_includes_body():
    properties = _backend().mapping_class(StandardPage).get_mapping()["properties"]
    assert "home_standardpage__body" in properties
    assert "home_standardpage__intro" in properties


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="set ELASTICSEARCH_URL to run against a live server"
)
def test_live_index_and_search(programme_index):
    search_backend = _backend()
    programme = ProgrammePageFactory(parent=programme_index, title="Canoeing residential", image=None)
    index = search_backend.get_index_for_model(ProgrammePage)
    try:
        search_backend.reset_index()
        search_backend.add_type(ProgrammePage)
        search_backend.add(programme)
        index.refresh()
        results = search_backend.search("canoeing", ProgrammePage)
        assert programme.pk in [result.pk for result in results]
    finally:
        index.delete()


def test_organisation_mapping_searches_its_text_and_services_with_boosts():
    properties = _backend().mapping_class(Organisation).get_mapping()["properties"]
    for field, boost in [("name", "5_0"), ("keywords", "3_0"), ("summary", "2_0")]:
        assert f"_all_text_boost_{boost}" in properties[field]["copy_to"], field
        assert properties[f"_all_text_boost_{boost}"]["type"] == "text"
    for field in ("description", "services_text"):
        assert properties[field] == {"type": "text", "copy_to": "_all_text"}
    assert properties["name_edgengrams"]["analyzer"] == "edgengram_analyzer"
    assert properties["live_filter"]["type"] == "boolean"
    assert properties["slug_filter"]["type"] == "keyword"


def test_service_mapping_searches_its_text_and_filters_on_status_and_ages():
    properties = _backend().mapping_class(Service).get_mapping()["properties"]
    assert "_all_text_boost_4_0" in properties["name"]["copy_to"]
    assert "_all_text_boost_3_0" in properties["keywords"]["copy_to"]
    assert properties["description"]["type"] == properties["eligibility"]["type"] == "text"
    assert properties["taxonomy_terms"]["type"] == "nested"
    assert properties["taxonomy_terms"]["properties"]["name"]["type"] == "text"
    assert properties["organisation"]["properties"]["name"]["type"] == "text"
    assert properties["live_filter"]["type"] == "boolean"
    assert properties["status_filter"]["type"] == "keyword"
    assert properties["organisation_id_filter"]["type"] == "long"
    assert properties["minimum_age_filter"]["type"] == properties["maximum_age_filter"]["type"] == "integer"


@pytest.mark.django_db
def test_organisation_document_carries_its_published_services_text():
    organisation = OrganisationFactory(name="Environmental Health", keywords="noise, loud music")
    ServiceFactory(organisation=organisation, name="Noise nuisance", keywords="barking dogs", terms=["housing"])
    ServiceFactory(organisation=organisation, name="Secret draft", live=False)
    document = _backend().mapping_class(Organisation).get_document(organisation)
    assert document["keywords"] == "noise, loud music"
    assert "barking dogs" in document["services_text"] and "Housing" in document["services_text"]
    assert "Secret draft" not in document["services_text"]
    assert document["live_filter"] is True
    assert document["slug_filter"] == organisation.slug


@pytest.mark.django_db
def test_directory_filters_reach_elasticsearch_as_plain_field_filters(settings):
    """Filters become a slug list before the search, so Elasticsearch never needs a related lookup."""
    youth = OrganisationFactory(slug="youth-service")
    ServiceFactory(organisation=youth, terms=["young-people"], areas=[AreaFactory(slug="northgate")], minimum_age=11)
    OrganisationFactory(slug="age-concern")
    settings.WAGTAILSEARCH_BACKENDS = {"default": ES_SETTINGS}
    filters = DirectoryFilters(category="young-people", area="northgate", age=14)
    results = find_organisations("youth", filters)
    query = str(results.query_compiler.get_query())
    assert "slug_filter" in query and "youth-service" in query
    assert "age-concern" not in query
    assert "live_filter" in query
    assert "taxonomy_terms" not in query and "areas" not in query


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="set ELASTICSEARCH_URL to run against a live server"
)
@pytest.mark.django_db
def test_live_directory_index_and_search(settings):
    from wagtail.search.index import insert_or_update_object

    noise = OrganisationFactory(name="Environmental Health", slug="environmental-health", keywords="noise")
    ServiceFactory(organisation=noise, name="Noise nuisance", terms=["environment-and-enforcement"])
    youth = OrganisationFactory(name="Youth Service", slug="youth-service", keywords="teenagers")
    ServiceFactory(organisation=youth, name="Youth clubs", terms=["young-people"], minimum_age=11, maximum_age=18)
    OrganisationFactory(name="Hidden Noise Team", slug="hidden", keywords="noise", live=False)
    settings.WAGTAILSEARCH_BACKENDS = {"default": ES_SETTINGS}
    search_backend = _backend()
    try:
        search_backend.reset_index()
        for model in (Organisation, Service):
            search_backend.add_type(model)
        for organisation in Organisation.objects.all():
            insert_or_update_object(organisation)
        for model in (Organisation, Service):
            search_backend.get_index_for_model(model).refresh()
        assert [found.slug for found in find_organisations("noise")] == ["environmental-health"]
        assert [found.slug for found in find_organisations("clubs")] == ["youth-service"]
        assert list(find_organisations("noise", DirectoryFilters(category="young-people"))) == []
        assert [found.slug for found in find_organisations("youth", DirectoryFilters(age=15))] == ["youth-service"]
    finally:
        for model in (Organisation, Service):
            search_backend.get_index_for_model(model).delete()
