"""The public directory in Chromium: axe on every page, and searching and filtering with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations
from .test_accessibility import duplicate_ids

pytestmark = pytest.mark.browser

PAGES = {
    "search with results": "/directory/?q=noise",
    "search without results": "/directory/?q=zzzznothing&category=housing",
    "filtered search": "/directory/?category=older-people&area=northgate&age=70",
    "every agency": "/directory/",
    "bad age": "/directory/?q=housing&age=abc",
    "organisation": "/directory/westfield-council-environmental-health/",
    "stale organisation": "/directory/westfield-council-greenspaces/",
}


def test_directory_pages_have_no_axe_violations(axe_page, live_server, demo_site):
    for name, path in PAGES.items():
        response = axe_page.goto(live_server.url + path)
        assert response.status == 200, name
        results = assert_no_axe_violations(axe_page, name)
        assert results["passes"], name
        assert duplicate_ids(axe_page) == [], name


def test_stale_entry_is_marked(axe_page, live_server, demo_site):
    axe_page.goto(live_server.url + PAGES["stale organisation"])
    expect(axe_page.locator(".govuk-warning-text")).to_contain_text("This entry may be out of date")
    axe_page.goto(live_server.url + PAGES["organisation"])
    expect(axe_page.locator(".govuk-warning-text")).to_have_count(0)
    expect(axe_page.get_by_text(re.compile(r"^Last reviewed: "))).to_be_visible()


def check_with_axe(axe_page, url, context):
    """axe needs JavaScript: the page reached without it is checked again in a browser that has it."""
    axe_page.goto(url)
    assert_no_axe_violations(axe_page, context)


def test_searching_and_filtering_work_without_javascript(page_without_js, axe_page, live_server, demo_site):
    page = page_without_js
    page.goto(live_server.url + "/")
    assert page.evaluate("() => document.body.classList.contains('js-enabled')") is False

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Partner agencies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a partner agency")
    page.get_by_label("Search the directory").fill("lonely older person")
    page.get_by_role("button", name="Search", exact=True).click()

    expect(page).to_have_url(re.compile(r"q=lonely\+older\+person"))
    results = page.get_by_role("main").get_by_role("list").first
    expect(results.get_by_role("link").first).to_have_text("Age UK Westfield")
    check_with_axe(axe_page, page.url, "search reached without JavaScript")

    page.get_by_label("Search the directory").fill("housing")
    page.get_by_label("Kind of help").select_option(label="Older people")
    page.get_by_label("Age of the person who needs help").fill("70")
    page.get_by_role("button", name="Apply filters").click()

    expect(page.get_by_label("Kind of help")).to_have_value("older-people")
    expect(page.get_by_label("Age of the person who needs help")).to_have_value("70")
    expect(page.get_by_role("status")).to_contain_text("for “housing”")
    page.get_by_role("link", name="Fellview Housing Association").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fellview Housing Association")
    expect(page.get_by_role("heading", name="Sheltered housing")).to_be_visible()
    check_with_axe(axe_page, page.url, "organisation reached without JavaScript")


def test_home_page_route_leads_to_the_directory(axe_page, live_server, demo_site):
    axe_page.goto(live_server.url + "/")
    axe_page.get_by_role("main").get_by_role("link", name="Find a partner agency").click()
    expect(axe_page).to_have_url(live_server.url + "/directory/")
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Find a partner agency")
    assert_no_axe_violations(axe_page, "directory from the home page")
