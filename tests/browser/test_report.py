"""The public anti-social behaviour report in Chromium, anonymous and named, with axe-core on every page and
every error state, and once without JavaScript."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from directory.referrals.models import Referral
from portal.models import OutboundEmail

from .axe import assert_no_axe_violations
from .journey import continue_, error_state, heading, step

pytestmark = pytest.mark.browser

STATUS_PATH = re.compile(r"/report/status/[A-Za-z0-9_-]+/")
NOISE = "Noise, such as loud music, shouting or banging"


@pytest.fixture(autouse=True)
def _no_minimum_time(settings):
    """A browser driven by a script answers faster than the minimum time a person takes."""
    settings.REPORT_MIN_SECONDS = 0


def sent_referral(page):
    """The referral whose reference the confirmation panel shows (the demo hub has others)."""
    return Referral.objects.get(reference=page.locator(".govuk-panel__body strong").inner_text().strip())


def fill_date(page, day):
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))


def report_what_and_where(page):
    step(page, "What is happening?", "first question")
    expect(page.get_by_role("main")).not_to_contain_text("Nuisance")
    continue_(page)
    error_state(page, "Select what is happening", "first question error")
    page.get_by_role("link", name="Select what is happening").click()
    expect(page.get_by_label(NOISE)).to_be_focused()
    page.get_by_label(NOISE).check()
    continue_(page)

    step(page, "Is it aimed at you or your household?", "aimed at you question")
    continue_(page)
    error_state(page, "Select yes if it is aimed at you or your household", "aimed at you error")
    page.get_by_label("No, it affects the area or people generally").check()
    continue_(page)

    step(page, "Where it is happening", "where question")
    page.get_by_label("Where is it happening?").fill("Benches by the war memorial, Market Square")
    page.get_by_label("Postcode (optional)").fill("12345")
    page.get_by_label("Westfield town centre").check()
    continue_(page)
    error_state(page, "Enter a real postcode, like WF1 1AA", "postcode error")
    expect(page.get_by_label("Where is it happening?")).to_have_value("Benches by the war memorial, Market Square")
    expect(page.get_by_label("Westfield town centre")).to_be_checked()
    page.get_by_label("Postcode (optional)").fill("wf1 1aa")
    continue_(page)


def report_when_and_what(page):
    step(page, "When did it happen?", "when question")
    page.get_by_label("On a particular day").check()
    fill_date(page, date.today() + timedelta(days=2))
    continue_(page)
    error_state(page, "The date it happened must be today or in the past", "future date error")
    fill_date(page, date.today() - timedelta(days=3))
    page.get_by_label("What time was it? (optional)").fill("9:30pm")
    continue_(page)

    step(page, "What happened", "what happened question")
    page.get_by_label("Who was involved? (optional)").fill("Four or five adults <b>not bold</b>")
    continue_(page)
    error_state(page, "Enter what happened", "what happened error")
    expect(page.get_by_label("Who was involved? (optional)")).to_have_value("Four or five adults <b>not bold</b>")
    page.get_by_label("What happened?").fill("They drink and shout at passers-by every evening 😠")
    continue_(page)


def test_anonymous_report(axe_page, live_server, demo_site):
    page = axe_page
    page.goto(live_server.url + "/about/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Report anti-social behaviour").click()
    step(page, "Report anti-social behaviour", "start page")
    expect(page.get_by_role("main")).to_contain_text("What happens next")
    expect(page.get_by_role("main")).to_contain_text("call 999")
    expect(page.get_by_role("main")).to_contain_text("Crimestoppers on 0800 555 111")
    expect(page.get_by_role("main").get_by_role("link", name="privacy notice")).to_be_visible()
    page.get_by_role("button", name="Start now").click()

    report_what_and_where(page)
    report_when_and_what(page)

    step(page, "Do you want to give us your contact details?", "about you question")
    continue_(page)
    error_state(page, "Select whether you want to give your contact details", "about you error")
    page.get_by_label("No, report anonymously").check()
    continue_(page)

    step(page, "Is anyone affected by this vulnerable?", "vulnerability question")
    continue_(page)
    error_state(page, "Select yes if anyone affected is vulnerable", "vulnerability error")
    page.get_by_label("No, or I do not know").check()
    continue_(page)

    step(page, "Check your answers before sending your report", "check answers")
    expect(page.get_by_role("main")).to_contain_text("Four or five adults <b>not bold</b>")
    page.get_by_role("link", name="Change where").click()
    expect(page.get_by_label("Postcode (optional)")).to_have_value("wf1 1aa")
    page.get_by_label("Postcode (optional)").fill("WF1 2BB")
    continue_(page)
    step(page, "Check your answers before sending your report", "check answers after a change")
    expect(page.get_by_role("main")).to_contain_text("WF1 2BB")
    page.get_by_role("button", name="Send report").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
    referral = sent_referral(page)
    assert_no_axe_violations(page, "confirmation with the status link")
    assert referral.reporter_anonymous and referral.reporter_name == "" and referral.postcode == "WF1 2BB"
    status_link = page.get_by_role("main").locator('a[href*="/report/status/"]')
    expect(status_link).to_have_count(1)
    status_path = STATUS_PATH.search(status_link.get_attribute("href")).group(0)

    page.reload()
    expect(page.locator(".govuk-panel__body")).to_contain_text(referral.reference)
    expect(page.get_by_role("main")).not_to_contain_text("/report/status/")
    assert_no_axe_violations(page, "confirmation after a refresh")

    page.goto(live_server.url + status_path)
    step(page, "The status of your report", "status page")
    expect(page.get_by_role("main")).to_contain_text(referral.reference)
    expect(page.get_by_role("main")).not_to_contain_text("war memorial")


def test_named_report(axe_page, live_server, demo_site, mailoutbox):
    page = axe_page
    page.goto(live_server.url + "/report/")
    page.get_by_role("button", name="Start now").click()
    report_what_and_where(page)
    report_when_and_what(page)

    page.get_by_label("Yes, give my name and contact details").check()
    continue_(page)

    step(page, "Your contact details", "contact question")
    page.get_by_label("Your name").fill("Alex Resident")
    page.get_by_label("Email address (optional)").fill("not an email")
    page.get_by_label("Email", exact=True).check()
    continue_(page)
    error_state(page, "Enter an email address in the correct format", "contact error")
    expect(page.get_by_label("Your name")).to_have_value("Alex Resident")
    page.get_by_label("Email address (optional)").fill("alex@example.org")
    continue_(page)

    step(page, "Is anyone affected by this vulnerable?", "vulnerability question")
    page.get_by_label("Yes", exact=True).check()
    expect(page.get_by_label("If yes, tell us about them (optional)")).to_be_visible()
    page.get_by_label("If yes, tell us about them (optional)").fill("My neighbour is 89 and lives alone")
    continue_(page)

    step(page, "Check your answers before sending your report", "check answers")
    expect(page.get_by_role("main")).to_contain_text("alex@example.org")
    page.get_by_role("button", name="Send report").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
    assert_no_axe_violations(page, "confirmation")
    expect(page.get_by_role("main")).to_contain_text("We have sent you an email")
    expect(page.get_by_role("main")).not_to_contain_text("/report/status/")
    referral = sent_referral(page)
    assert (referral.reporter_name, referral.reporter_email, referral.vulnerable_person) == (
        "Alex Resident",
        "alex@example.org",
        True,
    )
    assert OutboundEmail.objects.get(to="alex@example.org").sent_at is not None
    body = next(message.body for message in mailoutbox if message.to == ["alex@example.org"])
    assert referral.reference in body and STATUS_PATH.search(body)


def test_report_without_javascript(page_without_js, live_server, demo_site):
    page = page_without_js
    page.goto(live_server.url + "/report/")
    assert page.evaluate("() => document.body.classList.contains('js-enabled')") is False
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Vandalism or graffiti").check()
    continue_(page)
    page.get_by_label("Where is it happening?").fill("The underpass by the station")
    continue_(page)
    expect(page.get_by_label("Day", exact=True)).to_be_visible()
    page.get_by_label("It is still happening, or it happens regularly").check()
    continue_(page)
    page.get_by_label("What happened?").fill("New graffiti every week.")
    continue_(page)
    page.get_by_label("No, report anonymously").check()
    continue_(page)
    expect(page.get_by_label("If yes, tell us about them (optional)")).to_be_visible()
    page.get_by_label("No, or I do not know").check()
    continue_(page)
    expect(heading(page)).to_have_text("Check your answers before sending your report")
    page.get_by_role("button", name="Send report").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
    referral = sent_referral(page)
    assert (referral.category, referral.report_type, referral.is_ongoing) == ("environmental", "vandalism", True)
    expect(page.get_by_role("main")).to_contain_text(referral.reference)
