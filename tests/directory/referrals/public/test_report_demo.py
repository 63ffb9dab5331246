"""The demo hub leads residents to the online report."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_the_demo_home_page_and_report_page_lead_to_the_online_report(client):
    call_command("seed_demo")

    routes = {
        block.value["title"]: block.value for block in Site.objects.get(is_default_site=True).root_page.specific.routes
    }
    home = client.get("/").content.decode()
    information = client.get("/report-anti-social-behaviour/").content.decode()

    assert routes["Report anti-social behaviour"]["url"] == "/report/"
    assert 'href="/report/"' in home
    assert 'href="/report/"' in information
    assert client.get("/report/").status_code == 200
