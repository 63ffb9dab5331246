"""A database that is locked or unreachable while someone books or changes a booking: 503, "try again", and
the answers come back in the page."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError

from bookings.models import Booking
from bookings.services import book_places
from programmes.choices import BookingMode

from .test_public_flow import SCHOOL_ANSWERS, answer, check_url, kept_answers, submission_key

HIDDEN = '<input type="hidden" name="{}" value="{}">'


@pytest.fixture
def run(make_run):
    return make_run(capacity=10, per_school_cap=8)


def test_booking_while_the_database_is_locked_answers_503_and_keeps_the_answers(client, run):
    answer(client, run, SCHOOL_ANSWERS)
    key = submission_key(client, run)
    before = kept_answers(client, run)

    with mock.patch("bookings.public.views.book_places", side_effect=OperationalError("database is locked")):
        response = client.post(check_url(run), {"submission_key": key})

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "5" and "no-store" in response["Cache-Control"]
    assert f'<form method="post" action="{check_url(run)}" novalidate>' in page
    assert HIDDEN.format("submission_key", key) in page
    assert kept_answers(client, run) == before
    assert not Booking.objects.exists()

    again = client.post(check_url(run), {"submission_key": key})

    assert again["Location"] == "/book/confirmation/"
    assert Booking.objects.count() == 1


def test_changing_places_while_the_database_is_unreachable_answers_503_with_the_number(
    client, run, school_details, caplog
):
    booking, token = book_places(run_id=run.pk, kind=BookingMode.SCHOOL, places=4, details=school_details)
    url = f"/bookings/manage/{token}/places/"

    gone = InterfaceError("connection already closed")
    with mock.patch("bookings.public.views.change_places", side_effect=gone):
        response = client.post(url, {"places": "6"})

    page = response.content.decode()
    assert response.status_code == 503
    assert f'<form method="post" action="{url}" novalidate>' in page
    assert HIDDEN.format("places", "6") in page
    booking.refresh_from_db()
    assert booking.places == 4
    assert "Database unavailable in bookings:manage_places" in caplog.text
    assert token not in caplog.text, "the private link is never logged"
