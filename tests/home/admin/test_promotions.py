"""Promoted search results in the admin, per hub: a hub's editors see and change only their hubs' promotions."""

import pytest
from django.utils.html import escape
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.admin.promotions import EXTERNAL_LINK, OTHER_HUBS_PAGE
from tests.factories import StandardPageFactory, hub_editor, superuser

pytestmark = pytest.mark.django_db

INDEX = "/admin/searchpicks/"


@pytest.fixture
def promoted(home_page, hub, other_hub):
    ours = StandardPageFactory(parent=home_page, title="Noise at night", slug="noise-at-night")
    theirs = StandardPageFactory(parent=other_hub.site.root_page, title="Carrick noise line", slug="carrick-noise")
    noise = Query.get("noise")
    SearchPromotion.objects.create(query=noise, page=ours, sort_order=0, description="Ours")
    SearchPromotion.objects.create(query=noise, page=theirs, sort_order=1, description="Theirs")
    SearchPromotion.objects.create(query=Query.get("carrick only"), page=theirs, sort_order=0)
    return {"ours": ours, "theirs": theirs, "noise": noise}


@pytest.fixture
def editor(client, hub):
    client.force_login(hub_editor(hubs=[hub], username="westfield-editor", email="we@example.org"))
    return client


def formset_data(query_string, rows):
    """The edit form's POST: ``rows`` are (promotion id or "", page id or "", external url, description, delete)."""
    data = {
        "query_string": query_string,
        "editors_picks-TOTAL_FORMS": str(len(rows)),
        "editors_picks-INITIAL_FORMS": str(sum(1 for row in rows if row[0])),
        "editors_picks-MIN_NUM_FORMS": "0",
        "editors_picks-MAX_NUM_FORMS": "1000",
    }
    for index, (pk, page, url, description, delete) in enumerate(rows):
        prefix = f"editors_picks-{index}-"
        data |= {
            f"{prefix}id": pk,
            f"{prefix}page": page,
            f"{prefix}external_link_url": url,
            f"{prefix}external_link_text": "A link" if url else "",
            f"{prefix}description": description,
            f"{prefix}ORDER": str(index + 1),
            f"{prefix}DELETE": "on" if delete else "",
        }
    return data


def test_editors_list_only_their_hubs_promotions(editor, promoted):
    response = editor.get(INDEX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Noise at night" in body
    assert "Carrick noise line" not in body
    assert "carrick only" not in body


def test_superusers_list_every_hubs_promotions(client, promoted):
    client.force_login(superuser())
    body = client.get(INDEX).content.decode()
    assert "Noise at night" in body
    assert "Carrick noise line" in body
    assert "carrick only" in body


def test_saving_a_term_keeps_the_other_hubs_promotions(editor, promoted):
    edit_url = f"{INDEX}{promoted['noise'].pk}/"
    page = editor.get(edit_url)
    assert page.status_code == 200
    assert "Carrick noise line" not in page.content.decode()
    ours = SearchPromotion.objects.get(page=promoted["ours"])
    response = editor.post(edit_url, formset_data("noise", [(ours.pk, promoted["ours"].pk, "", "Changed", False)]))
    assert response.status_code == 302
    assert SearchPromotion.objects.get(pk=ours.pk).description == "Changed"
    theirs = SearchPromotion.objects.get(query=promoted["noise"], page=promoted["theirs"])
    assert (theirs.description, theirs.sort_order) == ("Theirs", 1)


def test_another_hubs_page_cannot_be_promoted(editor, promoted):
    response = editor.post(
        f"{INDEX}add/", formset_data("fireworks", [("", promoted["theirs"].pk, "", "Sneaky", False)])
    )
    assert response.status_code == 200
    assert escape(OTHER_HUBS_PAGE) in response.content.decode()
    assert not SearchPromotion.objects.filter(query__query_string="fireworks").exists()


def test_editors_cannot_promote_external_links(editor, promoted):
    response = editor.post(
        f"{INDEX}add/", formset_data("fireworks", [("", "", "https://example.org/", "Elsewhere", False)])
    )
    assert response.status_code == 200
    assert escape(EXTERNAL_LINK) in response.content.decode()
    assert not SearchPromotion.objects.filter(query__query_string="fireworks").exists()


def test_editors_promote_their_own_hubs_pages(editor, promoted):
    response = editor.post(
        f"{INDEX}add/", formset_data("fireworks", [("", promoted["ours"].pk, "", "Bonfire night", False)])
    )
    assert response.status_code == 302
    assert SearchPromotion.objects.get(query__query_string="fireworks").page_id == promoted["ours"].pk


def test_deleting_a_term_deletes_only_their_promotions(editor, promoted):
    response = editor.post(f"{INDEX}{promoted['noise'].pk}/delete/")
    assert response.status_code == 302
    assert list(SearchPromotion.objects.filter(query=promoted["noise"]).values_list("page_id", flat=True)) == [
        promoted["theirs"].pk
    ]


def test_a_term_only_another_hub_promotes_cannot_be_deleted(editor, promoted):
    other_term = Query.objects.get(query_string="carrick only")
    assert editor.post(f"{INDEX}{other_term.pk}/delete/").status_code == 404
    assert SearchPromotion.objects.filter(query=other_term).exists()


def test_people_outside_the_admin_are_sent_to_sign_in(client, promoted):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_another_hubs_promotion_cannot_be_changed_by_its_id(editor, promoted):
    theirs = SearchPromotion.objects.get(query=promoted["noise"], page=promoted["theirs"])
    edit_url = f"{INDEX}{promoted['noise'].pk}/"
    response = editor.post(edit_url, formset_data("noise", [(theirs.pk, promoted["ours"].pk, "", "Taken", False)]))
    theirs.refresh_from_db()
    assert (theirs.page_id, theirs.description) == (promoted["theirs"].pk, "Theirs")
    assert response.status_code in (200, 302)
    assert not SearchPromotion.objects.filter(description="Taken").exists()
