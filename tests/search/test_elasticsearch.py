"""Wagtail's elasticsearch9 backend: the mapping is built here without a server; live tests need ELASTICSEARCH_URL."""

import os
import uuid

import pytest
from wagtail.search.backends.elasticsearch9 import Elasticsearch9SearchBackend

from home.models import StandardPage
from programmes.models import ProgrammePage
from tests.factories import ProgrammePageFactory

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
