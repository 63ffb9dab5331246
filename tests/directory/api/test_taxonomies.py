import pytest

from directory.models import Taxonomy, TaxonomyTerm
from tests.directory.api.schemas import assert_valid_entity, assert_valid_page
from tests.factories.directory import term

pytestmark = pytest.mark.django_db


def test_taxonomy_list_validates(api):
    data = api("taxonomies")
    assert_valid_page(data, "/taxonomies")
    (hub,) = data["contents"]
    assert hub["name"] == "Local Focus Hub categories"
    assert hub["version"] == "1.0"
    assert "taxonomy_terms" not in hub


def test_a_taxonomy_comes_with_its_terms(api):
    hub = Taxonomy.objects.get()
    data = api(f"taxonomies/{hub.uuid}")
    assert_valid_entity(data, "taxonomy.json")
    assert len(data["taxonomy_terms"]) == TaxonomyTerm.objects.count() >= 16
    assert {item["term"] for item in data["taxonomy_terms"]} >= {"drugs-and-alcohol", "fire-safety"}


def test_taxonomy_term_list_validates_and_pages(api):
    data = api("taxonomy_terms", per_page=5)
    assert_valid_page(data, "/taxonomy_terms")
    assert data["size"] == 5
    assert data["total_items"] == TaxonomyTerm.objects.count()
    assert data["contents"][0]["taxonomy_id"] == str(Taxonomy.objects.get().uuid)


def test_a_taxonomy_term_validates_with_its_parent(api):
    parent = term("health-and-wellbeing")
    child = TaxonomyTerm.objects.create(
        taxonomy=parent.taxonomy, parent=parent, name="Sexual health", slug="sexual-health", description="Clinics."
    )
    data = api(f"taxonomy_terms/{child.uuid}")
    assert_valid_entity(data, "taxonomy_term.json")
    assert data == {
        "id": str(child.uuid),
        "name": "Sexual health",
        "description": "Clinics.",
        "parent_id": str(parent.uuid),
        "taxonomy": "Local Focus Hub categories",
        "taxonomy_id": str(parent.taxonomy.uuid),
        "term": "sexual-health",
    }


@pytest.mark.parametrize("path", ["taxonomies", "taxonomy_terms"])
@pytest.mark.parametrize("bad_id", ["nope", "00000000-0000-0000-0000-000000000000"])
def test_unknown_or_malformed_taxonomy_ids_are_404(api, path, bad_id):
    assert api(f"{path}/{bad_id}", expected=404)["status"] == 404


def test_a_term_id_is_not_a_taxonomy_id(api):
    api(f"taxonomies/{term('housing').uuid}", expected=404)
