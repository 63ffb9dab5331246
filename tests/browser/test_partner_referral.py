"""A partner refers an issue into the hub and records progress on an action, in Chromium, with axe-core on every
page including the error state."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from directory.referrals import services
from directory.referrals.choices import Priority
from tests.factories import hub_coordinator
from tests.factories.hubs import the_default_hub

from .axe import assert_no_axe_violations
from .partners import sign_in

pytestmark = pytest.mark.browser


def assigned_action(organisation, staff_user):
    referral, _ = services.submit_report(
        hub=the_default_hub(),
        details={
            "category": "nuisance",
            "report_type": "noise",
            "location_description": "Flats above the parade",
            "description": "Loud music every night",
            "reporter_anonymous": True,
        },
    )
    services.accept_referral(
        referral_id=referral.pk, user=staff_user, priority=Priority.P3, lead_agency_id=organisation.pk
    )
    return services.add_action(
        referral_id=referral.pk,
        user=staff_user,
        organisation_id=organisation.pk,
        description="Check the tenancy of flat 3",
        due_date=date.today() + timedelta(days=7),
    )


def test_a_partner_refers_an_issue_with_an_error_on_the_way(axe_page, live_server, partner_site):
    page = axe_page
    _organisation, _service, partner = partner_site
    sign_in(page, live_server, partner)

    page.goto(live_server.url + "/partners/referrals/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals and actions")
    assert_no_axe_violations(page, "referrals page")

    page.locator("a.govuk-button", has_text="Refer an issue to the hub").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer an issue to the hub")
    assert_no_axe_violations(page, "referral form")
    page.get_by_label("Premises").check()
    page.get_by_label("Where is it?").fill("The Crown, 4 High Street")
    page.get_by_label("Postcode (optional)").fill("not a postcode")
    page.get_by_label("Nuisance").check()
    page.get_by_label("Type of problem").select_option("street_drinking")
    page.get_by_label("Summary").fill("Drinking outside the pub after hours")
    page.get_by_label("Details").fill("Groups gather on the pavement from 11pm 🍺")
    page.get_by_label("Routine").check()
    page.get_by_label("Crime and Disorder Act 1998, section 115").check()
    page.get_by_role("button", name="Send referral").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Enter a real postcode")
    expect(page.get_by_label("Details")).to_have_value("Groups gather on the pavement from 11pm 🍺")
    assert_no_axe_violations(page, "referral form with errors")

    page.get_by_label("Postcode (optional)").fill("WF1 1AB")
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert re.fullmatch(r"HUB-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    assert_no_axe_violations(page, "referral sent")

    page.get_by_role("link", name="Go to referrals and actions").click()
    expect(page.get_by_role("main")).to_contain_text(reference)


def test_a_partner_records_progress_on_an_action_without_javascript(
    new_page,
    axe_page,
    live_server,
    partner_site,
):
    organisation, _service, partner = partner_site
    coordinator = hub_coordinator(username="coordinator", email="c@example.org")  # works for the default hub
    action = assigned_action(organisation, coordinator)

    sign_in(axe_page, live_server, partner)
    axe_page.goto(live_server.url + f"/partners/referrals/actions/{action.pk}/")
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Update an action")
    assert_no_axe_violations(axe_page, "action page")

    page = new_page(javascript=False)
    sign_in(page, live_server, partner)
    page.goto(live_server.url + "/partners/referrals/")
    page.get_by_role("link", name=re.compile("^Update")).click()
    page.get_by_label("In progress").check()
    page.get_by_label("Note for the hub (optional)").fill("Letter sent to the tenant")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals and actions")
    action.refresh_from_db()
    assert action.status == "in_progress"
