"""When it happened: the GOV.UK date input with an optional time, or still happening; never in the future."""

from datetime import datetime

import pytest
from django.utils import timezone

from directory.referrals.models import Referral
from directory.referrals.public.forms import parse_time

from .report_steps import CHECK_URL, STEP_NAMES, answer, named_answers, send, step_url

LONDON_MORNING = datetime(2026, 3, 10, 10, 0)


@pytest.fixture(autouse=True)
def _no_minimum_time(settings, home_page):
    settings.REPORT_MIN_SECONDS = 0


@pytest.fixture
def at_ten_this_morning(monkeypatch):
    """The clock at 10am London time on 10 March 2026."""
    now = timezone.make_aware(LONDON_MORNING)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


@pytest.fixture
def up_to_when(client, area):
    answers = named_answers(area)
    answer(client, {name: answers[name] for name in STEP_NAMES[: STEP_NAMES.index("when")]})
    return answers


def past(day, month, year, time=""):
    return {
        "timing": "past",
        "occurred_on-day": str(day),
        "occurred_on-month": str(month),
        "occurred_on-year": str(year),
        "occurred_time": time,
    }


def test_a_date_and_time_in_the_past_is_stored(client, area, at_ten_this_morning):
    response = send(client, named_answers(area, when=past(9, 3, 2026, "9:30pm")))

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(referral.occurred_at) == timezone.make_aware(datetime(2026, 3, 9, 21, 30))
    assert referral.is_ongoing is False


def test_a_date_without_a_time_is_stored_at_the_start_of_the_day(client, area, at_ten_this_morning):
    answer(client, named_answers(area, when=past(1, 2, 2026)))

    page = client.get(CHECK_URL).content.decode()
    client.post(CHECK_URL, {"submission_key": client.get(CHECK_URL).context["form"]["submission_key"].value()})

    assert "1 February 2026" in page
    assert timezone.localtime(Referral.objects.get().occurred_at) == timezone.make_aware(datetime(2026, 2, 1))


def test_still_happening_needs_no_date_and_ignores_the_boxes(client, area, at_ten_this_morning):
    when = {"timing": "ongoing", "occurred_on-day": "99", "occurred_on-month": "x", "occurred_time": "<b>"}

    send(client, named_answers(area, when=when))

    referral = Referral.objects.get()
    assert referral.is_ongoing is True and referral.occurred_at is None


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (past(11, 3, 2026), "The date it happened must be today or in the past"),
        (past(1, 1, 2030), "The date it happened must be today or in the past"),
        (past(10, 3, 2026, "11:00"), "The time it happened must be in the past"),
        (past(10, 3, 2026, "11pm"), "The time it happened must be in the past"),
        (past(31, 2, 2026), "The date it happened must be a real date"),
        (past("", 3, 2026), "The date it happened must include a day, month and year"),
        (past(1, 3, 26), "Year must include 4 numbers"),
        (past(1, 3, 1999), "The date it happened must be in the last 10 years"),
        (past("1️⃣", 3, 2026), "The date it happened must be a real date"),
        (past("1" * 10_000, 3, 2026), "The date it happened must be a real date"),
        (past("1; DROP TABLE referrals_referral", 3, 2026), "The date it happened must be a real date"),
        (past(1, 3, 2026, "25:00"), "Enter a time, like 9:30pm or 21:30"),
        (past(1, 3, 2026, "13pm"), "Enter a time, like 9:30pm or 21:30"),
        (past(1, 3, 2026, "<script>"), "Enter a time, like 9:30pm or 21:30"),
        (past(1, 3, 2026, "9" * 10_000), "Enter a time, like 9:30pm or 21:30"),
    ],
)
def test_future_and_malformed_dates_are_refused_and_kept(client, up_to_when, at_ten_this_morning, when, message):
    response = client.post(step_url("when"), when)
    page = response.content.decode()

    assert response.status_code == 200
    assert message in page
    assert 'href="#id_occurred_' in page
    assert "when" not in client.session["report:journey"]["answers"]
    if len(when["occurred_on-day"]) < 10:
        assert f'name="occurred_on-day" type="text" inputmode="numeric" value="{when["occurred_on-day"]}"' in page
    assert Referral.objects.count() == 0


def test_today_earlier_is_accepted(client, up_to_when, at_ten_this_morning):
    response = client.post(step_url("when"), past(10, 3, 2026, "09:15"))

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [("21:30", 21, 30), ("9.30pm", 21, 30), ("9pm", 21, 0), ("12am", 0, 0), ("12pm", 12, 0), ("07:05", 7, 5)],
)
def test_times_people_write_are_understood(text, hour, minute):
    parsed = parse_time(text)

    assert (parsed.hour, parsed.minute) == (hour, minute)


@pytest.mark.parametrize("text", ["24:00", "9:60", "0pm", "noonish", "9:3", "-1"])
def test_times_that_are_not_times_are_not_understood(text):
    assert parse_time(text) is None


def test_the_date_input_shows_the_error_on_the_boxes_that_are_wrong(client, up_to_when, at_ten_this_morning):
    page = client.post(step_url("when"), past(1, 3, 26)).content.decode()

    assert 'govuk-input--width-4 govuk-input--error" id="id_occurred_on-year"' in page
    assert 'govuk-input--width-2 govuk-input--error" id="id_occurred_on-day"' not in page


def test_far_past_check_does_not_break_at_month_ends(client, up_to_when, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: timezone.make_aware(datetime(2028, 2, 29, 12, 0)))

    response = client.post(step_url("when"), past(28, 2, 2028))

    assert response.status_code == 302
