"""WCAG 2.2 AA on every public page type (axe-core in Chromium), the journey without JavaScript, the skip link."""

import re

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "programme index": "/programmes/",
    "programme": "/programmes/outdoor-residential/",
    "standard page": "/about/",
    "search with results": "/search/?q=residential",
    "search without results": "/search/?q=zzzznothing",
    "filter error": "/programmes/?age=abc",
}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violations(axe_page, live_server, demo_site, path):
    response = axe_page.goto(live_server.url + path)
    assert response.status == 200

    results = assert_no_axe_violations(axe_page, path)

    assert results["passes"]
    assert duplicate_ids(axe_page) == []


def duplicate_ids(page):
    # axe 4.12 no longer checks duplicate ids under the WCAG tags (4.1.1 is obsolete in WCAG 2.2), yet a repeated
    # id still breaks <label for>: the filter's radios once all had id="None" and only the first got its label.
    return page.evaluate(
        """() => {
            const ids = [...document.querySelectorAll('[id]')].map(element => element.id);
            return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
        }"""
    )


def test_not_found_page_has_no_axe_violations(axe_page, live_server, demo_site):
    response = axe_page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Page not found")

    results = assert_no_axe_violations(axe_page, "404")

    assert results["passes"]


def test_filter_error_is_announced_and_linked(axe_page, live_server, demo_site):
    axe_page.goto(live_server.url + "/programmes/?age=abc")

    expect(axe_page).to_have_title(re.compile(r"^Error: "))
    expect(axe_page.get_by_role("alert")).to_contain_text("Enter an age as a number, like 14")
    expect(axe_page.get_by_label("Age of the young person")).to_have_accessible_description(
        re.compile("Enter an age as a number")
    )


def test_programme_journey_works_without_javascript(page_without_js, live_server, demo_site):
    page = page_without_js
    page.goto(live_server.url + "/")
    assert page.evaluate("() => document.body.classList.contains('js-enabled')") is False

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Programmes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmes")
    page.get_by_role("radio", name="Young people", exact=True).check()
    page.get_by_label("Age of the young person").fill("14")
    page.get_by_role("button", name="Apply filters").click()

    assert "audience=young_people&age=14" in page.url
    expect(page.get_by_role("radio", name="Young people", exact=True)).to_be_checked()
    expect(page.get_by_label("Age of the young person")).to_have_value("14")
    results = page.get_by_role("main").get_by_role("list")
    expect(results.get_by_role("link", name="Community Alcohol Partnership")).to_be_visible()
    expect(results.get_by_role("link", name="Outdoor residential")).to_have_count(0)

    results.get_by_role("link", name="Community Alcohol Partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Community Alcohol Partnership")
    expect(page.get_by_role("heading", name="Dates and places")).to_be_visible()


def test_first_tab_reaches_skip_link_which_moves_focus_to_main_content(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()
    assert page.evaluate("() => document.querySelector(':target')?.id") == "main-content"
