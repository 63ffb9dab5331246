"""Managing a booking by its private link: see it, change places, cancel, accept an offer."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from bookings.choices import BookingStatus
from bookings.models import Booking
from bookings.services import book_places, cancel_booking
from portal.models import OutboundEmail
from programmes.choices import BookingMode

PARTICIPANT_DETAILS = {
    "contact_name": "Jo Parent",
    "contact_email": "jo@example.org",
    "contact_phone": "07700 900982",
    "participant_name": "Alex Young",
    "guardian_consent": True,
    "emergency_contact_name": "Chris Aunt",
    "emergency_contact_phone": "07700 900123",
    "medical_needs": "Asthma: carries an inhaler",
    "dietary_needs": "Halal",
    "access_needs": "Hearing loop",
}


@pytest.fixture
def run(make_run):
    return make_run(capacity=10, per_school_cap=8)


@pytest.fixture
def booked(run, school_details):
    return book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=4, details=school_details)


def manage_url(token, action=""):
    return f"/bookings/manage/{token}/" + (f"{action}/" if action else "")


def offered(booking, *, expires_in):
    token = booking.set_manage_token()
    booking.status = BookingStatus.OFFERED
    booking.offer_expires_at = timezone.now() + expires_in
    booking.save()
    return token


def test_private_link_shows_the_booking(client, run, booked):
    booking, token = booked

    response = client.get(manage_url(token))

    body = response.content.decode()
    assert response.status_code == 200
    assert booking.reference in body
    assert run.programme.title in body
    assert run.title in body
    assert "Westfield Community Centre" in body
    assert "Confirmed" in body
    assert 'name="places" type="text" inputmode="numeric" value="4"' in body
    assert "You can have up to 8 places." in body
    assert manage_url(token, "cancel") in body


def test_participant_booking_page_hides_health_details_and_places_form(client, make_run):
    run = make_run(booking_mode=BookingMode.PARTICIPANT)
    booking, token = book_places(run_id=run.pk, kind=BookingMode.PARTICIPANT, places=1, details=PARTICIPANT_DETAILS)

    body = client.get(manage_url(token)).content.decode()

    assert booking.reference in body
    for private in ("Asthma", "Halal", "Hearing loop", "Chris Aunt", "07700 900123"):
        assert private not in body
    assert 'name="places"' not in body


def test_participant_booking_cannot_change_places(client, make_run):
    run = make_run(booking_mode=BookingMode.PARTICIPANT)
    booking, token = book_places(run_id=run.pk, kind=BookingMode.PARTICIPANT, places=1, details=PARTICIPANT_DETAILS)

    response = client.post(manage_url(token, "places"), {"places": "3"})

    assert "A registration is for one young person and cannot change places" in response.content.decode()
    booking.refresh_from_db()
    assert booking.places == 1


@pytest.mark.parametrize(
    "token", ["forged-token", "A" * 43, "x" * 500, "%3Cscript%3E"], ids=["forged", "well-formed", "huge", "hostile"]
)
def test_forged_token_is_not_found_with_help(client, booked, token):
    response = client.get(manage_url(token))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"


def test_forged_token_cannot_act(client, booked):
    booking, _token = booked

    for action, data in (("places", {"places": "2"}), ("cancel", {"confirm": "yes"}), ("accept", {})):
        assert client.post(manage_url("forged-token", action), data).status_code == 404

    booking.refresh_from_db()
    assert (booking.places, booking.status) == (4, BookingStatus.CONFIRMED)


def test_reduce_places(client, booked):
    booking, token = booked

    response = client.post(manage_url(token, "places"), {"places": "2"})

    assert response["Location"] == manage_url(token)
    booking.refresh_from_db()
    assert booking.places == 2
    assert "Your booking now has 2 places." in client.get(manage_url(token)).content.decode()


def test_increase_within_what_is_free(client, booked):
    booking, token = booked

    client.post(manage_url(token, "places"), {"places": "8"})

    booking.refresh_from_db()
    assert booking.places == 8


def test_increase_beyond_what_is_free_is_an_error(client, run, booked, school_details):
    booking, token = booked
    book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=5, details=school_details)

    response = client.post(manage_url(token, "places"), {"places": "6"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "There are not enough free places for that. You can have up to 5 places." in body
    assert 'value="6"' in body
    booking.refresh_from_db()
    assert booking.places == 4


@pytest.mark.parametrize(
    ("places", "message"),
    [
        ("", "Enter the number of places"),
        ("0", "Number of places must be 1 or more"),
        ("-1", "Number of places must be 1 or more"),
        ("lots", "Enter the number of places as a whole number, like 8"),
        ("9", "A school can book up to 8 places on this run. Enter 8 or fewer."),
        ("4", "Enter a different number from the 4 places you have now"),
    ],
)
def test_bad_place_changes_are_errors(client, booked, places, message):
    booking, token = booked

    response = client.post(manage_url(token, "places"), {"places": places})

    assert response.status_code == 200
    assert message in response.content.decode()
    booking.refresh_from_db()
    assert booking.places == 4


def test_cancel_asks_first(client, booked):
    booking, token = booked

    question = client.get(manage_url(token, "cancel"))
    unanswered = client.post(manage_url(token, "cancel"), {})
    kept = client.post(manage_url(token, "cancel"), {"confirm": "no"})

    assert "Are you sure you want to cancel this booking?" in question.content.decode()
    assert "Select yes if you want to cancel this booking" in unanswered.content.decode()
    assert kept["Location"] == manage_url(token)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_cancel(client, booked):
    booking, token = booked

    response = client.post(manage_url(token, "cancel"), {"confirm": "yes"})

    assert response["Location"] == manage_url(token)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    page = client.get(manage_url(token)).content.decode()
    assert "Your booking has been cancelled." in page
    assert manage_url(token, "cancel") not in page
    assert client.get(manage_url(token, "cancel"))["Location"] == manage_url(token)


def test_accept_an_offered_place(client, booked):
    booking, _token = booked
    token = offered(booking, expires_in=timedelta(hours=5))

    page = client.get(manage_url(token)).content.decode()
    response = client.post(manage_url(token, "accept"))

    assert "Accept the place" in page
    assert "We are holding them for you until" in page
    assert response["Location"] == manage_url(token)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert "You have accepted the place." in client.get(manage_url(token)).content.decode()


def test_expired_offer_says_so(client, booked):
    booking, _token = booked
    token = offered(booking, expires_in=timedelta(minutes=-5))

    page = client.get(manage_url(token)).content.decode()
    response = client.post(manage_url(token, "accept"))

    assert "This offer expired at" in page
    assert "Accept the place" not in page
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "This offer has expired, so the places are no longer held for you." in body
    booking.refresh_from_db()
    assert booking.status == BookingStatus.OFFER_EXPIRED


def test_accepting_when_nothing_is_offered_is_an_error(client, booked):
    booking, token = booked

    response = client.post(manage_url(token, "accept"))

    assert "That cannot be done to a booking in its current state." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_another_bookings_token_cannot_act_on_this_booking(client, run, booked, school_details):
    booking, _token = booked
    other, other_token = book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)

    client.post(manage_url(other_token, "places"), {"places": "1", "booking": booking.pk, "booking_id": booking.pk})
    client.post(manage_url(other_token, "cancel"), {"confirm": "yes", "booking": booking.pk})

    booking.refresh_from_db()
    other.refresh_from_db()
    assert (booking.places, booking.status) == (4, BookingStatus.CONFIRMED)
    assert (other.places, other.status) == (1, BookingStatus.CANCELLED)
    assert booking.reference not in client.get(manage_url(other_token)).content.decode()


def test_the_first_link_keeps_working_once_a_place_is_offered(client, run, school_details):
    """The reported case: a waiting school's link said "This link does not work" once it was offered a place."""
    holder, _ = book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=8, details=school_details)
    waiting, first_token = book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=4, details=school_details)
    assert waiting.status == BookingStatus.WAITLISTED
    cancel_booking(booking_id=holder.pk)

    page = client.get(manage_url(first_token))
    response = client.post(manage_url(first_token, "accept"))

    assert page.status_code == 200
    assert "4 places are offered to you" in page.content.decode()
    assert response["Location"] == manage_url(first_token)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.CONFIRMED


def test_the_offer_emails_link_works_too(client, run, school_details):
    holder, _ = book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=8, details=school_details)
    waiting, _first = book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=4, details=school_details)
    cancel_booking(booking_id=holder.pk)

    offer_email = OutboundEmail.objects.filter(subject__startswith="A place is free for you").get()
    offer_link = re.search(r"/bookings/manage/([^/\s]+)/", offer_email.body).group(1)

    assert "4 places are offered to you" in client.get(manage_url(offer_link)).content.decode()
    assert client.post(manage_url(offer_link, "accept"))["Location"] == manage_url(offer_link)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.CONFIRMED


def test_every_manage_response_is_private(client, booked):
    _booking, token = booked
    responses = [
        client.get(manage_url(token)),
        client.get(manage_url(token, "cancel")),
        client.post(manage_url(token, "places"), {"places": "x"}),
        client.post(manage_url(token, "places"), {"places": "3"}),
        client.post(manage_url(token, "accept")),
        client.post(manage_url(token, "cancel"), {}),
        client.post(manage_url(token, "cancel"), {"confirm": "yes"}),
        client.get(manage_url(token)),
        client.get(manage_url("nope")),
    ]

    for response in responses:
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "strict-origin"


def test_manage_actions_are_post_only_and_need_csrf(booked):
    booking, token = booked
    client = Client(enforce_csrf_checks=True)

    assert client.get(manage_url(token, "accept")).status_code == 405
    assert client.get(manage_url(token, "places")).status_code == 405
    assert client.post(manage_url(token, "cancel"), {"confirm": "yes"}).status_code == 403
    assert client.post(manage_url(token, "places"), {"places": "2"}).status_code == 403
    booking.refresh_from_db()
    assert (booking.places, booking.status) == (4, BookingStatus.CONFIRMED)


def test_anonymised_booking_link_no_longer_works(client, booked):
    booking, token = booked
    Booking.objects.filter(pk=booking.pk).update(anonymised_at=timezone.now())

    assert client.get(manage_url(token)).status_code == 404


def test_manage_page_query_budget(client, booked, django_assert_max_num_queries):
    _booking, token = booked

    with django_assert_max_num_queries(15):
        assert client.get(manage_url(token)).status_code == 200
