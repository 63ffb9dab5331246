"""The Areas snippet shows and filters by hub; staff list and change only their own hubs' areas."""

import pytest

from directory.models import Area
from portal.groups import HUB_EDITORS
from tests.factories import AreaFactory
from tests.factories.users import staff_user

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/snippets/directory/area/"


def edit_url(area):
    return f"/admin/snippets/directory/area/edit/{area.pk}/"


def delete_url(area):
    return f"/admin/snippets/directory/area/delete/{area.pk}/"


@pytest.fixture
def areas(hub, other_hub):
    return AreaFactory(name="Northgate", slug="northgate", hub=hub), AreaFactory(
        name="Eden Valley", slug="eden-valley", hub=other_hub
    )


@pytest.fixture
def editor(hub):
    return staff_user(HUB_EDITORS, username="editor", hubs=[hub])


def test_staff_list_only_their_hubs_areas_with_the_hub(client, editor, areas, hub):
    client.force_login(editor)
    response = client.get(INDEX_URL)
    content = response.content.decode()
    assert "Northgate" in content and hub.name in content
    assert "Eden Valley" not in content


def test_a_superuser_filters_areas_by_hub(admin_client, areas, other_hub):
    content = admin_client.get(INDEX_URL, {"hub": other_hub.pk}).content.decode()
    assert "Eden Valley" in content and "Northgate" not in content


def test_staff_edit_their_hubs_area(client, editor, areas, hub):
    ours, _ = areas
    client.force_login(editor)
    response = client.post(
        edit_url(ours), {"hub": hub.pk, "name": "North Gate", "slug": "northgate", "description": "", "sort_order": 0}
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.name == "North Gate"


def test_another_hubs_area_is_not_found(client, editor, areas, hub):
    _, theirs = areas
    client.force_login(editor)
    assert client.get(edit_url(theirs)).status_code == 404
    assert client.get(delete_url(theirs)).status_code == 404
    client.post(edit_url(theirs), {"hub": hub.pk, "name": "Taken", "slug": "eden-valley", "sort_order": 0})
    client.post(delete_url(theirs))
    theirs.refresh_from_db()
    assert (theirs.name, theirs.hub_id) == ("Eden Valley", theirs.hub_id)


def test_an_area_cannot_be_moved_or_added_to_another_hub(client, editor, areas, other_hub):
    ours, _ = areas
    client.force_login(editor)
    response = client.post(
        edit_url(ours), {"hub": other_hub.pk, "name": "Northgate", "slug": "northgate", "sort_order": 0}
    )
    assert response.status_code == 200
    ours.refresh_from_db()
    assert ours.hub_id != other_hub.pk
    client.post(f"{INDEX_URL}add/", {"hub": other_hub.pk, "name": "Penrith", "slug": "penrith", "sort_order": 0})
    assert not Area.objects.filter(slug="penrith").exists()
