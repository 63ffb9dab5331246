"""The "service is busy" page in Chromium: axe-clean, and its "Try again" sends the kept answer on."""

from unittest import mock

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from directory.referrals.public.journey import Journey

from .axe import assert_no_axe_violations
from .journey import continue_, heading

pytestmark = pytest.mark.browser


def test_an_answer_sent_while_the_database_is_locked_is_kept_and_sent_again(axe_page, live_server, home_page):
    page = axe_page
    page.goto(live_server.url + "/report/what/")
    page.get_by_label("Street drinking").check()

    with mock.patch.object(Journey, "save", side_effect=OperationalError("database is locked")):
        continue_(page)
        expect(heading(page)).to_have_text("Sorry, the service is busy")

    expect(page.get_by_role("main")).to_contain_text("Your answers are kept on this page")
    expect(page.locator('input[type="hidden"][name="report_type"]')).to_have_value("street_drinking")
    assert_no_axe_violations(page, "service busy")

    page.get_by_role("button", name="Try again").click()

    expect(heading(page)).to_have_text("Where it is happening")
