import pytest

from home.services import record_search
from portal.models import Hub

from .partners import sign_in

pytestmark = pytest.mark.browser


def test_report_shot(axe_page, live_server, demo_site):
    from tests.factories import hub_editor

    westfield = Hub.objects.get(site__is_default_site=True)
    for query, found in [("noise", True), ("noise", True), ("flytipping", True), ("bins", False), ("bins", False)]:
        record_search(hub_id=westfield.pk, query=query, found=found)
    sign_in(axe_page, live_server, hub_editor(hubs=[westfield]))
    axe_page.goto(live_server.url + "/admin/search-report/")
    axe_page.screenshot(path="/work/shots/search/admin-report.png", full_page=True)
