"""The public side of the waiting list: asking for more places than are left (book the rest now and wait, or wait
for all, on the same page), the manage page's place on the list, a request waiting for the allocation, and an offer
that ran out."""

import html
from datetime import timedelta

import pytest

from bookings import services, waiting
from bookings.choices import BookingStatus
from bookings.models import Booking
from programmes.choices import Allocation as AllocationMethod
from programmes.choices import BookingMode

from .test_public_flow import SCHOOL_ANSWERS, answer, check_url, step_url, submission_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(make_run, school_details):
    run = make_run(capacity=10, per_school_cap=8)
    others = school_details | {"school_name": "Harbour School"}
    services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=5, details=others)
    return run


def ask_for_six(client, run, **choice):
    answer(client, run, {slug: SCHOOL_ANSWERS[slug] for slug in ("", "contact")})
    return client.post(step_url(run, "pupils"), SCHOOL_ANSWERS["pupils"] | {"places": "6"} | choice)


def manage_url(token):
    return f"/bookings/manage/{token}/"


def test_asking_for_more_than_is_left_says_enter_5_or_fewer_and_offers_the_choice(client, run):
    response = ask_for_six(client, run)

    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There are only 5 places left on this run. Enter 5 or fewer, or choose below how to wait" in body
    assert "Book 5 places now and put 1 on the waiting list" in body
    assert "Join the waiting list for all 6 places" in body
    assert 'name="when_full" type="radio" value="split"' in body
    assert Booking.objects.count() == 1


def test_booking_5_now_and_waiting_for_1(client, run):
    assert ask_for_six(client, run, when_full="split")["Location"] == check_url(run)
    check_page = html.unescape(client.get(check_url(run)).content.decode())

    response = client.post(check_url(run), {"submission_key": submission_key(client, run)})

    assert "Book 5 places now and put 1 on the waiting list" in check_page
    assert response["Location"] == "/book/confirmation/"
    held = Booking.objects.get(school_name="Westfield Academy", status=BookingStatus.CONFIRMED, places=5)
    part = Booking.objects.get(split_from=held)
    assert (part.places, part.status) == (1, BookingStatus.WAITLISTED)
    assert run.bookings.places_held() == 10
    confirmation = client.get("/book/confirmation/").content.decode()
    assert f"You also asked for 1 more place. It is on the waiting list as booking {part.reference}" in confirmation


def test_joining_the_waiting_list_for_all_6(client, run):
    ask_for_six(client, run, when_full="wait_all")

    client.post(check_url(run), {"submission_key": submission_key(client, run)})

    booking = Booking.objects.get(school_name="Westfield Academy", places=6)
    assert booking.status == BookingStatus.WAITLISTED
    assert not booking.waiting_parts.exists()


@pytest.mark.parametrize("choice", ["<script>", "x" * 10_000, "split\u00a0"])
def test_a_made_up_choice_is_refused(client, run, choice):
    response = ask_for_six(client, run, when_full=choice)

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert Booking.objects.count() == 1


def test_the_choice_is_not_asked_when_the_places_fit(client, run):
    response = answer(client, run, SCHOOL_ANSWERS | {"pupils": SCHOOL_ANSWERS["pupils"] | {"when_full": "split"}})

    assert response["Location"] == check_url(run)
    client.post(check_url(run), {"submission_key": submission_key(client, run)})
    booking = Booking.objects.get(school_name="Westfield Academy", places=4)
    assert booking.status == BookingStatus.CONFIRMED and not booking.waiting_parts.exists()


def test_the_manage_page_says_where_a_waiting_booking_stands(client, make_run, school_details, now):
    run = make_run(capacity=2)
    services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details, now=now)
    services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=1, details=school_details, now=now)
    _second, token = services.book_places(
        run_id=run.pk, kind=BookingMode.SCHOOL, places=1, details=school_details, now=now + timedelta(seconds=1)
    )

    body = client.get(manage_url(token)).content.decode()

    assert "Your booking is 2nd on the waiting list for this cohort." in body


def test_the_held_bookings_page_shows_its_waiting_part(client, run, school_details):
    held, token = waiting.book_part_and_wait(run_id=run.pk, places=5, waiting_places=1, details=school_details)
    part = held.waiting_parts.get()

    body = client.get(manage_url(token)).content.decode()

    assert f"You also asked for 1 more place. It is booking {part.reference}, 1st on the waiting list" in body


def test_a_request_waiting_for_the_allocation_says_so(client, make_run, school_details):
    run = make_run(allocation=AllocationMethod.AFTER_WINDOW)
    _booking, token = services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=3, details=school_details)

    body = client.get(manage_url(token)).content.decode()

    assert "Requested: places are allocated after booking closes" in body
    assert "Everyone is told at the same time" in body
    assert 'name="places"' in body, "a request can still change its places"


def test_an_expired_offer_says_the_booking_is_closed(client, make_run, school_details, now):
    run = make_run(capacity=2)
    holder, _ = services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)
    _offered, token = services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)
    services.cancel_booking(booking_id=holder.pk, now=now)
    services.expire_offers(now=now + timedelta(days=3))

    body = client.get(manage_url(token)).content.decode()

    assert "Offer not accepted in time" in body
    assert "The offer was not accepted by then, so this booking is closed." in body
    assert "Accept the place" not in body and "Cancel booking" not in body


def test_the_programme_page_says_places_are_allocated_not_first_come(client, make_run):
    allocating = make_run(allocation=AllocationMethod.AFTER_WINDOW)
    first_come = make_run()

    assert "not first come, first served" in client.get(allocating.programme.url).content.decode()
    assert "not first come, first served" not in client.get(first_come.programme.url).content.decode()
