"""The hourly limit on bookings holds when many bookings from one address are posted at the same moment."""

import pytest
from django.test import Client

from bookings.models import Booking
from tests.support import accepted_up_to, post_at_once, shared_cache, twin_of

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

    refused = accepted_up_to(LIMIT, posts, responses)
    assert Booking.objects.count() == LIMIT
    for client, response in refused:
        assert "too many bookings" in response.content.decode()
        assert kept_answers(client, run)["school"]["school_name"] == ["Westfield Academy"]


def test_a_double_click_takes_one_of_the_hour_s_bookings(shared, make_run, settings):
    settings.BOOKING_RATE_LIMIT = 2
    run = make_run(capacity=500)
    client, url, data = ready_to_book(run)

    responses = post_at_once([(client, url, data), (twin_of(client), url, data)])
    another, _url, another_data = ready_to_book(run)

    assert [response["Location"] for response in responses] == ["/book/confirmation/"] * 2
    assert another.post(url, another_data)["Location"] == "/book/confirmation/"
    assert Booking.objects.count() == 2
