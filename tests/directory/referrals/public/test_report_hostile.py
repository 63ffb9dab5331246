"""The hostile input corpus on every field of the public report.

Fields with a format (choices, postcode, area, dates, times, email, phone) refuse anything else with a clear
error; free text keeps punctuation, emoji and even markup as text, escaped wherever it is shown; anything
over a field's length is refused. Whatever is refused, the other answers on the page and before it are kept
and nothing is stored.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from directory.referrals.models import Referral

from .report_steps import CHECK_URL, STEP_NAMES, answer, kept_answers, named_answers, step_url, submission_key

HTML = "<b>bold</b> <a href='javascript:alert(1)'>click</a>"
SCRIPT = "<script>alert('x')</script>"
SQL = "'; DROP TABLE referrals_referral; --"
EMOJI = "Music 🔊🎉 at 2am — “again”, every week!"
LONG = "x" * 10_000
CORPUS = {"html": HTML, "script": SCRIPT, "sql": SQL, "emoji": EMOJI, "10,000 characters": LONG}

ANSWER_FORMAT = {
    ("what", "report_type"): "Select what is happening",
    ("aimed-at-you", "aimed"): "Select yes if it is aimed at you or your household",
    ("where", "postcode"): "Enter a real postcode, like WF1 1AA",
    ("where", "area"): "Select an area from the list, or &#x27;I&#x27;m not sure&#x27;",
    ("when", "timing"): "Select whether it is still happening or happened on a particular day",
    ("when", "occurred_on-day"): "The date it happened must be a real date",
    ("when", "occurred_on-month"): "The date it happened must be a real date",
    ("when", "occurred_on-year"): "The date it happened must be a real date",
    ("when", "occurred_time"): "Enter a time, like 9:30pm or 21:30",
    ("about-you", "identity"): "Select whether you want to give your contact details or report anonymously",
    ("your-details", "reporter_email"): "Enter an email address in the correct format, like name@example.com",
    ("your-details", "reporter_phone"): "Enter a telephone number, like 01632 960 001",
    ("your-details", "contact_preference"): "Select how we should contact you",
    ("vulnerability", "vulnerable"): "Select yes if anyone affected is vulnerable",
}
TOO_LONG = {
    ("your-details", "reporter_email"): "Email address must be 254 characters or fewer",
    ("your-details", "reporter_phone"): "Telephone number must be 30 characters or fewer",
}
FREE_TEXT = {
    ("where", "location_description"): "Where it is happening must be 1,000 characters or fewer",
    ("what-happened", "description"): "What happened must be 5,000 characters or fewer",
    ("what-happened", "people_involved"): "Who was involved must be 2,000 characters or fewer",
    ("what-happened", "impact"): "How it has affected you must be 2,000 characters or fewer",
    ("your-details", "reporter_name"): "Your name must be 120 characters or fewer",
    ("vulnerability", "vulnerability_details"): "About the person affected must be 2,000 characters or fewer",
}
# What shows that a page's other answers survived a refusal: the re-rendered form still holds them.
MARKERS = {
    "where": {
        "location_description": "Benches by the war memorial, Market Square</textarea>",
        "postcode": 'value="wf1 1aa"',
    },
    "when": {"timing": 'value="past" checked', "occurred_time": 'value="21:30"'},
    "what-happened": {"description": "drinks on the benches", "people_involved": "Four or five adults</textarea>"},
    "your-details": {"reporter_name": 'value="Alex Resident"', "contact_preference": 'value="email" checked'},
    "vulnerability": {"vulnerable": 'value="yes" checked', "vulnerability_details": "lives alone</textarea>"},
}


def refused_cases():
    for (name, field), message in ANSWER_FORMAT.items():
        for label, value in CORPUS.items():
            expected = TOO_LONG.get((name, field), message) if value is LONG else message
            yield pytest.param(name, field, value, expected, id=f"{name}.{field}-{label}")
    for (name, field), message in FREE_TEXT.items():
        yield pytest.param(name, field, LONG, message, id=f"{name}.{field}-10,000 characters")


def accepted_cases():
    for name, field in FREE_TEXT:
        for label, value in CORPUS.items():
            if value is not LONG:
                yield pytest.param(name, field, value, id=f"{name}.{field}-{label}")


@pytest.fixture(autouse=True)
def _no_minimum_time(settings, home_page):
    settings.REPORT_MIN_SECONDS = 0


@pytest.fixture
def answers(area):
    last_week = timezone.localdate() - timedelta(days=7)
    when = {
        "timing": "past",
        "occurred_on-day": str(last_week.day),
        "occurred_on-month": str(last_week.month),
        "occurred_on-year": str(last_week.year),
        "occurred_time": "21:30",
    }
    vulnerable = {"vulnerable": "yes", "vulnerability_details": "My neighbour is 89 and lives alone"}
    return named_answers(area, when=when, vulnerability=vulnerable)


@pytest.mark.parametrize(("name", "field", "value", "message"), list(refused_cases()))
def test_refused_with_a_clear_error_and_nothing_lost(client, answers, name, field, value, message):
    earlier = {step: answers[step] for step in STEP_NAMES[: STEP_NAMES.index(name)]}
    answer(client, earlier)

    response = client.post(step_url(name), dict(answers[name], **{field: value}))
    page = response.content.decode()

    assert response.status_code == 200
    assert message in page
    assert "<title>Error:" in page and 'class="govuk-error-summary"' in page
    assert SCRIPT not in page and "<b>bold</b>" not in page
    for other, marker in MARKERS.get(name, {}).items():
        if not field.startswith(other):
            assert marker in page, f"{other} was lost"
    assert kept_answers(client) == {
        step: {key: [value] for key, value in data.items()} for step, data in earlier.items()
    }
    assert Referral.objects.count() == 0


@pytest.mark.parametrize(("name", "field", "value"), list(accepted_cases()))
def test_free_text_is_kept_as_text_and_escaped(client, answers, name, field, value):
    answers[name] = dict(answers[name], **{field: value})
    answer(client, answers)

    page = client.get(CHECK_URL).content.decode()
    client.post(CHECK_URL, {"submission_key": submission_key(client)})

    assert escape(value) in page
    assert SCRIPT not in page and "<b>bold</b>" not in page
    assert getattr(Referral.objects.get(), field) == value
