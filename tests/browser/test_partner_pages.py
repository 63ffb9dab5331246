"""Every page a signed-in partner uses, in Chromium with axe-core (WCAG 2.2 AA): the dashboard with its work lists,
the entry forms, the referral pages (the empty form's error state too), an action page with history, the account
pages, and signing out from the header."""

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.referrals import services
from directory.referrals.choices import ActionStatus, Source
from tests.factories import ReferralActionFactory, ReferralFactory, ServiceScheduleFactory, hub_coordinator

from .axe import assert_no_axe_violations
from .partners import sign_in

pytestmark = pytest.mark.browser


def test_every_partner_page_has_no_axe_violations(axe_page, live_server, partner_site):
    page = axe_page
    organisation, service, partner = partner_site
    partner.first_name, partner.last_name = "Pat", "Jones"
    partner.save()
    ServiceScheduleFactory(service=service, weekday="FR", opens_at=time(8, 30), closes_at=time(17, 0))
    coordinator = hub_coordinator(username="coordinator", email="c@example.org")
    action = ReferralActionFactory(
        organisation=organisation,
        description="Check the tenancy of flat 3",
        due_date=timezone.localdate() - timedelta(days=1),
    )
    services.update_action(action_id=action.pk, user=coordinator, status=ActionStatus.IN_PROGRESS, note="Chased")
    ReferralFactory(
        source=Source.PARTNER, referred_by=partner, referring_organisation=organisation, summary="Cuckooing"
    )
    sign_in(page, live_server, partner)

    def visit(path, heading, name):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_axe_violations(page, name)

    visit("/partners/", "Your dashboard", "dashboard")
    expect(page.get_by_text("Signed in as Pat Jones")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Overdue")
    expect(page.get_by_role("main")).to_contain_text("Cuckooing")
    page.get_by_role("link", name=re.compile(f"^{action.referral.reference}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update an action")
    expect(page.get_by_role("main")).to_contain_text("Chased")
    assert_no_axe_violations(page, "action page")

    visit(f"/partners/organisations/{organisation.pk}/", "Change the organisation's details", "organisation form")
    visit(f"/partners/organisations/{organisation.pk}/services/{service.pk}/", "Change Tenancy support", "service")
    expect(page.get_by_label("Opens").first).to_have_value("08:30")
    visit(f"/partners/organisations/{organisation.pk}/services/add/", "Add a service", "new service form")
    visit(
        f"/partners/organisations/{organisation.pk}/services/{service.pk}/remove/",
        "Remove Tenancy support from the directory",
        "service remove",
    )
    visit("/partners/referrals/", "Referrals and actions", "referral list")
    visit("/partners/referrals/new/", "Refer an issue to the hub", "new referral form")
    page.get_by_role("button", name="Send referral").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Enter a summary of the issue")
    expect(page.get_by_role("alert")).not_to_contain_text("This field is required")
    assert_no_axe_violations(page, "new referral form with errors")

    visit("/accounts/email/", "Email Address", "email address")
    visit("/accounts/password/change/", "Change Password", "change password")
    visit("/accounts/logout/", "Sign out", "sign out page")

    page.goto(live_server.url + "/partners/")
    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server.url + "/partners/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
