"""The API's search must run on Elasticsearch too, where only index.FilterField fields can filter a search."""

import pytest
from wagtail.search.backends.elasticsearch9 import Elasticsearch9SearchBackend

from directory.api.queries import searchable_services

pytestmark = pytest.mark.django_db


def test_the_api_search_compiles_for_elasticsearch_without_a_server():
    backend = Elasticsearch9SearchBackend({"URLS": ["http://127.0.0.1:9200"], "INDEX": "hubportal-api-test"})
    results = backend.search("street drinking", searchable_services(), operator="and")
    query = results.query_compiler.get_query()
    assert query["bool"]["must"]["multi_match"]["operator"] == "and"
    assert query["bool"]["filter"][1] == {
        "bool": {
            "must": [
                {"term": {"live_filter": True}},
                {"terms": {"status_filter": ["active", "temporarily closed"]}},
            ]
        }
    }
