"""A double-clicked "Send report" from a reporter without an email: the status link is shown only on the
confirmation, so whichever of the two POSTs saves the session last, the confirmation must show it.

The two POSTs share one session cookie. Both read the session before either saves it; the service makes one
referral and answers the other POST with it (and no new token); the test then decides which POST saves its
session last, so both orders are proved on every run, on SQLite and on PostgreSQL.
"""

import re
import threading
from unittest import mock

import pytest
from django.db import connections
from django.test import Client

from directory.referrals import services
from directory.referrals.models import Referral
from directory.referrals.public import views as report_views
from directory.referrals.public.journey import CONFIRMATION_KEY
from tests.factories.hubs import the_default_hub
from tests.support import twin_of

from ..test_services import partner_details
from .report_steps import (
    CHECK_URL,
    CONFIRMATION_URL,
    anonymous_answers,
    answer,
    named_answers,
    sent_twice_at_once,
    submission_key,
)

STATUS_PATH = re.compile(r"http://testserver(/report/status/[A-Za-z0-9_-]{20,}/)")


@pytest.fixture(autouse=True)
def _no_minimum_time(settings, home_page):
    settings.REPORT_MIN_SECONDS = 0


def shown_link(client):
    """The status link the confirmation page shows (None if it shows none)."""
    response = client.get(CONFIRMATION_URL)
    assert response.status_code == 200
    found = STATUS_PATH.search(response.content.decode())
    return found.group(1) if found else None


def assert_link_works(link, referral):
    response = Client().get(link)
    assert response.status_code == 200
    assert referral.reference in response.content.decode()


def saved_token(client):
    """The status token the session, as last saved, holds for the confirmation page."""
    return client.session.get(CONFIRMATION_KEY, {}).get("token")


def test_a_second_post_after_the_first_finished_shows_the_link(client, area):
    answer(client, anonymous_answers(area))
    key = submission_key(client)

    first = client.post(CHECK_URL, {"submission_key": key})
    second = client.post(CHECK_URL, {"submission_key": key})

    assert first["Location"] == second["Location"] == CONFIRMATION_URL
    link = shown_link(client)
    assert link, "the confirmation after the repeated POST shows the status link"
    assert_link_works(link, Referral.objects.get())
    assert shown_link(client) is None, "and still only once"


def test_a_repeat_after_the_link_was_shown_does_not_show_it_again(client, area):
    answer(client, anonymous_answers(area))
    key = submission_key(client)
    client.post(CHECK_URL, {"submission_key": key})
    assert shown_link(client)

    again = client.post(CHECK_URL, {"submission_key": key})

    assert again["Location"] == CONFIRMATION_URL
    assert shown_link(client) is None
    assert Referral.objects.count() == 1


def double_click(client, key, *, saves_last):
    """Two concurrent POSTs of the same form with one session cookie. ``saves_last`` ("creator" or "repeat")
    is the POST whose session is saved second. Returns the responses and the token each saved session held."""
    both_read_the_session = threading.Barrier(2)
    first_saved = threading.Event()
    roles, responses, tokens, errors = {}, {}, {}, []
    submit_report = report_views.submit_report

    def paced_submit(**kwargs):
        both_read_the_session.wait(timeout=30)
        referral, token = submit_report(**kwargs)
        role = roles[threading.current_thread().name] = "creator" if token else "repeat"
        if role == saves_last:
            assert first_saved.wait(timeout=30)
        return referral, token

    def post():
        name = threading.current_thread().name
        twin = twin_of(client)
        try:
            responses[name] = twin.post(CHECK_URL, {"submission_key": key})
            tokens[roles[name]] = saved_token(twin)
            if roles[name] != saves_last:
                first_saved.set()
        except Exception as error:  # surfaced by the assertion below, not lost in the thread
            errors.append(error)
            first_saved.set()
        finally:
            connections.close_all()

    with mock.patch.object(report_views, "submit_report", paced_submit):
        threads = [threading.Thread(target=post, name=f"post-{index}") for index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
    assert not errors, errors
    return list(responses.values()), tokens


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("saves_last", ["creator", "repeat"])
def test_two_posts_at_once_both_lead_to_the_same_working_link(client, area, saves_last):
    answer(client, anonymous_answers(area))
    key = submission_key(client)

    responses, tokens = double_click(client, key, saves_last=saves_last)

    referral = Referral.objects.get()
    assert [response["Location"] for response in responses] == [CONFIRMATION_URL, CONFIRMATION_URL]
    assert tokens["creator"] and tokens["creator"] == tokens["repeat"], "each response's session holds the link"
    link = shown_link(client)
    assert link == f"/report/status/{tokens['creator']}/"
    assert_link_works(link, referral)


@pytest.mark.django_db(transaction=True)
def test_two_posts_racing_unpaced_show_the_link(client, area):
    """The same double click with no pacing at all: whatever order the threads take, one working link."""
    answer(client, anonymous_answers(area))

    responses = sent_twice_at_once(client)

    assert [response["Location"] for response in responses] == [CONFIRMATION_URL, CONFIRMATION_URL]
    link = shown_link(client)
    assert link
    assert_link_works(link, Referral.objects.get())


@pytest.mark.django_db(transaction=True)
def test_two_posts_at_once_from_a_reporter_with_an_email_show_no_link(client, area):
    answer(client, named_answers(area))
    key = submission_key(client)

    responses, tokens = double_click(client, key, saves_last="repeat")

    assert [response["Location"] for response in responses] == [CONFIRMATION_URL, CONFIRMATION_URL]
    assert tokens == {"creator": None, "repeat": None}, "the link goes by email only"
    assert shown_link(client) is None
    assert Referral.objects.count() == 1


@pytest.mark.django_db
def test_only_the_submission_that_made_a_report_derives_its_token_again(report_details, partner, agency):
    referral, token = services.submit_report(
        hub=the_default_hub(), details=report_details(reporter_anonymous=True), submission_key="k1"
    )
    made_by_partner, _ = services.submit_partner_referral(
        hub=the_default_hub(),
        user=partner,
        organisation_id=agency.pk,
        details=partner_details(),
        submission_key="partner:1:k1",
    )

    assert referral.status_token_again("k1") == token
    assert referral.status_token_again("k2") is None and referral.status_token_again("") is None
    assert made_by_partner.status_token_again("partner:1:k1") is None, "partner referrals keep a random token"
