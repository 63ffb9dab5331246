"""Participant registration: the young person, date of birth and age, consent, emergency contact, needs."""

import html
import secrets
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from bookings.choices import BookingStatus
from bookings.models import Booking
from programmes.choices import BookingMode
from programmes.models import ProgrammePage

from .test_public_flow import (
    answer,
    book,
    born_aged,
    check_url,
    dob_fields,
    kept_answers,
    participant_answers,
    step_url,
    submission_key,
)

LONG = "x" * 10_000


@pytest.fixture
def run(make_run):
    run = make_run(booking_mode=BookingMode.PARTICIPANT, capacity=5)
    ProgrammePage.objects.filter(pk=run.programme_id).update(min_age=12, max_age=17)
    return run


@pytest.fixture
def start(run):
    return timezone.localdate(run.sessions.first().start)


def assert_refused(client, run, response, step, *messages):
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    for message in messages:
        assert html.escape(message) in body
    assert not kept_answers(client, run).get(step)
    assert Booking.objects.count() == 0


def test_whole_registration_books_one_place_with_every_answer(client, run, start):
    answers = participant_answers(run, age=14)
    answers["guardian"]["photo_consent"] = "yes"

    response = book(client, run, answers)

    assert response["Location"] == "/book/confirmation/"
    booking = Booking.objects.get()
    assert (booking.kind, booking.places, booking.status) == (BookingMode.PARTICIPANT, 1, BookingStatus.CONFIRMED)
    assert booking.participant_name == "Alex Young"
    assert booking.date_of_birth == born_aged(14, start)
    assert (booking.contact_name, booking.contact_email, booking.contact_phone) == (
        "Jo Parent",
        "jo@example.org",
        "07700 900982",
    )
    assert booking.guardian_consent is True
    assert booking.photo_consent is True
    assert (booking.emergency_contact_name, booking.emergency_contact_phone) == ("Chris Aunt", "07700 900123")
    assert booking.medical_needs == "Asthma: carries an inhaler"
    assert booking.school_name == ""


def test_check_page_shows_the_date_of_birth_and_consent(client, run, start):
    answer(client, run, participant_answers(run, age=14))

    body = client.get(check_url(run)).content.decode()

    assert date_format(born_aged(14, start), "j F Y") in body
    assert "Parent or guardian consent" in body
    assert "Asthma: carries an inhaler" in body


def test_empty_young_person_page(client, run):
    response = client.post(step_url(run), {})

    messages = ("Enter the young person's full name", "Enter the young person's date of birth")
    assert_refused(client, run, response, "young-person", *messages)


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "highlighted"),
    [
        ("31", "2", "2012", "Date of birth must be a real date", 3),
        ("29", "2", "2011", "Date of birth must be a real date", 3),
        ("0", "5", "2012", "Date of birth must be a real date", 3),
        ("12", "13", "2012", "Date of birth must be a real date", 3),
        ("1st", "May", "2012", "Date of birth must be a real date", 3),
        ("-1", "5", "2012", "Date of birth must be a real date", 3),
        ("12", "5", "12", "Year must include 4 numbers", 1),
        ("12", "", "2012", "Date of birth must include a month", 1),
        ("", "", "2012", "Date of birth must include a day and month", 2),
        ("12", "5", "", "Date of birth must include a year", 1),
        ("", "", "", "Enter the young person's date of birth", 3),
        ("9" * 10_000, "5", "2012", "Date of birth must be a real date", 3),
    ],
)
def test_bad_dates_of_birth(client, run, day, month, year, message, highlighted):
    data = {"participant_name": "Alex Young", **dob_fields_raw(day, month, year)}

    response = client.post(step_url(run), data)

    assert_refused(client, run, response, "young-person", message)
    body = response.content.decode()
    assert body.count("govuk-date-input__input govuk-input--width-") == 3
    assert body.count("govuk-input--error") == highlighted
    assert 'value="Alex Young"' in body
    assert f'name="date_of_birth-year" type="text" inputmode="numeric" value="{year}"' in body


def dob_fields_raw(day, month, year):
    return {"date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year}


def test_date_of_birth_in_the_future(client, run):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client.post(step_url(run), {"participant_name": "Alex", **dob_fields(tomorrow)})

    assert_refused(client, run, response, "young-person", "Date of birth must be in the past")


@pytest.mark.parametrize("age", [11, 18, 40])
def test_age_outside_the_programme_range_on_the_first_session(client, run, start, age):
    response = client.post(step_url(run), {"participant_name": "Alex", **dob_fields(born_aged(age, start))})

    day = date_format(start, "j F Y")
    message = f"The young person must be aged 12 to 17 on {day}, when the first session starts"
    assert_refused(client, run, response, "young-person", message)


@pytest.mark.parametrize("age", [12, 17])
def test_ages_at_the_ends_of_the_range_are_fine(client, run, start, age):
    response = client.post(step_url(run), {"participant_name": "Alex", **dob_fields(born_aged(age, start))})

    assert response.status_code == 302


def test_age_is_taken_on_the_first_session_not_today(client, run, start):
    turns_twelve_the_day_before = start.replace(year=start.year - 12) - timedelta(days=1)
    turns_twelve_the_day_after = start.replace(year=start.year - 12) + timedelta(days=1)

    ok = client.post(step_url(run), {"participant_name": "Alex", **dob_fields(turns_twelve_the_day_before)})
    too_young = client.post(step_url(run), {"participant_name": "Alex", **dob_fields(turns_twelve_the_day_after)})

    assert ok.status_code == 302
    assert too_young.status_code == 200


def test_under_16_without_consent_is_refused(client, run):
    answers = participant_answers(run, age=15)
    answer(client, run, {"": answers[""]})
    without_consent = {key: value for key, value in answers["guardian"].items() if key != "guardian_consent"}

    response = client.post(step_url(run, "guardian"), without_consent)

    message = "A parent or guardian must agree for a young person under 16 to take part"
    assert_refused(client, run, response, "guardian", message)
    assert 'value="jo@example.org"' in response.content.decode()


def test_16_and_over_without_consent_is_fine(client, run):
    answers = participant_answers(run, age=16)
    del answers["guardian"]["guardian_consent"]
    answer(client, run, {"": answers[""]})

    page = client.get(step_url(run, "guardian")).content.decode()
    book(client, run, answers)

    assert "guardian_consent" not in page
    booking = Booking.objects.get()
    assert booking.guardian_consent is False


def test_changing_the_date_of_birth_to_under_16_asks_for_consent_again(client, run, start):
    answers = participant_answers(run, age=16)
    del answers["guardian"]["guardian_consent"]
    answer(client, run, answers)

    client.post(step_url(run), {"participant_name": "Alex Young", **dob_fields(born_aged(13, start))})
    response = client.post(check_url(run), {"submission_key": submission_key_or_none(client, run)})

    assert response["Location"] == step_url(run, "guardian")
    page = client.get(step_url(run, "guardian")).content.decode()
    assert "A parent or guardian must agree for a young person under 16 to take part" in page
    assert Booking.objects.count() == 0


def submission_key_or_none(client, run):
    response = client.get(check_url(run))
    return response.context["form"]["submission_key"].value() if response.status_code == 200 else ""


def test_empty_guardian_page(client, run):
    answer(client, run, {"": participant_answers(run)[""]})

    response = client.post(step_url(run, "guardian"), {})

    assert_refused(
        client,
        run,
        response,
        "guardian",
        "Enter the parent or guardian's full name",
        "Enter an email address",
        "Enter a telephone number",
        "A parent or guardian must agree for a young person under 16 to take part",
    )


def test_empty_emergency_page(client, run):
    answers = participant_answers(run)
    answer(client, run, {key: answers[key] for key in ("", "guardian")})

    response = client.post(step_url(run, "emergency"), {})

    assert_refused(
        client,
        run,
        response,
        "emergency",
        "Enter the emergency contact's full name",
        "Enter the emergency contact's telephone number",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"emergency_contact_phone": "999"}, "Enter a telephone number, like 01632 960 001"),
        ({"emergency_contact_phone": "<script>alert(1)</script>"}, "Enter a telephone number, like 01632 960 001"),
        ({"emergency_contact_name": LONG}, "Full name must be 100 characters or fewer"),
    ],
)
def test_malformed_emergency_contact(client, run, changes, message):
    answers = participant_answers(run)
    answer(client, run, {key: answers[key] for key in ("", "guardian")})

    response = client.post(step_url(run, "emergency"), answers["emergency"] | changes)

    assert_refused(client, run, response, "emergency", message)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_needs_page_can_be_left_empty(client, run):
    answers = participant_answers(run)
    answers["needs"] = {}

    book(client, run, answers)

    assert Booking.objects.get().medical_needs == ""


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("medical_needs", "Medical needs must be 2,000 characters or fewer"),
        ("dietary_needs", "Dietary needs must be 2,000 characters or fewer"),
        ("access_needs", "Access or support needs must be 2,000 characters or fewer"),
    ],
)
def test_needs_over_2000_characters_keep_the_other_answers(client, run, field, message):
    answers = participant_answers(run)
    answer(client, run, {key: answers[key] for key in ("", "guardian", "emergency")})
    data = {"medical_needs": "Asthma", "dietary_needs": "Vegetarian 🌱", "access_needs": "Step-free"} | {field: LONG}

    response = client.post(step_url(run, "needs"), data)

    assert_refused(client, run, response, "needs", message)
    body = response.content.decode()
    for name, value in data.items():
        if name != field:
            assert f"{value}</textarea>" in body


def test_hostile_needs_are_stored_as_plain_text_and_escaped(client, run):
    answers = participant_answers(run)
    answers["needs"] = {"medical_needs": "<script>alert(1)</script> nut allergy 🥜"}
    answers[""]["participant_name"] = "<b>Alex</b>"
    answer(client, run, answers)

    check_page = client.get(check_url(run)).content.decode()
    client.post(check_url(run), {"submission_key": submission_key(client, run)})

    assert "<script>alert(1)</script>" not in check_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; nut allergy 🥜" in check_page
    assert "&lt;b&gt;Alex&lt;/b&gt;" in check_page
    booking = Booking.objects.get()
    assert booking.medical_needs == "<script>alert(1)</script> nut allergy 🥜"
    assert booking.participant_name == "<b>Alex</b>"


def test_full_participant_run_offers_the_waiting_list(client, make_run):
    run = make_run(booking_mode=BookingMode.PARTICIPANT, capacity=1)
    book(client, run, participant_answers(run))
    other = client.__class__()

    page = other.get(step_url(run)).content.decode()
    book(other, run, participant_answers(run) | {"": participant_answers(run)[""] | {"participant_name": "Sam"}})

    assert "This run is full. You can join the waiting list" in page
    assert Booking.objects.get(participant_name="Sam").status == BookingStatus.WAITLISTED


def test_only_the_pages_own_boxes_are_kept_however_they_are_named(client, run, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
    page = participant_answers(run)[""]
    junk = {f"date_of_birth-{index}": secrets.token_urlsafe(100) for index in range(1000)}
    junk["participant_name-x"] = secrets.token_urlsafe(750_000)

    response = client.post(step_url(run), {**page, **junk})

    assert response.status_code == 302
    assert kept_answers(client, run)["young-person"] == {name: [value] for name, value in page.items()}
    assert set(page) == {"participant_name", "date_of_birth-day", "date_of_birth-month", "date_of_birth-year"}


def test_a_megabyte_in_a_tick_box_is_refused_and_nothing_of_the_page_kept(client, run):
    answers = participant_answers(run)
    answer(client, run, {"": answers[""]})
    guardian = {**answers["guardian"], "guardian_consent": "yes" * 350_000}

    response = client.post(step_url(run, "guardian"), guardian)

    assert_refused(client, run, response, "guardian", "This answer is too long to keep. Shorten it and try again.")
    assert set(kept_answers(client, run)) == {"young-person"}
