"""The hourly limit on bookings holds when many bookings from one address are posted at the same moment."""

import pytest
from django.test import Client

from bookings.models import Booking
from tests.support import post_at_once, shared_cache

from .test_public_flow import SCHOOL_ANSWERS, answer, check_url, kept_answers, submission_key

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 4
SESSIONS = 20


@pytest.fixture(params=["locmem", "redis"])
def shared(request, settings):
    settings.BOOKING_RATE_LIMIT = LIMIT
    with shared_cache(request.param):
        yield


def ready_to_book(run):
    """A session with every answer given: the POST that books."""
    client = Client()
    answer(client, run, SCHOOL_ANSWERS)
    return client, check_url(run), {"submission_key": submission_key(client, run)}


def test_of_many_bookings_posted_at_once_exactly_the_limit_are_made(shared, make_run):
    run = make_run(capacity=500)
    posts = [ready_to_book(run) for _ in range(SESSIONS)]

    responses = post_at_once(posts)

    statuses = [response.status_code for response in responses]
    refused = [
        (post[0], response) for post, response in zip(posts, responses, strict=True) if response.status_code != 302
    ]
    assert statuses.count(302) == LIMIT and statuses.count(429) == SESSIONS - LIMIT, statuses
    assert Booking.objects.count() == LIMIT
    for client, response in refused:
        assert "too many bookings" in response.content.decode()
        assert kept_answers(client, run)["school"]["school_name"] == ["Westfield Academy"]


def test_a_double_click_takes_one_of_the_hour_s_bookings(shared, make_run, settings):
    settings.BOOKING_RATE_LIMIT = 2
    run = make_run(capacity=500)
    client, url, data = ready_to_book(run)
    twin = Client()
    twin.cookies = client.cookies

    responses = post_at_once([(client, url, data), (twin, url, data)])
    another, _url, another_data = ready_to_book(run)

    assert [response["Location"] for response in responses] == ["/book/confirmation/"] * 2
    assert another.post(url, another_data)["Location"] == "/book/confirmation/"
    assert Booking.objects.count() == 2
