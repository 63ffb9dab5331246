"""16 and 17-year-olds register themselves (issue 14): a parent or guardian is optional unless the run requires one;
the consent rules under 16 stay as they are."""

import pytest

from bookings.models import Booking
from programmes.choices import BookingMode
from programmes.models import ProgrammePage, Run

from .test_public_flow import answer, book, participant_answers, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(make_run):
    run = make_run(booking_mode=BookingMode.PARTICIPANT, capacity=5)
    ProgrammePage.objects.filter(pk=run.programme_id).update(min_age=12, max_age=17)
    return run


def own_contact(answers):
    answers["guardian"] = {"contact_name": "", "contact_email": "alex@example.org", "contact_phone": "07700 900111"}
    return answers


@pytest.mark.parametrize("age", [16, 17])
def test_a_16_or_17_year_old_registers_with_their_own_contact_details(client, run, age):
    answers = own_contact(participant_answers(run, age=age))
    answer(client, run, {"": answers[""]})

    page = client.get(step_url(run, "guardian")).content.decode()
    assert "Your contact details" in page
    assert (
        "Parent or guardian&#x27;s full name (optional)" in page or "Parent or guardian's full name (optional)" in page
    )
    assert "guardian_consent" not in page

    book(client, run, answers)

    booking = Booking.objects.get()
    assert (booking.contact_name, booking.contact_email) == ("Alex Young", "alex@example.org")
    assert booking.guardian_consent is False


def test_a_parents_name_is_kept_when_given(client, run):
    answers = participant_answers(run, age=16)
    del answers["guardian"]["guardian_consent"]
    book(client, run, answers)
    assert Booking.objects.get().contact_name == "Jo Parent"


def test_a_run_can_require_a_guardian_for_16_and_17_year_olds(client, run):
    Run.objects.filter(pk=run.pk).update(guardian_required_over_16=True)
    answers = own_contact(participant_answers(run, age=17))
    answer(client, run, {"": answers[""]})

    page = client.get(step_url(run, "guardian")).content.decode()
    response = client.post(step_url(run, "guardian"), answers["guardian"])

    assert "needs a parent or guardian&#x27;s details" in page or "needs a parent or guardian's details" in page
    assert response.status_code == 200
    assert "Enter the parent or guardian&#x27;s full name" in response.content.decode()


def test_under_16_still_needs_a_parent_and_their_consent(client, run):
    answers = own_contact(participant_answers(run, age=15))
    answer(client, run, {"": answers[""]})

    response = client.post(step_url(run, "guardian"), answers["guardian"])

    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter the parent or guardian&#x27;s full name" in body
    assert "A parent or guardian must agree for a young person under 16 to take part" in body
