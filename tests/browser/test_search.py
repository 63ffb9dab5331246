"""The site search in Chromium on the demo: results, no results and a misspelling, axe-clean, without JavaScript."""

import os

import pytest
from playwright.sync_api import expect

from portal.search import vocabulary

from .axe import assert_no_axe_violations
from .test_accessibility import duplicate_ids

pytestmark = pytest.mark.browser

PAGES = {
    "results": "/search/?q=noise",
    "no results": "/search/?q=zzzznothing",
    "did you mean": "/search/?q=grafitti",
    "programme": "/search/?q=residential",
}
SHOTS = os.environ.get("SEARCH_SHOTS_DIR")


def test_search_pages_have_no_axe_violations(axe_page, live_server, demo_site):
    vocabulary.forget()
    for name, path in PAGES.items():
        response = axe_page.goto(live_server.url + path)
        assert response.status == 200, name
        assert_no_axe_violations(axe_page, name)
        assert duplicate_ids(axe_page) == [], name
        if SHOTS:
            axe_page.screenshot(path=f"{SHOTS}/{name.replace(' ', '-')}.png", full_page=True)
    vocabulary.forget()


def test_searching_from_the_header_without_javascript(page_without_js, live_server, demo_site):
    vocabulary.forget()
    page_without_js.goto(live_server.url + "/search/")
    page_without_js.get_by_label("Search this site").fill("grafitti")
    page_without_js.get_by_role("button", name="Search", exact=True).last.click()
    expect(page_without_js.locator(".app-did-you-mean")).to_contain_text("graffiti")
    expect(page_without_js.locator("mark").first).to_be_visible()
    vocabulary.forget()
