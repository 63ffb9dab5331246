"""The demo's sessions avoid 23, 25 and 30 December and 1 January (term dates and bank holidays), whatever day the
demo is seeded on (issue 14). Pure date arithmetic: no database."""

from datetime import date, timedelta
from itertools import pairwise

import pytest

from portal.demo.data import load
from portal.demo.programmes import next_weekday, session_days

AVOID = load("programmes")["no_sessions_on"]["days"]
HOLIDAYS = {"12-23", "12-25", "12-30", "01-01"}


def test_the_days_to_avoid_are_the_holidays():
    assert set(AVOID) == HOLIDAYS


@pytest.mark.parametrize("today", [date(2026, 11, 1) + timedelta(days=n) for n in range(0, 75, 3)])
def test_no_demo_session_falls_on_a_holiday_and_runs_keep_their_shape(today):
    for plan in load("programmes")["runs"]:
        first = next_weekday(today + timedelta(days=plan["first_day"]["after_days"]), plan["first_day"]["weekday"])
        days = session_days(first, plan["sessions"], AVOID)
        assert len(days) == plan["sessions"]["count"]
        assert not {day.strftime("%m-%d") for day in days} & HOLIDAYS, (plan["title"], days)
        assert days == sorted(days) and days[0] >= first
        assert {day.weekday() for day in days} == {days[0].weekday()} or plan["sessions"]["every_days"] < 7
        if plan["sessions"]["every_days"] < 7:
            gaps = {(b - a).days for a, b in pairwise(days)}
            assert gaps <= {plan["sessions"]["every_days"]}, "a residential stays on consecutive days"
