"""The ASB Case Review application and the "You said, we did" figures page in Chromium with axe on every page and
error state; the application once more without JavaScript; the hub's inspect view of what was sent."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.casereviews.models import CaseReview
from directory.referrals.models import Referral

from .axe import assert_no_axe_violations
from .journey import continue_, error_state, heading
from .partners import sign_in

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("CASE_REVIEW_SHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture(autouse=True)
def _no_minimum_time(settings):
    settings.REPORT_MIN_SECONDS = 0


@pytest.fixture
def site(transactional_db, home_page):
    from tests.factories import AreaFactory
    from tests.support import restore_wagtail_roots

    restore_wagtail_roots()
    return AreaFactory(name="Harbour", slug="harbour")


def apply(page, base, *, check_axe):
    def looked_at(name):
        if check_axe:
            assert_no_axe_violations(page, name)
        shot(page, f"case-review-{name}")

    page.goto(f"{base}/report/case-review/")
    expect(heading(page)).to_have_text("Apply for an ASB Case Review")
    looked_at("start")
    page.get_by_role("button", name="Start now").click()
    continue_(page)
    if check_axe:
        error_state(page, "Select who the application is for", "who error")
    page.get_by_label("Someone else, who has agreed to me applying for them").check()
    continue_(page)
    expect(heading(page)).to_have_text("Applying for someone else")
    page.get_by_label("Your name").fill("Sam Carer")
    page.get_by_label("The name of the person affected").fill("Alex Resident")
    continue_(page)
    expect(page.get_by_role("alert")).to_contain_text("Confirm that the person affected has agreed")
    looked_at("on-behalf-error")
    page.get_by_label("They have agreed to me applying for them").check()
    continue_(page)
    page.get_by_label("What have you reported?").fill("Shouting and broken glass every weekend.")
    page.get_by_label("Harbour").check()
    looked_at("what")
    continue_(page)
    expect(heading(page)).to_have_text("Who you reported it to, and when")
    looked_at("reports")
    reported = timezone.localdate() - timedelta(days=14)
    page.locator("#id_reported_to_1").select_option("police")
    page.locator("#id_reported_on_1-day").fill(str(reported.day))
    page.locator("#id_reported_on_1-month").fill(str(reported.month))
    page.locator("#id_reported_on_1-year").fill(str(reported.year))
    page.locator("#id_reported_to_2").select_option("council")
    continue_(page)
    if check_axe:
        error_state(page, "Enter the date you reported it", "reports error")
    shot(page, "case-review-reports-error")
    page.locator("#id_reported_to_2").select_option("")
    continue_(page)
    page.get_by_label("Telephone number (optional)").fill("01632 960123")
    continue_(page)
    expect(heading(page)).to_have_text("Check your answers before sending your application")
    looked_at("check")
    page.get_by_role("button", name="Send application").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Application sent")
    looked_at("confirmation")
    return page.locator(".govuk-panel__body strong").inner_text().strip()


def test_the_application_and_its_status_link_in_chromium_with_axe(site, live_server, axe_page, hub):
    reference = apply(axe_page, live_server.url, check_axe=True)
    case_review = CaseReview.objects.get(reference=reference)
    assert case_review.on_behalf and case_review.consent_given and case_review.hub == hub
    status_link = axe_page.locator("a[href*='/report/case-review/status/']")
    status_link.click()
    expect(heading(axe_page)).to_have_text("Your ASB Case Review application")
    assert_no_axe_violations(axe_page, "status")
    shot(axe_page, "case-review-status")


def test_the_application_works_without_javascript(site, live_server, page_without_js):
    reference = apply(page_without_js, live_server.url, check_axe=False)
    assert CaseReview.objects.filter(reference=reference).exists()


def test_the_figures_page_with_axe_and_without_javascript(site, live_server, axe_page, page_without_js, hub):
    now = timezone.now()
    Referral.objects.bulk_create(
        Referral(
            hub=hub,
            area=site,
            source="public",
            category="nuisance",
            report_type="noise",
            location_description="x",
            description="x",
            submitted_at=now - timedelta(days=100 + 30 * (n % 7)),
        )
        for n in range(40)
    )
    for page in (axe_page, page_without_js):
        page.goto(f"{live_server.url}/you-said-we-did/")
        expect(heading(page)).to_have_text("You said, we did")
        expect(page.get_by_role("table").first).to_be_visible()
    assert_no_axe_violations(axe_page, "figures")
    shot(axe_page, "figures")


def test_the_hubs_inspect_view_and_settings(site, live_server, axe_page, hub):
    from directory.casereviews import services
    from tests.factories import ReferralFactory, hub_coordinator

    details = {"applicant_name": "Alex Resident", "what_happened": "Noise.", "contact_email": "alex@example.org"}
    reports = [{"reported_to": "police", "reported_on": timezone.localdate(), "their_reference": "P-1"}]
    case_review, _token = services.submit_application(hub=hub, details=details, reports=reports)
    referral = ReferralFactory(hub=hub)
    services.link_referral(case_review_id=case_review.pk, user=None, reference=referral.reference)
    sign_in(axe_page, live_server, hub_coordinator(hubs=[hub]))
    axe_page.goto(f"{live_server.url}/admin/casereviews/casereview/inspect/{case_review.pk}/")
    expect(axe_page.get_by_role("link", name=referral.reference)).to_be_visible()
    shot(axe_page, "admin-inspect")
    axe_page.get_by_role("link", name="Record: threshold met").click()
    shot(axe_page, "admin-threshold-form")
    for path, name in (
        ("/admin/casereviews/casereview/", "admin-listing"),
        ("/admin/case-reviews/settings/", "admin-settings"),
        ("/admin/", "admin-dashboard"),
    ):
        axe_page.goto(f"{live_server.url}{path}")
        shot(axe_page, name)
