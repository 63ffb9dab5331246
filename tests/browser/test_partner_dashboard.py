"""The partner dashboard in Chromium: signed in as a partner, an organisation edit with errors, a valid service
edit, axe-core on every page, and the forms without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from directory.models import Service

from .axe import assert_no_axe_violations
from .partners import sign_in

pytestmark = pytest.mark.browser


def test_partner_dashboard_and_edits(axe_page, live_server, partner_site):
    page = axe_page
    _organisation, service, partner = partner_site
    sign_in(page, live_server, partner)

    page.goto(live_server.url + "/partners/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")
    expect(page.get_by_role("main")).to_contain_text("Review due")
    assert_no_axe_violations(page, "dashboard")

    page.get_by_role("link", name="Change organisation details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the organisation's details")
    assert_no_axe_violations(page, "organisation form")
    page.get_by_label("Summary").fill("")
    page.get_by_label("Email address (optional)").fill("not an email")
    page.get_by_label("What they do (optional)").fill("Housing advice 🏠")
    page.get_by_role("button", name="Save and send for review").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter a summary of what the organisation does")
    expect(summary).to_contain_text("Enter an email address in the correct format")
    expect(page.get_by_label("What they do (optional)")).to_have_value("Housing advice 🏠")
    assert_no_axe_violations(page, "organisation form with errors")
    summary.get_by_role("link", name="Enter a summary of what the organisation does").click()
    expect(page.get_by_label("Summary")).to_be_focused()

    page.get_by_role("link", name="Back to your directory entry").click()
    page.get_by_role("link", name="Change Tenancy support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Tenancy support")
    assert_no_axe_violations(page, "service form")
    page.get_by_label("Description").fill("Help to keep your home.")
    opening = page.get_by_role("group", name="Opening time: add a new one (optional)")
    opening.get_by_label("Day").select_option("MO")
    opening.get_by_label("Opens").fill("09:00")
    opening.get_by_label("Closes").fill("17:00")
    page.get_by_role("button", name="Save and send for review").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")
    expect(page.get_by_role("alert")).to_contain_text("Your changes are saved as a draft")
    expect(page.get_by_role("main")).to_contain_text("Changes waiting for review")
    assert_no_axe_violations(page, "dashboard after a change")

    page.get_by_role("link", name="Add a service (Westfield Housing Trust)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a service")
    assert_no_axe_violations(page, "add a service")
    page.get_by_role("link", name="Back to your directory entry").click()
    page.get_by_role("link", name="Remove Tenancy support").click()
    page.get_by_role("button", name="Send the request to remove it").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_no_axe_violations(page, "remove a service with an error")

    service.refresh_from_db()
    assert service.description == "Advice and practical help."
    draft = service.latest_revision.as_object()
    assert draft.description == "Help to keep your home."
    assert [str(row) for row in draft.schedules.all()] == ["Monday 09:00-17:00"]


def test_adding_a_service_works_without_javascript(page_without_js, live_server, partner_site):
    """The same pages as above (where axe checks them), with JavaScript off."""
    page = page_without_js
    organisation, _service, partner = partner_site
    sign_in(page, live_server, partner)
    page.goto(live_server.url + "/partners/")
    assert page.evaluate("() => document.body.classList.contains('js-enabled')") is False
    page.get_by_role("link", name="Add a service (Westfield Housing Trust)").click()
    page.get_by_label("Name", exact=True).fill("Street drinking outreach")
    page.get_by_label("Description").fill("Evening outreach in the town centre.")
    page.get_by_label("Drugs and alcohol").check()
    location = page.get_by_role("group", name="Location: add a new one (optional)")
    location.get_by_label("Name (optional)").fill("Market Square")
    location.get_by_label("Town or city (optional)").fill("Westfield")
    page.get_by_role("button", name="Save and add more rows").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Change Street drinking outreach")
    expect(page.get_by_role("group", name="Location 1")).to_be_visible()
    expect(page.get_by_role("group", name="Location: add a new one (optional)")).to_be_visible()
    service = Service.objects.get(name="Street drinking outreach")
    assert service.organisation == organisation and not service.live
    assert [row.name for row in service.latest_revision.as_object().locations.all()] == ["Market Square"]
