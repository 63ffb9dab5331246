"""A number of places is a whole number from 1 to what the run allows (its per-school cap, else its capacity):
hostile numbers on the manage link and at the services get a clear error, never a server error, and never
a booking bigger than the run (PostgreSQL would refuse 2,147,483,648 in the column with a DataError; SQLite
would store it)."""

import pytest

from bookings import errors, services
from bookings.choices import BookingStatus
from bookings.models import Booking
from programmes.choices import BookingMode

pytestmark = pytest.mark.django_db

HOSTILE_PLACES = [
    "99999999999999999999",
    "9223372036854775808",
    "2147483648",
    "2147483647",
    "9" * 5_000,
    "-1",
    "0",
    "1e3",
    "²",
    "3\x00",
    "x" * 10_000,
]


def manage_places_url(token):
    return f"/bookings/manage/{token}/places/"


@pytest.fixture
def booked(make_run, school_details):
    run = make_run(capacity=10)
    return services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=4, details=school_details)


@pytest.mark.parametrize("places", HOSTILE_PLACES)
@pytest.mark.parametrize("status", [BookingStatus.CONFIRMED, BookingStatus.WAITLISTED])
def test_hostile_numbers_of_places_on_the_manage_link_get_a_clear_error(client, booked, places, status):
    booking, token = booked
    Booking.objects.filter(pk=booking.pk).update(status=status)

    response = client.post(manage_places_url(token), {"places": places})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    booking.refresh_from_db()
    assert booking.places == 4


@pytest.mark.parametrize("cap", [None, 6])
def test_more_places_than_the_run_allows_are_refused_even_on_the_waiting_list(client, make_run, school_details, cap):
    run = make_run(capacity=10, per_school_cap=cap)
    for places in (6, 4) if cap else (10,):
        services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=places, details=school_details)
    waiting, token = services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)
    assert waiting.status == BookingStatus.WAITLISTED
    most = cap or 10

    response = client.post(manage_places_url(token), {"places": str(most + 1)})

    assert f"A school can book up to {most} places on this run. Enter {most} or fewer." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.places == 2
    assert client.post(manage_places_url(token), {"places": str(most)}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.places == most


def test_change_places_refuses_more_places_than_the_run_has(make_run, school_details):
    run = make_run(capacity=10)
    services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=10, details=school_details)
    waiting, _ = services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)

    with pytest.raises(errors.MorePlacesThanRun) as refused:
        services.change_places(booking_id=waiting.pk, places=2_147_483_648)

    assert refused.value.message == "This run has 10 places. Enter 10 or fewer."

    waiting.refresh_from_db()
    assert waiting.places == 2


@pytest.mark.parametrize("places", [11, 2_147_483_648, 10**20])
def test_book_places_refuses_more_places_than_the_run_has(make_run, school_details, places):
    run = make_run(capacity=10)
    with pytest.raises(errors.MorePlacesThanRun):
        services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=places, details=school_details)
    assert not Booking.objects.exists()


def test_the_school_cap_is_still_said_first(make_run, school_details):
    run = make_run(capacity=10, per_school_cap=4)
    with pytest.raises(errors.OverSchoolCap):
        services.book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=11, details=school_details)
