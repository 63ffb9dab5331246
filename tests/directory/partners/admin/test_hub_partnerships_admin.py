"""Hub coordinators list, add and remove the organisations working with their own hubs, and no other hub's."""

import pytest

from directory.partners.models import HubPartnership
from portal.groups import HUB_COORDINATORS, HUB_EDITORS
from tests.factories import OrganisationFactory
from tests.factories.users import staff_user

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/partners/hubpartnership/"
CREATE_URL = "/admin/partners/hubpartnership/create/"


def delete_url(partnership):
    return f"/admin/partners/hubpartnership/delete/{partnership.pk}/"


@pytest.fixture
def organisations(hub, other_hub):
    ours = OrganisationFactory(name="Northgate Housing")  # works with the default hub
    theirs = OrganisationFactory(name="Eden Youth", hubs=[other_hub])
    new = OrganisationFactory(name="New Agency", hubs=[])
    return {"ours": ours, "theirs": theirs, "new": new}


@pytest.fixture
def coordinator(hub):
    return staff_user(HUB_COORDINATORS, username="coordinator", hubs=[hub])


@pytest.fixture
def other_coordinator(other_hub):
    return staff_user(HUB_COORDINATORS, username="other-coordinator", hubs=[other_hub])


def test_coordinators_list_only_their_hubs_partnerships(client, coordinator, organisations):
    client.force_login(coordinator)
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Northgate Housing" in content
    assert "Eden Youth" not in content


def test_coordinators_add_an_organisation_to_their_hub(client, coordinator, hub, organisations):
    client.force_login(coordinator)
    assert client.get(CREATE_URL).status_code == 200
    response = client.post(CREATE_URL, {"hub": hub.pk, "organisation": organisations["new"].pk})
    assert response.status_code == 302
    partnership = HubPartnership.objects.get(organisation=organisations["new"])
    assert (partnership.hub, partnership.added_by) == (hub, coordinator)


def test_another_hub_cannot_be_chosen(client, coordinator, other_hub, organisations):
    client.force_login(coordinator)
    response = client.post(CREATE_URL, {"hub": other_hub.pk, "organisation": organisations["new"].pk})
    assert response.status_code == 200
    assert not HubPartnership.objects.filter(organisation=organisations["new"]).exists()
    assert list(response.context["form"].fields["hub"].queryset) == [coordinator_hub(coordinator)]


def coordinator_hub(user):
    from portal.hubs import hubs_for

    return hubs_for(user).get()


def test_adding_twice_is_refused_clearly(client, coordinator, hub, organisations):
    client.force_login(coordinator)
    response = client.post(CREATE_URL, {"hub": hub.pk, "organisation": organisations["ours"].pk})
    assert response.status_code == 200
    assert HubPartnership.objects.filter(organisation=organisations["ours"]).count() == 1
    assert "already" in response.content.decode()


def test_coordinators_remove_their_hubs_partnership(client, coordinator, organisations):
    partnership = HubPartnership.objects.get(organisation=organisations["ours"])
    client.force_login(coordinator)
    assert client.get(delete_url(partnership)).status_code == 200
    assert client.post(delete_url(partnership)).status_code == 302
    assert not HubPartnership.objects.filter(pk=partnership.pk).exists()


def test_another_hubs_partnership_cannot_be_removed(client, coordinator, organisations):
    partnership = HubPartnership.objects.get(organisation=organisations["theirs"])
    client.force_login(coordinator)
    assert client.get(delete_url(partnership)).status_code in {302, 403, 404}
    client.post(delete_url(partnership))
    assert HubPartnership.objects.filter(pk=partnership.pk).exists()


def test_the_other_hubs_coordinator_sees_only_theirs(client, other_coordinator, organisations):
    client.force_login(other_coordinator)
    content = client.get(INDEX_URL).content.decode()
    assert "Eden Youth" in content and "Northgate Housing" not in content


def test_hub_editors_cannot_manage_partnerships(client, hub, organisations):
    editor = staff_user(HUB_EDITORS, username="editor", hubs=[hub])
    client.force_login(editor)
    assert client.get(INDEX_URL).status_code in {302, 403}
    client.post(CREATE_URL, {"hub": hub.pk, "organisation": organisations["new"].pk})
    assert not HubPartnership.objects.filter(organisation=organisations["new"]).exists()


def test_the_organisation_admin_shows_the_hubs_it_works_with(client, coordinator, organisations, hub, other_hub):
    HubPartnership.objects.create(hub=other_hub, organisation=organisations["ours"])
    client.force_login(coordinator)
    content = client.get("/admin/snippets/directory/organisation/").content.decode()
    assert any(names in content for names in (f"{hub.name}, Other", f"Other, {hub.name}"))


def test_another_hubs_partnership_cannot_be_inspected(client, coordinator, organisations):
    ours = HubPartnership.objects.get(organisation=organisations["ours"])
    theirs = HubPartnership.objects.get(organisation=organisations["theirs"])
    client.force_login(coordinator)
    assert client.get(f"/admin/partners/hubpartnership/inspect/{ours.pk}/").status_code == 200
    assert client.get(f"/admin/partners/hubpartnership/inspect/{theirs.pk}/").status_code in {302, 403, 404}
