"""One way into reporting: the menu, the home page and the old information page all lead to the start page."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_the_demo_menu_and_home_page_lead_to_the_one_start_page(client):
    call_command("seed_demo")

    routes = {
        block.value["title"]: block.value for block in Site.objects.get(is_default_site=True).root_page.specific.routes
    }
    home = client.get("/").content.decode()
    start = client.get("/report/").content.decode()
    menu = home[home.index('id="navigation"') : home.index("</nav>")]

    assert routes["Report anti-social behaviour"]["url"] == "/report/"
    assert menu.count("Report anti-social behaviour") == 1
    assert 'href="/report/"' in menu
    assert "report-anti-social-behaviour" not in home
    assert client.get("/report-anti-social-behaviour/").status_code == 404
    assert 'class="govuk-button govuk-button--start"' in start and 'href="/report/what/"' in start
    assert 'aria-current="page"' in start[start.index('id="navigation"') : start.index("</nav>")]


def test_an_existing_information_page_is_unpublished_and_redirects_to_the_start_page(client, home_page):
    information = StandardPageFactory(
        parent=home_page, title="Report anti-social behaviour", slug="report-anti-social-behaviour", show_in_menus=True
    )
    other = StandardPageFactory(parent=home_page, title="About the hub", slug="about", show_in_menus=True)
    migration = importlib.import_module("home.migrations.0005_report_information_page_leads_to_start_page")

    migration.retire_information_pages(apps, None)
    migration.retire_information_pages(apps, None)

    information = Page.objects.get(pk=information.pk)
    assert not information.live and not information.show_in_menus
    assert Page.objects.get(pk=other.pk).live
    assert Redirect.objects.get().redirect_link == "/report/"
    response = client.get("/report-anti-social-behaviour/")
    assert response.status_code == 301 and response["Location"] == "/report/"
