"""The journey engine on its own: steps that do not apply are skipped, back links, the one summary shape, and
idempotent submission under the hourly limit."""

import pytest
from django import forms
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict

from portal import journeys
from portal.journeys.pages import submit_once
from portal.ratelimit import HourlyLimit, RateLimited


class NameForm(journeys.StepForm):
    name = forms.CharField(label="Name", required=False)
    anonymous = forms.BooleanField(label="Anonymous", required=False)
    summary_labels = {"anonymous": "Report anonymously"}


class EmailForm(journeys.StepForm):
    email = forms.EmailField(label="Email")


class NotesForm(journeys.StepForm):
    notes = forms.CharField(label="Notes", required=False)


def named(details):
    return not details.get("anonymous")


STEPS = (
    journeys.Step("name", "", NameForm, "name.html", "Name"),
    journeys.Step("email", "email", EmailForm, "email.html", "Email", applies=named),
    journeys.Step("notes", "notes", NotesForm, "notes.html", "Notes"),
)


class Journey(journeys.Journey):
    steps = STEPS
    submitted_key = "test:submitted"

    def url(self, step):
        return f"/journey/{step.slug}/" if step.slug else "/journey/"

    def check_url(self):
        return "/journey/check/"

    def entry_url(self):
        return "/start/"


def answer(journey, answers):
    for slug, data in answers.items():
        step = journey.step_for(slug)
        posted = MultiValueDict({name: [value] for name, value in data.items()})
        form = journey.form(step, journey.details(journey.walk(until=step)[0]), data=posted)
        assert form.is_valid(), form.errors
        journey.save(step, form)


def test_a_step_that_does_not_apply_is_skipped():
    journey = Journey({}, "test")
    answer(journey, {"": {"name": "", "anonymous": "on"}, "notes": {"notes": "hi"}})

    answered, blocker = journey.walk()

    assert blocker is None
    assert [step.name for step, _form in answered] == ["name", "notes"]
    assert journey.back_url(answered[:1], journey.step_for("notes")) == "/journey/"


def test_the_first_unanswered_page_that_applies_blocks_the_way():
    journey = Journey({}, "test")
    answer(journey, {"": {"name": "Sam"}})

    assert journey.walk()[1] == journey.step_for("email")
    assert journey.next_url() == "/journey/email/"


def test_back_links_lead_to_the_page_before_or_into_the_journey():
    journey = Journey({}, "test")
    answer(journey, {"": {"name": "Sam"}, "email": {"email": "sam@example.org"}, "notes": {"notes": ""}})
    answered, _blocker = journey.walk()

    assert journey.back_url([], journey.first_step) == "/start/"
    assert journey.back_url(answered[:2], journey.step_for("notes")) == "/journey/email/"
    assert journey.back_url(answered) == "/journey/notes/"


def test_a_complete_journey_can_lead_back_to_the_check_page():
    journey = Journey({}, "test")
    journey.back_to_check_once_complete = True
    answer(journey, {"": {"name": "Sam", "anonymous": "on"}, "notes": {"notes": ""}})
    answered, _blocker = journey.walk()

    assert journey.back_url(answered[:1], journey.step_for("notes")) == "/journey/check/"
    assert journey.back_url(answered) == "/journey/notes/", "the check page's own back link is the last page"


def test_the_summary_is_one_section_per_answered_page_with_label_and_display_value():
    journey = Journey({}, "test")
    answer(journey, {"": {"name": "Sam", "anonymous": ""}, "email": {"email": "sam@example.org"}, "notes": {}})

    sections = journey.summary(journey.walk()[0])

    assert [(section.step.name, section.change_url) for section in sections] == [
        ("name", "/journey/"),
        ("email", "/journey/email/"),
        ("notes", "/journey/notes/"),
    ]
    _step, _change_url, rows = sections[0]
    assert [(label, str(value)) for label, value in rows] == [("Name", "Sam"), ("Report anonymously", "No")]
    assert [(row.label, str(row.value)) for row in sections[2].rows] == [("Notes", "Not given")]


@pytest.fixture
def limit(settings):
    settings.REPORT_RATE_LIMIT = 1
    return HourlyLimit("journeys-test", "REPORT_RATE_LIMIT")


def request_from(address="192.0.2.20"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_submit_once_passes_the_key_to_the_service_and_counts_a_new_submission(limit):
    calls = []

    def service(**kwargs):
        calls.append(kwargs)
        return "made", "token"

    assert submit_once(request_from(), limit, service, submission_key="one", details={"a": 1}) == ("made", "token")
    assert calls == [{"submission_key": "one", "details": {"a": 1}}]
    with pytest.raises(RateLimited):
        submit_once(request_from(), limit, service, submission_key="two")
    assert len(calls) == 1, "a submission over the limit never reaches the service"


def test_submit_once_gives_the_slot_back_when_the_service_found_an_earlier_submission(limit):
    def repeat(**kwargs):
        return "made before", None

    assert submit_once(request_from(), limit, repeat, submission_key="one") == ("made before", None)
    assert submit_once(request_from(), limit, lambda **kwargs: ("new", "token"), submission_key="two")[1] == "token"


def test_submit_once_gives_the_slot_back_when_the_service_raises(limit):
    def refuse(**kwargs):
        raise LookupError("refused")

    with pytest.raises(LookupError):
        submit_once(request_from(), limit, refuse, submission_key="one")
    assert submit_once(request_from(), limit, lambda **kwargs: ("new", "token"), submission_key="two")[1] == "token"
