"""Page permissions are per hub: an editor of one hub cannot edit, publish or add pages in another hub's page tree,
through the Wagtail admin's own views (issue 11)."""

import pytest
from wagtail.models import Page

from programmes.models import ProgrammePage
from tests.factories import ProgrammeIndexPageFactory, ProgrammePageFactory
from tests.factories.users import hub_editor

pytestmark = pytest.mark.django_db

ADD_PROGRAMME = "/admin/pages/add/programmes/programmepage/{parent}/"


@pytest.fixture
def pages(hub, other_hub, programme_index):
    other_index = ProgrammeIndexPageFactory(parent=other_hub.site.root_page)
    return {
        "ours": ProgrammePageFactory(parent=programme_index, title="Our Programme", image=None),
        "theirs": ProgrammePageFactory(parent=other_index, title="Their Programme", image=None),
        "our_index": programme_index,
        "their_index": other_index,
    }


@pytest.fixture
def editor_client(client, hub):
    client.force_login(hub_editor(hubs=[hub], username="our-editor"))
    return client


def denied(response):
    return response.status_code in {302, 403} and "Their Programme" not in response.content.decode()


def edit_data(page, title, **extra):
    return {
        "title": title,
        "slug": page.slug,
        "summary": page.summary,
        "audience": page.audience,
        **extra,
    }


def test_editor_edits_pages_of_their_own_hub(editor_client, pages):
    assert editor_client.get(f"/admin/pages/{pages['ours'].pk}/edit/").status_code == 200
    assert editor_client.get(ADD_PROGRAMME.format(parent=pages["our_index"].pk)).status_code == 200


def test_editor_cannot_open_another_hubs_page_for_editing(editor_client, pages):
    assert denied(editor_client.get(f"/admin/pages/{pages['theirs'].pk}/edit/"))


def test_editor_cannot_edit_or_publish_another_hubs_page(editor_client, pages):
    theirs = pages["theirs"]
    for extra in ({}, {"action-publish": "action-publish"}):
        response = editor_client.post(f"/admin/pages/{theirs.pk}/edit/", edit_data(theirs, "Hijacked", **extra))
        assert response.status_code in {302, 403}
    theirs = Page.objects.get(pk=theirs.pk).specific
    assert theirs.title == "Their Programme"
    assert not theirs.has_unpublished_changes
    assert theirs.get_latest_revision() is None or theirs.get_latest_revision().as_object().title != "Hijacked"


def test_editor_cannot_add_pages_to_another_hubs_tree(editor_client, pages):
    url = ADD_PROGRAMME.format(parent=pages["their_index"].pk)
    assert editor_client.get(url).status_code in {302, 403}
    response = editor_client.post(url, {"title": "Planted", "slug": "planted", "action-publish": "action-publish"})
    assert response.status_code in {302, 403}
    assert not ProgrammePage.objects.filter(title="Planted").exists()


def test_editor_cannot_unpublish_or_delete_another_hubs_page(editor_client, pages):
    theirs = pages["theirs"]
    assert editor_client.post(f"/admin/pages/{theirs.pk}/unpublish/").status_code in {302, 403}
    assert editor_client.post(f"/admin/pages/{theirs.pk}/delete/").status_code in {302, 403}
    theirs = Page.objects.get(pk=theirs.pk)
    assert theirs.live


def test_other_hubs_editor_can_edit_their_own_but_not_ours(client, other_hub, pages):
    client.force_login(hub_editor(hubs=[other_hub], username="their-editor"))
    assert client.get(f"/admin/pages/{pages['theirs'].pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{pages['ours'].pk}/edit/").status_code in {302, 403}
