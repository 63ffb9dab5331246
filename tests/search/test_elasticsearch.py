"""Wagtail's elasticsearch9 backend: mappings, documents and queries built without a server (the live tests are in
test_live_search.py)."""

import pytest

from directory.models import Organisation, Service
from directory.search import DirectoryFilters, find_organisations
from home.models import StandardPage
from portal.search.config import wagtailsearch_backends
from portal.search.elasticsearch9 import SearchBackend
from programmes.models import ProgrammePage
from tests.factories import AreaFactory, OrganisationFactory, ProgrammePageFactory, ServiceFactory

ES_BACKENDS = wagtailsearch_backends(
    backend="elasticsearch9", urls=["http://127.0.0.1:9200"], index_prefix="hubportal_test_", timeout=5
)


def _backend():
    params = dict(ES_BACKENDS["default"])
    del params["BACKEND"]
    return SearchBackend(params)


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
    settings.WAGTAILSEARCH_BACKENDS = ES_BACKENDS
    filters = DirectoryFilters(category="young-people", area="northgate", age=14)
    results = find_organisations("youth", filters)
    # What RankedResults asks the server when the search alone finds MAX_RANKED or more (else it keeps to the slugs
    # itself).
    search = results.restricted().order_by().search(results.expressions[0])
    query = str(search.query_compiler.get_query())
    assert "slug_filter" in query and "youth-service" in query
    assert "age-concern" not in query
    assert "live_filter" in query
    assert "taxonomy_terms" not in query and "areas" not in query
