"""The API's search must run on a search server too, where only index.FilterField fields can filter a search."""

import pytest
from wagtail.search.backends.elasticsearch9 import Elasticsearch9SearchBackend

from directory.api.queries import searchable_services
from tests.factories import ServiceFactory, ServiceLocationFactory

pytestmark = pytest.mark.django_db


def test_the_api_search_compiles_for_elasticsearch_without_a_server():
    backend = Elasticsearch9SearchBackend({"URLS": ["http://127.0.0.1:9200"], "INDEX_PREFIX": "hubportal_api_test_"})
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


@pytest.mark.search_server
def test_the_api_search_runs_on_a_search_server(api, live_search, caplog):
    ServiceFactory(name="Noise nuisance team", description="Investigates loud music and parties.")
    ServiceFactory(name="Noise for young people", description="Noise workshops.", terms=["young-people"])
    ServiceFactory(name="Garden tidy-up", description="Volunteers clear overgrown gardens.", keywords="noise")
    outreach = ServiceFactory(name="Street drinking outreach", description="Works with people drinking in public.")
    ServiceLocationFactory(service=outreach)
    ServiceFactory(name="Hidden noise service", description="A draft about noise.", live=False)
    live_search.rebuild()

    found = [item["name"] for item in api("services", search="noise")["contents"]]
    assert set(found) == {"Noise nuisance team", "Noise for young people", "Garden tidy-up"}
    assert found == [service.name for service in searchable_services().search("noise", operator="and")]
    assert [item["name"] for item in api("services", search="loud music")["contents"]] == ["Noise nuisance team"]
    assert api("services", search="loud drinking")["contents"] == []
    young = api("services", search="noise", taxonomy_term_id="young-people")["contents"]
    assert [item["name"] for item in young] == ["Noise for young people"]
    located = api("service_at_locations", search="drinking")["contents"]
    assert [item["service"]["name"] for item in located] == ["Street drinking outreach"]
    assert not [record for record in caplog.records if record.name == "portal.search.fallback"]
