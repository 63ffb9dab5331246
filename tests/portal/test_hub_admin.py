import pytest

from portal.models import Hub
from tests.factories.users import hub_editor, superuser

pytestmark = pytest.mark.django_db

INDEX = "/admin/hubs/"


def test_superusers_list_every_hub_with_its_host_and_members(client, hub, other_hub):
    hub_editor(username="ed", email="ed@example.org", hubs=[other_hub])
    client.force_login(superuser(username="boss", email="boss@example.org"))
    response = client.get(INDEX)
    assert response.status_code == 200
    page = response.content.decode()
    assert hub.name in page and other_hub.name in page
    assert "other.localhost" in page
    assert f"/admin/settings/home/sitesettings/{other_hub.site_id}/" in page


def test_superusers_change_a_hubs_name_and_retention(client, other_hub):
    client.force_login(superuser(username="boss", email="boss@example.org"))
    response = client.post(
        f"{INDEX}edit/{other_hub.pk}/",
        {"name": "Eden", "referral_retention_months": "36", "booking_retention_months": "", "sort_order": "3"},
    )
    assert response.status_code == 302
    other_hub.refresh_from_db()
    assert (other_hub.name, other_hub.referral_retention_months, other_hub.sort_order) == ("Eden", 36, 3)
    response = client.get(f"{INDEX}new/")
    assert response.status_code in (403, 404) or response["Location"] == "/admin/", "hubs are added with add_hub"


def test_hub_staff_are_refused(client, hub, other_hub):
    client.force_login(hub_editor(username="ed", email="ed@example.org"))
    response = client.get(INDEX)
    assert response.status_code == 403 or response["Location"] == "/admin/"
    response = client.post(f"{INDEX}edit/{other_hub.pk}/", {"name": "Taken over", "sort_order": "0"})
    assert response.status_code == 403 or response["Location"] == "/admin/"
    assert Hub.objects.get(pk=other_hub.pk).name == other_hub.name
