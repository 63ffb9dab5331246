"""The hourly limit on reports holds when many reports from one address are sent at the same moment."""

import pytest
from django.test import Client

from directory.referrals.models import Referral
from tests.support import accepted_up_to, post_at_once, shared_cache, twin_of

from .report_steps import CHECK_URL, CONFIRMATION_URL, answer, kept_answers, named_answers, submission_key

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 5
SESSIONS = 24


@pytest.fixture(params=["locmem", "redis"])
def shared(request, settings, home_page):
    settings.REPORT_MIN_SECONDS = 0
    settings.REPORT_RATE_LIMIT = LIMIT
    with shared_cache(request.param):
        yield


def ready_to_send(area):
    """A session with every answer given: the POST that sends it."""
    client = Client()
    answer(client, named_answers(area))
    return client, CHECK_URL, {"submission_key": submission_key(client)}


def test_of_many_reports_sent_at_once_exactly_the_limit_are_made(shared, area):
    posts = [ready_to_send(area) for _ in range(SESSIONS)]

    responses = post_at_once(posts)

    refused = accepted_up_to(LIMIT, posts, responses)
    assert Referral.objects.count() == LIMIT
    for client, response in refused:
        assert "too many reports from your connection" in response.content.decode()
        assert kept_answers(client)["what"] == {"report_type": ["noise"]}


def test_a_double_click_takes_one_of_the_hour_s_reports(shared, area, settings):
    settings.REPORT_RATE_LIMIT = 2
    client, url, data = ready_to_send(area)

    responses = post_at_once([(client, url, data), (twin_of(client), url, data)])
    another, _url, another_data = ready_to_send(area)

    assert [response["Location"] for response in responses] == [CONFIRMATION_URL, CONFIRMATION_URL]
    assert another.post(url, another_data)["Location"] == CONFIRMATION_URL
    assert Referral.objects.count() == 2
