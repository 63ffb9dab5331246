"""The triage queue and an inspect page in Chromium, signed in as the demo's admin: axe (WCAG 2.2 AA) finds nothing
in our markup, and at 1400 px every header and cell of the queue breaks only between words."""

import pytest
from playwright.sync_api import expect

from directory.referrals.models import Referral, ReferralAction
from tests.factories import superuser

from .axe import format_violations, run_axe
from .partners import sign_in

pytestmark = pytest.mark.browser

ADMIN = "/admin/referrals/referral/"

# Violations in Wagtail's own admin markup, which the project does not write: (axe rule, selector of the element).
# None so far: the one axe found (teal secondary buttons on the dark footer) was in our inspect template, and is
# fixed in static/css/admin/triage-queue.css.
WAGTAIL_OWN = set()

WORDS_BROKEN_ACROSS_LINES = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("table.listing th, table.listing td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def axe_violations_of_ours(page, context):
    """axe's report of the violations on the page, less those in ``WAGTAIL_OWN``; "" when there are none."""
    results = run_axe(page)
    ours = []
    for violation in results["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if (violation["id"], " ".join(map(str, node["target"]))) not in WAGTAIL_OWN
        ]
        if nodes:
            ours.append({**violation, "nodes": nodes})
    return format_violations({**results, "violations": ours}, context) if ours else ""


def test_the_triage_queue_and_inspect_page(axe_page, live_server, demo_site):
    page = axe_page
    page.set_viewport_size({"width": 1400, "height": 900})
    sign_in(page, live_server, superuser())  # like the demo's admin: both hubs, so the widest table
    reports = []

    for path, heading in (
        (ADMIN, "Work in hand: "),
        (f"{ADMIN}?status=all", "All referrals, including finished: "),
        (f"{ADMIN}?status=declined&source=public", "Declined: "),
    ):
        page.goto(live_server.url + path)
        expect(page.locator("#queue-summary")).to_contain_text(heading)
        assert page.evaluate(WORDS_BROKEN_ACROSS_LINES) == [], path
        table = page.locator("table.listing").bounding_box()
        column = page.locator(".result-list").bounding_box()
        assert table["x"] + table["width"] <= column["x"] + column["width"] + 1, f"{path}: the table overflows"
        reports.append(axe_violations_of_ours(page, path))

    referral = Referral.objects.filter(pk__in=ReferralAction.objects.open().values("referral")).first()
    page.goto(f"{live_server.url}{ADMIN}inspect/{referral.pk}/")
    expect(page.locator("[data-open-actions]")).to_contain_text("still open")
    reports.append(axe_violations_of_ours(page, "inspect"))
    assert not any(reports), "\n".join(filter(None, reports))
