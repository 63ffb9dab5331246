"""The public booking journey as a whole: URLs, runs that cannot be booked, the check page, anti-abuse."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from bookings.choices import BookingStatus
from bookings.errors import BookingClosed
from bookings.models import Booking
from bookings.services import book_places
from programmes.choices import BookingMode

from ..conftest import NOW

SCHOOL_ANSWERS = {
    "": {"school_name": "Westfield Academy", "school_urn": "123456"},
    "contact": {
        "contact_name": "Sam Teacher",
        "contact_role": "Head of Year 9",
        "contact_email": "sam@school.example.org",
        "contact_phone": "01632 960123",
    },
    "pupils": {"places": "4", "year_groups": ["9", "10"], "additional_needs": "", "terms_accepted": "yes"},
}


def born_aged(age, on):
    """A date of birth that makes someone ``age`` on the day ``on`` (their birthday a week before)."""
    birthday = on - timedelta(days=7)
    return date(birthday.year - age, birthday.month, min(birthday.day, 28))


def dob_fields(born):
    return {
        "date_of_birth-day": str(born.day),
        "date_of_birth-month": str(born.month),
        "date_of_birth-year": str(born.year),
    }


def participant_answers(run, age=14):
    return {
        "": {"participant_name": "Alex Young", **dob_fields(born_aged(age, run.sessions.first().start.date()))},
        "guardian": {
            "contact_name": "Jo Parent",
            "contact_email": "jo@example.org",
            "contact_phone": "07700 900982",
            "guardian_consent": "yes",
        },
        "emergency": {"emergency_contact_name": "Chris Aunt", "emergency_contact_phone": "07700 900123"},
        "needs": {"medical_needs": "Asthma: carries an inhaler", "dietary_needs": "", "access_needs": ""},
    }


def step_url(run, slug=""):
    return f"/book/{run.pk}/{slug}/" if slug else f"/book/{run.pk}/"


def check_url(run):
    return f"/book/{run.pk}/check/"


def answer(client, run, answers):
    for slug, data in answers.items():
        response = client.post(step_url(run, slug), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


def submission_key(client, run):
    response = client.get(check_url(run))
    assert response.status_code == 200
    return response.context["form"]["submission_key"].value()


def book(client, run, answers):
    answer(client, run, answers)
    return client.post(check_url(run), {"submission_key": submission_key(client, run)})


def kept_answers(client, run):
    return client.session.get(f"booking:{run.pk}", {}).get("answers", {})


@pytest.fixture
def school_run(make_run):
    return make_run(per_school_cap=6)


@pytest.fixture
def participant_run(make_run):
    return make_run(booking_mode=BookingMode.PARTICIPANT, capacity=5)


def test_first_page_asks_the_questions_of_the_runs_booking_mode(client, school_run, participant_run):
    school_page = client.get(step_url(school_run)).content.decode()
    participant_page = client.get(step_url(participant_run)).content.decode()

    assert 'name="school_name"' in school_page
    assert "date_of_birth-day" not in school_page
    assert 'name="date_of_birth-day"' in participant_page
    assert 'name="school_name"' not in participant_page


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_run_is_not_found(client, school_run, method):
    response = getattr(client, method)(f"/book/{school_run.pk + 1000}/")

    assert response.status_code == 404
    assert Booking.objects.count() == 0


def test_run_of_an_unpublished_programme_is_not_found(client, school_run):
    school_run.programme.unpublish()

    assert client.get(step_url(school_run)).status_code == 404


def test_run_of_a_programme_in_a_private_section_is_not_found(client, school_run):
    PageViewRestriction.objects.create(
        page=school_run.programme, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert client.get(step_url(school_run)).status_code == 404


@pytest.mark.parametrize(("mode", "slug"), [("school", "guardian"), ("school", "needs"), ("participant", "pupils")])
def test_question_page_of_the_other_booking_mode_is_not_found(client, school_run, participant_run, mode, slug):
    run = school_run if mode == "school" else participant_run

    assert client.get(step_url(run, slug)).status_code == 404
    assert client.post(step_url(run, slug), {"places": "2"}).status_code == 404


def test_school_answers_posted_to_a_participant_run_are_not_a_booking(client, participant_run):
    response = client.post(step_url(participant_run), SCHOOL_ANSWERS[""])

    assert response.status_code == 200
    assert "Enter the young person&#x27;s full name" in response.content.decode()
    assert kept_answers(client, participant_run) == {}


CLOSED_WINDOWS = {
    "not yet open": ({"booking_opens": NOW + timedelta(days=2), "booking_closes": NOW + timedelta(days=9)}, "opens at"),
    "closed": ({"booking_opens": NOW - timedelta(days=9), "booking_closes": NOW - timedelta(days=1)}, "has closed"),
}


@pytest.mark.parametrize("window", CLOSED_WINDOWS.values(), ids=CLOSED_WINDOWS.keys())
@pytest.mark.parametrize("slug", ["", "contact", "check"])
def test_run_outside_its_booking_window_shows_why_and_no_form(client, make_run, window, slug):
    fields, reason = window
    run = make_run(**fields)

    response = client.get(step_url(run, slug))

    body = response.content.decode()
    assert response.status_code == 200
    assert "You cannot book this run" in body
    assert reason in body
    assert "<form" not in body.split('id="main-content"')[1]


@pytest.mark.parametrize("window", CLOSED_WINDOWS.values(), ids=CLOSED_WINDOWS.keys())
def test_run_outside_its_booking_window_refuses_posts_and_stores_nothing(client, make_run, window):
    run = make_run(**window[0])

    first = client.post(step_url(run), SCHOOL_ANSWERS[""])
    check = client.post(check_url(run), {"submission_key": "anything"})

    assert first.status_code == check.status_code == 409
    assert kept_answers(client, run) == {}
    assert Booking.objects.count() == 0


def test_run_that_has_already_taken_place_says_so(client, make_run):
    run = make_run(booking_closes=NOW + timedelta(days=60))
    run.sessions.update(start=NOW - timedelta(days=2), end=NOW - timedelta(days=2) + timedelta(hours=2))

    response = client.get(step_url(run))

    assert "This run has already taken place." in response.content.decode()
    assert client.post(step_url(run), SCHOOL_ANSWERS[""]).status_code == 409


def test_run_that_closes_mid_journey_drops_the_answers(client, school_run):
    answer(client, school_run, SCHOOL_ANSWERS)
    school_run.booking_closes = NOW - timedelta(minutes=1)
    school_run.booking_opens = NOW - timedelta(days=9)
    school_run.save()

    response = client.post(check_url(school_run), {"submission_key": "x"})

    assert response.status_code == 409
    assert Booking.objects.count() == 0
    assert kept_answers(client, school_run) == {}


def test_pages_ahead_of_the_answers_send_you_back_to_the_first_unanswered_page(client, school_run):
    assert client.get(step_url(school_run, "pupils"))["Location"] == step_url(school_run)
    assert client.get(check_url(school_run))["Location"] == step_url(school_run)

    client.post(step_url(school_run), SCHOOL_ANSWERS[""])

    assert client.get(check_url(school_run))["Location"] == step_url(school_run, "contact")


def test_each_page_links_back_to_the_one_before(client, school_run):
    answer(client, school_run, SCHOOL_ANSWERS)

    assert client.get(step_url(school_run)).context["back_url"] == school_run.programme.url
    assert client.get(step_url(school_run, "contact")).context["back_url"] == step_url(school_run)
    assert client.get(step_url(school_run, "pupils")).context["back_url"] == step_url(school_run, "contact")
    assert client.get(check_url(school_run)).context["back_url"] == step_url(school_run, "pupils")


def test_answers_are_kept_in_the_session_and_never_in_urls(client, school_run):
    redirects = [client.post(step_url(school_run, slug), data)["Location"] for slug, data in SCHOOL_ANSWERS.items()]

    assert redirects == [step_url(school_run, "contact"), step_url(school_run, "pupils"), check_url(school_run)]
    assert kept_answers(client, school_run)["school"]["school_name"] == ["Westfield Academy"]
    page = client.get(step_url(school_run, "contact")).content.decode()
    assert 'value="sam@school.example.org"' in page


def test_change_link_returns_to_check_answers(client, school_run):
    answer(client, school_run, SCHOOL_ANSWERS)
    check = client.get(check_url(school_run)).content.decode()
    assert f'href="{step_url(school_run, "contact")}"' in check

    response = client.post(step_url(school_run, "contact"), SCHOOL_ANSWERS["contact"] | {"contact_name": "Pat Head"})

    assert response["Location"] == check_url(school_run)
    assert "Pat Head" in client.get(check_url(school_run)).content.decode()


def test_booking_clears_the_answers_and_confirmation_shows_the_reference(client, school_run):
    response = book(client, school_run, SCHOOL_ANSWERS)

    assert response["Location"] == "/book/confirmation/"
    booking = Booking.objects.get()
    confirmation = client.get("/book/confirmation/")
    body = confirmation.content.decode()
    assert booking.reference in body
    assert "govuk-panel--confirmation" in body
    assert "Booking confirmed" in body
    assert "sam@school.example.org" not in body
    assert "Sam Teacher" not in body
    assert kept_answers(client, school_run) == {}
    assert f"booking:{school_run.pk}" not in client.session


def test_same_check_page_posted_twice_makes_one_booking(client, school_run):
    answer(client, school_run, SCHOOL_ANSWERS)
    key = submission_key(client, school_run)

    first = client.post(check_url(school_run), {"submission_key": key})
    second = client.post(check_url(school_run), {"submission_key": key})

    assert first["Location"] == second["Location"] == "/book/confirmation/"
    booking = Booking.objects.get()
    assert booking.reference in client.get("/book/confirmation/").content.decode()


def test_repeated_post_that_still_has_the_answers_returns_the_first_booking(client, school_run):
    """Two POSTs racing each other both read the answers before either clears them."""
    answer(client, school_run, SCHOOL_ANSWERS)
    key = submission_key(client, school_run)
    session = client.session
    answers = session[f"booking:{school_run.pk}"]

    client.post(check_url(school_run), {"submission_key": key})
    session = client.session
    session[f"booking:{school_run.pk}"] = answers
    session.pop("booking:submitted")
    session.save()
    response = client.post(check_url(school_run), {"submission_key": key})

    assert response["Location"] == "/book/confirmation/"
    assert Booking.objects.count() == 1


def test_check_page_posted_with_a_stale_key_books_nothing(client, school_run):
    answer(client, school_run, SCHOOL_ANSWERS)
    submission_key(client, school_run)

    response = client.post(check_url(school_run), {"submission_key": "made-up"})

    assert response.status_code == 200
    assert "Your answers were changed in another window" in response.content.decode()
    assert Booking.objects.count() == 0


def test_domain_error_at_booking_is_shown_and_answers_kept(client, school_run, monkeypatch):
    def closed(**kwargs):
        raise BookingClosed()

    answer(client, school_run, SCHOOL_ANSWERS)
    key = submission_key(client, school_run)
    monkeypatch.setattr("bookings.public.views.book_places", closed)

    response = client.post(check_url(school_run), {"submission_key": key})

    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "Booking for this run is closed." in body
    assert kept_answers(client, school_run)["contact"]["contact_name"] == ["Sam Teacher"]


def test_confirmation_without_a_booking_is_not_found(client, db):
    assert client.get("/book/confirmation/").status_code == 404


def test_booking_pages_are_never_cached(client, school_run):
    answer(client, school_run, SCHOOL_ANSWERS)
    pages = [step_url(school_run), step_url(school_run, "contact"), check_url(school_run)]
    responses = [client.get(url) for url in pages]
    responses.append(client.post(check_url(school_run), {"submission_key": submission_key(client, school_run)}))
    responses.append(client.get("/book/confirmation/"))

    for response in responses:
        assert "no-store" in response["Cache-Control"], response.request["PATH_INFO"]


def test_posts_need_the_csrf_token(school_run):
    client = Client(enforce_csrf_checks=True)

    response = client.post(step_url(school_run), SCHOOL_ANSWERS[""])

    assert response.status_code == 403
    assert kept_answers(client, school_run) == {}


HONEYPOT = '<input type="text" id="id_website" name="website" value="" tabindex="-1" autocomplete="off">'


def test_every_form_has_the_honeypot(client, school_run):
    answer(client, school_run, SCHOOL_ANSWERS)

    for url in (step_url(school_run), step_url(school_run, "pupils"), check_url(school_run)):
        body = client.get(url).content.decode()
        assert HONEYPOT in body
        assert "Leave this blank" in body


def test_filled_honeypot_is_refused_on_a_question_page(client, school_run):
    response = client.post(step_url(school_run), SCHOOL_ANSWERS[""] | {"website": "http://spam.example"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert kept_answers(client, school_run) == {}


def test_filled_honeypot_is_refused_on_the_check_page(client, school_run):
    answer(client, school_run, SCHOOL_ANSWERS)

    response = client.post(
        check_url(school_run), {"submission_key": submission_key(client, school_run), "website": "x"}
    )

    assert response.status_code == 400
    assert Booking.objects.count() == 0


def test_bookings_from_one_address_are_rate_limited_and_answers_kept(client, make_run, settings):
    settings.BOOKING_RATE_LIMIT = 2
    run = make_run(capacity=30)
    for _ in range(2):
        assert book(client, run, SCHOOL_ANSWERS)["Location"] == "/book/confirmation/"

    response = book(client, run, SCHOOL_ANSWERS)

    assert response.status_code == 429
    assert "too many bookings" in response.content.decode()
    assert Booking.objects.count() == 2
    assert kept_answers(client, run)["school"]["school_name"] == ["Westfield Academy"]
    other_address = Client(REMOTE_ADDR="192.0.2.7")
    assert book(other_address, run, SCHOOL_ANSWERS)["Location"] == "/book/confirmation/"
    cache.clear()
    assert client.post(check_url(run), {"submission_key": submission_key(client, run)}).status_code == 302
    assert Booking.objects.count() == 4


QUERY_BUDGET = 15


def statements(queries):
    """The queries production runs too: tests run inside a transaction, so each atomic block in the
    service adds SAVEPOINT and RELEASE statements that a real request (BEGIN ... COMMIT) does not."""
    return [query["sql"] for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def assert_pages_within_budget(client, run, answers, django_assert_max_num_queries):
    for slug, data in answers.items():
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.get(step_url(run, slug)).status_code == 200
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.post(step_url(run, slug), data).status_code == 302
    with django_assert_max_num_queries(QUERY_BUDGET):
        key = submission_key(client, run)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(check_url(run), {"submission_key": key}).status_code == 302
    assert len(statements(queries.captured_queries)) <= QUERY_BUDGET, "\n".join(statements(queries.captured_queries))
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get("/book/confirmation/").status_code == 200


def test_school_booking_pages_stay_within_the_query_budget(client, school_run, django_assert_max_num_queries):
    assert_pages_within_budget(client, school_run, SCHOOL_ANSWERS, django_assert_max_num_queries)


def test_participant_booking_pages_stay_within_the_query_budget(client, participant_run, django_assert_max_num_queries):
    answers = participant_answers(participant_run)
    assert_pages_within_budget(client, participant_run, answers, django_assert_max_num_queries)


def test_programme_page_offers_booking_per_run(client, make_run, school_details):
    school = make_run(title="Open school run")
    programme = school.programme
    participant = make_run(title="Open participant run", booking_mode=BookingMode.PARTICIPANT)
    participant.programme = programme
    participant.save()
    full = make_run(title="Full run", capacity=2)
    full.programme = programme
    full.save()
    book_places(run_id=full.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)
    later = make_run(title="Later run", booking_opens=NOW + timedelta(days=3), booking_closes=NOW + timedelta(days=9))
    later.programme = programme
    later.save()

    body = client.get(programme.url).content.decode()

    assert re.search(rf'href="/book/{school.pk}/"[^>]*>Book places<', body)
    assert re.search(rf'href="/book/{participant.pk}/"[^>]*>Register<', body)
    assert re.search(rf'href="/book/{full.pk}/"[^>]*>Join the waiting list<', body)
    assert "This run is full. You can join the waiting list" in body
    assert f"/book/{later.pk}/" not in body
    assert "You can book from" in body


def test_programme_page_says_when_booking_has_closed(client, make_run):
    run = make_run(booking_opens=NOW - timedelta(days=9), booking_closes=NOW - timedelta(days=1))

    body = client.get(run.programme.url).content.decode()

    assert "Booking for this run has closed." in body
    assert f"/book/{run.pk}/" not in body


def test_full_run_page_flow_puts_the_booking_on_the_waiting_list(client, make_run, school_details):
    run = make_run(capacity=4, per_school_cap=4)
    book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=4, details=school_details)

    page = client.get(step_url(run)).content.decode()
    response = book(client, run, SCHOOL_ANSWERS)

    assert "This run is full. You can join the waiting list" in page
    assert response["Location"] == "/book/confirmation/"
    waiting = Booking.objects.get(school_name="Westfield Academy", status=BookingStatus.WAITLISTED)
    assert waiting.places == 4
    assert "You are on the waiting list" in client.get("/book/confirmation/").content.decode()
