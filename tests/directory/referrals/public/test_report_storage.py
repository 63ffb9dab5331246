"""What the report journey keeps in the session: each page's own values only (the names its fields' widgets
read), each no longer than its field could need, and no more than one journey has room for. Anything else is
refused with a form error and nothing of that page is kept, so a few POSTs cannot fill the session table."""

import html
import secrets

import pytest
from django.contrib.sessions.models import Session

from portal import journeys

from .report_steps import STEP_NAMES, answer, kept_answers, named_answers, step_url

JUNK_KEYS = 1000
MEGABYTE = 1_000_000
# A whole report's answers take about 1.5 KB; the session around them a few hundred bytes more.
SMALL_SESSION = 20_000
TOO_LONG = "This answer is too long to keep. Shorten it and try again."


@pytest.fixture(autouse=True)
def _let_the_junk_through(settings):
    """Django refuses more than 1,000 fields in one POST by itself; raise that so the journey's own rule is what
    is tested."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10 * JUNK_KEYS


def session_size(client):
    return len(Session.objects.get(session_key=client.session.session_key).session_data)


def noise(length):
    """Random text: the session row is compressed, so junk that repeats itself would hide what is kept."""
    return secrets.token_urlsafe(length)[:length]


def answer_until(client, area, step):
    answers = named_answers(area)
    answer(client, {name: answers[name] for name in STEP_NAMES[: STEP_NAMES.index(step)]})
    return answers[step]


def assert_refused(client, response, step, message=TOO_LONG):
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and html.escape(message) in page
    assert step not in kept_answers(client), "nothing of the refused page is kept"
    assert set(kept_answers(client)) == set(STEP_NAMES[: STEP_NAMES.index(step)]), "earlier answers are kept"


def test_junk_keys_named_after_a_field_are_not_kept(client, area):
    page = answer_until(client, area, "what-happened")
    junk = {f"description-{index}": noise(100) for index in range(JUNK_KEYS)}
    junk["impact-x"] = noise(MEGABYTE)

    response = client.post(step_url("what-happened"), {**page, **junk})

    assert response.status_code == 302
    assert kept_answers(client)["what-happened"] == {name: [value] for name, value in page.items()}
    assert session_size(client) < SMALL_SESSION


def test_a_field_posted_many_times_is_kept_once(client, area):
    response = client.post(step_url("what"), {"report_type": ["noise"] * JUNK_KEYS})

    assert response.status_code == 302
    assert kept_answers(client)["what"] == {"report_type": ["noise"]}


def test_the_date_boxes_are_kept_by_the_names_the_date_input_reads(client, area):
    answer_until(client, area, "when")
    posted = {
        "timing": "past",
        "occurred_on-day": "3",
        "occurred_on-month": "2",
        "occurred_on-year": "2025",
        "occurred_on-hour": "junk",
        "occurred_time": "9pm",
    }

    response = client.post(step_url("when"), posted)

    assert response.status_code == 302
    kept = kept_answers(client)["when"]
    assert set(kept) == {"timing", "occurred_on-day", "occurred_on-month", "occurred_on-year", "occurred_time"}
    assert client.get(step_url("when")).context["form"].cleaned_data["occurred_on"].isoformat() == "2025-02-03"


def test_a_megabyte_in_a_box_the_page_ignores_is_refused(client, area):
    """With "still happening" the page ignores the time box, so its checks never see what is in it."""
    answer_until(client, area, "when")

    response = client.post(step_url("when"), {"timing": "ongoing", "occurred_time": "9" * MEGABYTE})

    assert_refused(client, response, "when")
    assert session_size(client) < SMALL_SESSION


def test_a_megabyte_of_spaces_around_a_valid_answer_is_refused(client, area):
    page = answer_until(client, area, "what-happened")
    padded = {**page, "description": page["description"] + " " * MEGABYTE}

    response = client.post(step_url("what-happened"), padded)

    assert_refused(client, response, "what-happened")


def test_an_answer_as_long_as_its_field_allows_is_kept(client, area):
    page = answer_until(client, area, "what-happened")
    longest = {**page, "description": "a" * 5000, "people_involved": " " + "b" * 2000 + "\r\n"}

    response = client.post(step_url("what-happened"), longest)

    assert response.status_code == 302
    assert kept_answers(client)["what-happened"]["description"] == ["a" * 5000]


def test_a_journey_refuses_more_than_it_has_room_for(client, area, monkeypatch):
    page = answer_until(client, area, "what-happened")
    monkeypatch.setattr(journeys, "JOURNEY_MAX", 700)

    response = client.post(step_url("what-happened"), {**page, "description": "a" * 600})

    assert_refused(client, response, "what-happened", "Your answers are too long to keep. Shorten them and try again.")


def test_five_hostile_posts_leave_a_small_session(client, area):
    page = answer_until(client, area, "what-happened")
    for round_ in range(5):
        junk = {f"description-{round_}-{index}": noise(500) for index in range(JUNK_KEYS)}
        client.post(step_url("what-happened"), {**page, **junk, "impact-x": noise(MEGABYTE)})

    assert session_size(client) < SMALL_SESSION
    assert client.post(step_url("what-happened"), page).status_code == 302, "the person can still go on"
