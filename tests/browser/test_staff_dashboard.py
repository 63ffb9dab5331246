"""The staff dashboard (the admin home) on the demo, as a hub coordinator and as a hub editor: their panels are
there and axe finds no WCAG 2.2 AA violation on the page (Wagtail's own markup included: nothing to exclude)."""

import pytest

from portal.groups import HUB_COORDINATORS, HUB_EDITORS
from portal.models import Hub

from .axe import assert_no_axe_violations
from .partners import sign_in

pytestmark = pytest.mark.browser

ROLES = {
    HUB_COORDINATORS: ["New referrals waiting for triage", "Bookings needing attention", "Emails failing to send"],
    HUB_EDITORS: ["Directory drafts waiting for review", "Directory entries overdue for review"],
}


def test_dashboard_for_coordinator_and_editor(axe_page, live_server, demo_site):
    from tests.factories import staff_user

    westfield = Hub.objects.get(site__is_default_site=True)
    for role, headings in ROLES.items():
        axe_page.context.clear_cookies()
        sign_in(axe_page, live_server, staff_user(role, hubs=[westfield]))
        response = axe_page.goto(f"{live_server.url}/admin/")
        assert response.status == 200, role
        text = axe_page.content()
        for heading in headings:
            assert heading in text, (role, heading)
        assert_no_axe_violations(axe_page, role)
