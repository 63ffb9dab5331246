"""Sending a public report: one referral per journey, the confirmation, the status link, emails, anti-abuse."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from directory.referrals.choices import ContactPreference, Source, Status
from directory.referrals.models import Referral
from directory.referrals.public.journey import CONFIRMATION_KEY, JOURNEY_KEY

from .report_steps import (
    CHECK_URL,
    CONFIRMATION_URL,
    STEP_NAMES,
    anonymous_answers,
    answer,
    named_answers,
    send,
    sent_twice_at_once,
    step_url,
    submission_key,
)

# On the page, the link is on the host that answered; in the email, on the hub's own site (the default: localhost).
STATUS_LINK = re.compile(r"http://(?:testserver|localhost)/report/status/[A-Za-z0-9_-]{20,}/")
QUERY_BUDGET = 15


@pytest.fixture(autouse=True)
def _no_minimum_time(settings, home_page):
    settings.REPORT_MIN_SECONDS = 0


def test_sending_stores_one_referral_with_the_answers(client, area):
    response = send(client, named_answers(area))

    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == CONFIRMATION_URL
    assert referral.source == Source.PUBLIC and referral.status == Status.SUBMITTED
    assert (referral.category, referral.report_type) == ("nuisance", "noise")
    assert referral.location_description == "Benches by the war memorial, Market Square"
    assert (referral.postcode, referral.area) == ("WF1 1AA", area)
    assert referral.is_ongoing and referral.occurred_at is None
    assert referral.description.startswith("A group drinks")
    assert (referral.people_involved, referral.impact) == ("Four or five adults", "I avoid walking home that way.")
    assert (referral.reporter_name, referral.reporter_email, referral.reporter_phone) == (
        "Alex Resident",
        "alex@example.org",
        "01632 960123",
    )
    assert referral.contact_preference == ContactPreference.EMAIL
    assert not referral.reporter_anonymous and not referral.vulnerable_person
    assert referral.submission_key


EXPECTED_CATEGORIES = [
    ("noise", "no", "nuisance"),
    ("noise", "yes", "personal"),
    ("rowdy", "no", "nuisance"),
    ("rowdy", "yes", "personal"),
    ("street_drinking", None, "nuisance"),
    ("drugs", None, "nuisance"),
    ("vandalism", None, "environmental"),
    ("litter", None, "environmental"),
    ("vehicles", None, "nuisance"),
    ("intimidation", None, "personal"),
    ("fireworks", None, "nuisance"),
    ("begging", None, "nuisance"),
    ("other", "no", "nuisance"),
    ("other", "yes", "personal"),
]


@pytest.mark.parametrize(("report_type", "aimed", "category"), EXPECTED_CATEGORIES)
def test_each_answer_to_what_is_happening_is_stored_with_its_national_category(
    client, area, report_type, aimed, category
):
    answers = anonymous_answers(area, what={"report_type": report_type})
    if aimed is None:
        del answers["aimed-at-you"]
    else:
        answers["aimed-at-you"] = {"aimed": aimed}

    response = send(client, answers)

    assert response["Location"] == CONFIRMATION_URL
    assert Referral.objects.values_list("report_type", "category").get() == (report_type, category)


def test_the_confirmation_shows_the_reference_and_what_happens_next(client, area):
    send(client, named_answers(area))

    response = client.get(CONFIRMATION_URL)
    page = response.content.decode()

    assert Referral.objects.get().reference in page
    assert "What happens next" in page
    assert "We have sent you an email" in page
    assert not STATUS_LINK.search(page), "a reporter with an email gets the link by email only"
    assert "no-store" in response["Cache-Control"]


def test_after_sending_the_journey_is_cleared_and_the_confirmation_survives_a_refresh(client, area):
    send(client, named_answers(area))
    reference = Referral.objects.get().reference

    first = client.get(CONFIRMATION_URL).content.decode()
    again = client.get(CONFIRMATION_URL).content.decode()

    assert JOURNEY_KEY not in client.session
    assert reference in first and reference in again
    assert client.get(step_url("where"))["Location"] == step_url("what")


def test_the_same_form_posted_twice_makes_one_report(client, area):
    answer(client, named_answers(area))
    key = submission_key(client)

    first = client.post(CHECK_URL, {"submission_key": key})
    second = client.post(CHECK_URL, {"submission_key": key})

    assert first["Location"] == second["Location"] == CONFIRMATION_URL
    assert Referral.objects.count() == 1
    assert Referral.objects.get().reference in client.get(CONFIRMATION_URL).content.decode()


def test_a_stale_submission_key_is_refused_and_nothing_stored(client, area):
    answer(client, named_answers(area))

    response = client.post(CHECK_URL, {"submission_key": "from-another-window"})

    assert response.status_code == 200
    assert "Your answers were changed in another window" in response.content.decode()
    assert Referral.objects.count() == 0


def test_two_reports_from_one_session_are_two_referrals(client, area):
    send(client, named_answers(area))
    send(client, anonymous_answers(area))

    assert Referral.objects.count() == 2


def test_anonymous_reports_keep_no_identity_and_show_the_status_link_once(client, area):
    send(client, anonymous_answers(area))

    first = client.get(CONFIRMATION_URL).content.decode()
    again = client.get(CONFIRMATION_URL).content.decode()

    referral = Referral.objects.get()
    assert referral.reporter_anonymous
    assert (referral.reporter_name, referral.reporter_email, referral.reporter_phone) == ("", "", "")
    assert referral.contact_preference == ContactPreference.NONE
    assert len(set(STATUS_LINK.findall(first))) == 1
    assert not STATUS_LINK.search(again)
    assert referral.reference in again and "not shown again" in again
    assert client.session[CONFIRMATION_KEY]["token"] is None, "the token is not kept once shown"
    assert len(mail.outbox) == 0


def test_a_named_reporter_without_an_email_sees_the_status_link(client, area):
    details = {
        "reporter_name": "Sam",
        "reporter_email": "",
        "reporter_phone": "07700 900982",
        "contact_preference": "phone",
    }
    send(client, named_answers(area, **{"your-details": details}))

    page = client.get(CONFIRMATION_URL).content.decode()

    assert STATUS_LINK.search(page)
    assert Referral.objects.get().reporter_phone == "07700 900982"


def test_the_status_link_shows_the_status_only(client, area):
    send(client, anonymous_answers(area))
    link = STATUS_LINK.search(client.get(CONFIRMATION_URL).content.decode()).group(0)

    response = Client().get(link.removeprefix("http://testserver"))
    page = response.content.decode()

    referral = Referral.objects.get()
    assert response.status_code == 200
    assert referral.reference in page and referral.get_status_display() in page
    assert "war memorial" not in page and "drinks on the benches" not in page and "WF1 1AA" not in page
    assert "no-store" in response["Cache-Control"]


def test_the_reporter_is_emailed_the_reference_and_status_link_without_the_report(
    client, area, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, named_answers(area))

    referral = Referral.objects.get()
    assert [message.to for message in mail.outbox] == [["alex@example.org"]]
    body = mail.outbox[0].body
    assert referral.reference in body
    assert STATUS_LINK.search(body)
    link = STATUS_LINK.search(body).group(0).removeprefix("http://localhost")
    assert Client().get(link).status_code == 200
    for content in ("war memorial", "drinks on the benches", "Four or five adults", "WF1 1AA", "walking home"):
        assert content not in body


def test_staff_hear_of_a_vulnerable_persons_report_by_link_only(
    client, area, coordinator, django_capture_on_commit_callbacks
):
    vulnerable = {"vulnerable": "yes", "vulnerability_details": "My neighbour is 89 and lives alone"}
    with django_capture_on_commit_callbacks(execute=True):
        send(client, named_answers(area, vulnerability=vulnerable))

    referral = Referral.objects.get()
    staff_mail = [message for message in mail.outbox if message.to == [coordinator.email]]
    assert referral.vulnerable_person and referral.vulnerability_details == "My neighbour is 89 and lives alone"
    assert len(staff_mail) == 1
    text = staff_mail[0].subject + staff_mail[0].body
    assert referral.reference in text and f"/{referral.pk}/" in text
    for content in ("is 89", "lives alone", "war memorial", "drinks", "Alex Resident", "alex@example.org", "01632 "):
        assert content not in text


def test_vulnerability_details_are_dropped_when_nobody_is_vulnerable(client, area):
    send(client, named_answers(area, vulnerability={"vulnerable": "no", "vulnerability_details": "typed then"}))

    assert Referral.objects.get().vulnerability_details == ""


def test_a_filled_honeypot_on_the_check_page_stores_nothing(client, area):
    answer(client, named_answers(area))

    response = client.post(CHECK_URL, {"submission_key": submission_key(client), "website": "http://spam.example"})

    assert response.status_code == 400
    assert "your report has not been sent" in response.content.decode()
    assert Referral.objects.count() == 0


def test_a_filled_honeypot_on_a_question_keeps_nothing(client):
    response = client.post(step_url("what"), {"report_type": "noise", "website": "spam"})

    assert response.status_code == 400
    assert "what" not in client.session.get(JOURNEY_KEY, {}).get("answers", {})


def test_a_report_sent_faster_than_a_person_could_is_refused_politely(client, area, settings):
    settings.REPORT_MIN_SECONDS = 3600
    answer(client, named_answers(area))

    response = client.post(CHECK_URL, {"submission_key": submission_key(client)})

    assert response.status_code == 400
    assert "faster than a person usually types" in response.content.decode()
    assert Referral.objects.count() == 0
    assert client.get(CHECK_URL).status_code == 200, "the answers are kept"


def test_the_hourly_limit_per_address_refuses_more_reports(client, area, settings):
    settings.REPORT_RATE_LIMIT = 2
    send(client, named_answers(area))
    send(client, anonymous_answers(area))
    answer(client, named_answers(area))

    response = client.post(CHECK_URL, {"submission_key": submission_key(client)})
    other_address = Client(REMOTE_ADDR="192.0.2.44")
    allowed = send(other_address, anonymous_answers(area))

    assert response.status_code == 429
    assert "too many reports from your connection" in response.content.decode()
    assert client.get(CHECK_URL).status_code == 200, "the answers are kept"
    assert allowed["Location"] == CONFIRMATION_URL
    assert Referral.objects.count() == 3


def test_a_repeated_post_does_not_count_towards_the_limit(client, area, settings):
    settings.REPORT_RATE_LIMIT = 1
    answer(client, named_answers(area))
    key = submission_key(client)
    client.post(CHECK_URL, {"submission_key": key})

    again = client.post(CHECK_URL, {"submission_key": key})

    assert again["Location"] == CONFIRMATION_URL


def test_the_confirmation_without_a_report_is_not_found(client):
    assert client.get(CONFIRMATION_URL).status_code == 404


def test_the_submitted_post_never_puts_personal_data_or_the_token_in_a_url(client, area):
    response = send(client, anonymous_answers(area))

    assert response["Location"] == CONFIRMATION_URL


def statements(queries):
    """The queries, without the savepoints that nested atomic blocks add inside a test's transaction."""
    return [query["sql"] for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def pages(area):
    answers = named_answers(area)
    for index, name in enumerate(STEP_NAMES):
        yield step_url(name), {step: answers[step] for step in STEP_NAMES[:index]}
    yield CHECK_URL, answers


@pytest.mark.parametrize("position", range(len(STEP_NAMES) + 1))
def test_each_page_stays_within_the_query_budget(client, area, position):
    url, earlier = list(pages(area))[position]
    answer(client, earlier)
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert len(queries) <= QUERY_BUDGET, [query["sql"] for query in queries]


def test_sending_and_confirming_stay_within_the_query_budget(client, area):
    answer(client, named_answers(area))
    key = submission_key(client)

    with CaptureQueriesContext(connection) as sending:
        client.post(CHECK_URL, {"submission_key": key})
    with CaptureQueriesContext(connection) as confirming:
        client.get(CONFIRMATION_URL)
    with CaptureQueriesContext(connection) as starting:
        client.get("/report/")

    assert len(statements(sending)) <= QUERY_BUDGET, statements(sending)
    assert len(confirming) <= QUERY_BUDGET
    assert len(starting) <= QUERY_BUDGET


@pytest.mark.django_db(transaction=True)
def test_the_same_form_posted_twice_at_once_makes_one_report(client, area):
    """A double click that reaches two server threads at the same moment: one report, both confirmed."""
    answer(client, named_answers(area))

    responses = sent_twice_at_once(client)

    assert [response["Location"] for response in responses] == [CONFIRMATION_URL, CONFIRMATION_URL]
    assert Referral.objects.count() == 1
