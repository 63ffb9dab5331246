"""School group booking: every question page with empty, malformed, oversized and hostile input."""

import html

import pytest

from bookings.choices import BookingStatus
from bookings.models import Booking
from bookings.services import book_places
from programmes.choices import BookingMode

from .test_public_flow import SCHOOL_ANSWERS, answer, book, check_url, kept_answers, step_url, submission_key

LONG = "x" * 10_000
SCRIPT = "<script>alert('hi')</script>"


@pytest.fixture
def run(make_run):
    return make_run(capacity=10, per_school_cap=6)


def post(client, run, slug, changes):
    return client.post(step_url(run, slug), SCHOOL_ANSWERS[slug] | changes)


def errors(response):
    return [str(error) for errors in response.context["form"].errors.values() for error in errors]


def assert_refused(client, run, response, slug, *messages, bookings=0):
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert body.count("govuk-form-group--error") >= len(messages)
    for message in messages:
        assert html.escape(message) in body
    assert response.context["form"].is_bound
    assert not kept_answers(client, run).get(slug or "school")
    assert Booking.objects.count() == bookings


def test_whole_school_booking_stores_every_answer(client, run):
    response = book(client, run, SCHOOL_ANSWERS | {"pupils": SCHOOL_ANSWERS["pupils"] | {"additional_needs": "Ramp"}})

    assert response["Location"] == "/book/confirmation/"
    booking = Booking.objects.get()
    assert booking.kind == BookingMode.SCHOOL
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.places == 4
    assert (booking.school_name, booking.school_urn) == ("Westfield Academy", "123456")
    assert (booking.contact_name, booking.contact_role) == ("Sam Teacher", "Head of Year 9")
    assert (booking.contact_email, booking.contact_phone) == ("sam@school.example.org", "01632 960123")
    assert booking.year_groups == "Year 9, Year 10"
    assert booking.additional_needs == "Ramp"
    assert booking.terms_accepted is True


def test_run_needing_approval_makes_a_pending_booking(client, make_run):
    run = make_run(needs_approval=True)

    book(client, run, SCHOOL_ANSWERS)

    assert Booking.objects.get().status == BookingStatus.PENDING
    assert "Booking request received" in client.get("/book/confirmation/").content.decode()


def test_empty_school_page(client, run):
    response = client.post(step_url(run), {})

    assert_refused(client, run, response, "", "Enter the name of the school")


def test_empty_contact_page_keeps_earlier_answers(client, run):
    answer(client, run, {"": SCHOOL_ANSWERS[""]})

    response = client.post(step_url(run, "contact"), {})

    assert_refused(
        client,
        run,
        response,
        "contact",
        "Enter the lead contact's full name",
        "Enter the lead contact's role at the school",
        "Enter an email address",
        "Enter a telephone number",
    )
    assert kept_answers(client, run)["school"]["school_name"] == ["Westfield Academy"]


def test_empty_pupils_page(client, run):
    answer(client, run, {slug: SCHOOL_ANSWERS[slug] for slug in ("", "contact")})

    response = client.post(step_url(run, "pupils"), {})

    assert_refused(
        client,
        run,
        response,
        "pupils",
        "Enter the number of pupils",
        "Select the year groups of the pupils",
        "Confirm that you agree to the terms of booking",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"school_urn": "12345"}, "Enter the URN as 6 digits, like 112233"),
        ({"school_urn": "1234567"}, "Enter the URN as 6 digits, like 112233"),
        ({"school_urn": "ABC123"}, "Enter the URN as 6 digits, like 112233"),
        ({"school_urn": "١٢٣٤٥٦"}, "Enter the URN as 6 digits, like 112233"),
        ({"school_name": LONG}, "School name must be 150 characters or fewer"),
        ({"school_urn": LONG}, "Enter the URN as 6 digits, like 112233"),
        ({"school_name": "   "}, "Enter the name of the school"),
        ({"school_name": "West\x00field"}, "Null characters are not allowed."),
    ],
)
def test_malformed_school_answers(client, run, changes, message):
    response = post(client, run, "", changes)

    assert_refused(client, run, response, "", message)
    kept = next(value for key, value in (SCHOOL_ANSWERS[""] | changes).items() if key not in changes)
    assert f'value="{kept}"' in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"contact_email": "sam.school.example.org"}, "Enter an email address in the correct format"),
        ({"contact_email": "<b>@x"}, "Enter an email address in the correct format"),
        ({"contact_email": "a" * 250 + "@example.org"}, "Email address must be 254 characters or fewer"),
        ({"contact_phone": "call me"}, "Enter a telephone number, like 01632 960 001"),
        ({"contact_phone": "0163"}, "Enter a telephone number, like 01632 960 001"),
        ({"contact_phone": "01632 960123 ext 4"}, "Enter a telephone number, like 01632 960 001"),
        ({"contact_phone": "+44 (0)1632 960123" + " 1" * 10}, "Telephone number must be 30 characters or fewer"),
        ({"contact_name": LONG}, "Full name must be 100 characters or fewer"),
        ({"contact_role": LONG}, "Role must be 100 characters or fewer"),
    ],
)
def test_malformed_contact_answers_keep_the_others(client, run, changes, message):
    answer(client, run, {"": SCHOOL_ANSWERS[""]})

    response = post(client, run, "contact", changes)

    assert_refused(client, run, response, "contact", message)
    body = response.content.decode()
    for key, value in SCHOOL_ANSWERS["contact"].items():
        if key not in changes:
            assert f'value="{value}"' in body


def test_international_and_bracketed_phone_numbers_are_fine(client, run):
    answer(client, run, {"": SCHOOL_ANSWERS[""]})

    response = post(client, run, "contact", {"contact_phone": "+44 (0)1632 960-123"})

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("places", "message"),
    [
        ("0", "Number of pupils must be 1 or more"),
        ("-3", "Number of pupils must be 1 or more"),
        ("ten", "Enter the number of pupils as a whole number, like 12"),
        ("2.5", "Enter the number of pupils as a whole number, like 12"),
        ("9" * 10_000, "Enter the number of pupils as a whole number, like 12"),
        ("99999999999999999999", "A school can book up to 6 places on this run. Enter 6 or fewer."),
        ("7", "A school can book up to 6 places on this run. Enter 6 or fewer."),
    ],
)
def test_bad_pupil_numbers(client, run, places, message):
    answer(client, run, {slug: SCHOOL_ANSWERS[slug] for slug in ("", "contact")})

    response = post(client, run, "pupils", {"places": places, "additional_needs": "Quiet room"})

    assert_refused(client, run, response, "pupils", message)
    body = response.content.decode()
    assert "Quiet room</textarea>" in body
    assert 'value="9" checked' in body
    assert 'name="terms_accepted" type="checkbox" value="yes" checked' in body


def test_more_pupils_than_places_left_says_how_many_are_left(client, run, school_details):
    book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=6, details=school_details)
    answer(client, run, {slug: SCHOOL_ANSWERS[slug] for slug in ("", "contact")})

    response = post(client, run, "pupils", {"places": "5"})

    message = "There are only 4 places left on this run. Enter 4 or fewer"
    assert_refused(client, run, response, "pupils", message, bookings=1)


def test_places_taken_before_sending_sends_you_back_to_pupils(client, run, school_details):
    answer(client, run, SCHOOL_ANSWERS)
    key = submission_key(client, run)
    book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=6, details=school_details | {"school_name": "Other"})
    book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=3, details=school_details | {"school_name": "Third"})

    response = client.post(check_url(run), {"submission_key": key})

    assert response["Location"] == step_url(run, "pupils")
    page = client.get(step_url(run, "pupils")).content.decode()
    assert "There is only 1 place left on this run. Enter 1, or choose below how to wait for more" in page
    assert "Book 1 place now and put 3 on the waiting list" in page
    assert Booking.objects.filter(school_name="Westfield Academy").count() == 0


def test_full_run_accepts_pupils_up_to_the_cap_for_the_waiting_list(client, run, school_details):
    others = school_details | {"school_name": "Other school"}
    book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=6, details=others)
    book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=4, details=others)
    answer(client, run, {slug: SCHOOL_ANSWERS[slug] for slug in ("", "contact")})

    pupils_page = client.get(step_url(run, "pupils")).content.decode()
    answer(client, run, {"pupils": SCHOOL_ANSWERS["pupils"] | {"places": "6"}})
    check_page = client.get(check_url(run)).content.decode()
    client.post(check_url(run), {"submission_key": submission_key(client, run)})

    assert "This run is full. You can join the waiting list" in pupils_page
    assert "Sending it puts you on the waiting list." in check_page
    assert ">Join the waiting list</button>" in check_page
    waiting = Booking.objects.get(school_name="Westfield Academy")
    assert (waiting.status, waiting.places) == (BookingStatus.WAITLISTED, 6)


@pytest.mark.parametrize("year_groups", [["6"], ["14"], ["<b>"]])
def test_year_groups_outside_the_list(client, run, year_groups):
    answer(client, run, {slug: SCHOOL_ANSWERS[slug] for slug in ("", "contact")})

    response = post(client, run, "pupils", {"year_groups": year_groups})

    assert_refused(client, run, response, "pupils", "Select year groups from the list")


def test_additional_needs_over_2000_characters(client, run):
    answer(client, run, {slug: SCHOOL_ANSWERS[slug] for slug in ("", "contact")})

    response = post(client, run, "pupils", {"additional_needs": LONG})

    assert_refused(client, run, response, "pupils", "Additional needs must be 2,000 characters or fewer")
    assert 'name="places" type="text" inputmode="numeric" value="4"' in response.content.decode()


def test_hostile_text_is_kept_as_plain_text_and_escaped(client, run):
    answers = SCHOOL_ANSWERS | {
        "": {"school_name": f"{SCRIPT} Academy 📚", "school_urn": ""},
        "pupils": SCHOOL_ANSWERS["pupils"] | {"additional_needs": '<img src=x onerror="alert(1)">\nWheelchair 🦽'},
    }
    answer(client, run, answers)

    school_page = client.get(step_url(run)).content.decode()
    check_page = client.get(check_url(run)).content.decode()
    client.post(check_url(run), {"submission_key": submission_key(client, run)})

    for body in (school_page, check_page):
        assert SCRIPT not in body
        assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt; Academy 📚" in body
    assert "<img src=x" not in check_page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<br>Wheelchair 🦽" in check_page
    booking = Booking.objects.get()
    assert booking.school_name == f"{SCRIPT} Academy 📚"
    assert booking.additional_needs == '<img src=x onerror="alert(1)">\nWheelchair 🦽'


def test_hostile_input_in_every_field_is_refused_or_escaped(client, run):
    answer(client, run, {"": SCHOOL_ANSWERS[""]})
    hostile = {key: SCRIPT for key in SCHOOL_ANSWERS["contact"]}

    response = client.post(step_url(run, "contact"), hostile)

    body = response.content.decode()
    assert SCRIPT not in body
    assert set(response.context["form"].errors) == {"contact_email", "contact_phone"}
    assert Booking.objects.count() == 0
