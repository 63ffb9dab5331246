"""The hub's icon: linked from the public, partner and admin pages, and at /favicon.ico where browsers look."""

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

ICON = "/static/images/favicon.ico"


def test_favicon_ico_leads_to_the_static_icon(client, home_page):
    response = client.get("/favicon.ico")

    assert response.status_code == 302 and response["Location"] == ICON
    assert "max-age=86400" in response["Cache-Control"]
    assert finders.find("images/favicon.ico")


@pytest.mark.parametrize("path", ["/", "/report/", "/accounts/login/", "/directory/"])
def test_public_and_partner_pages_link_the_icon(client, home_page, path):
    page = client.get(path).content.decode()

    assert f'<link rel="icon" href="{ICON}" sizes="any">' in page


def test_admin_pages_link_the_hub_s_icon_not_wagtail_s(client, home_page, staff):
    client.force_login(staff("Hub editors"))

    page = client.get("/admin/").content.decode()

    assert f'<link rel="icon" href="{ICON}" sizes="any">' in page
    assert "wagtailadmin/images/favicon.ico" not in page
