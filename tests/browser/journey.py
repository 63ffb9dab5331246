"""Steps shared by the browser journeys through GOV.UK question pages, with axe on every page."""

import re

from playwright.sync_api import expect

from .axe import assert_no_axe_violations


def heading(page):
    return page.get_by_role("heading", level=1)


def continue_(page):
    page.get_by_role("button", name="Continue").click()


def step(page, title, context):
    expect(heading(page)).to_have_text(title)
    assert_no_axe_violations(page, context)


def error_state(page, message, context):
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text(message)
    assert_no_axe_violations(page, context)
