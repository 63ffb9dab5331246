"""A database that is locked or unreachable while a resident reports: 503, "try again", and nothing typed is lost."""

import sqlite3
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from directory.referrals.models import Referral

from .report_steps import CHECK_URL, CONFIRMATION_URL, answer, kept_answers, named_answers, step_url, submission_key

HIDDEN = '<input type="hidden" name="{}" value="{}">'


@pytest.fixture(autouse=True)
def _no_minimum_time(settings, home_page):
    settings.REPORT_MIN_SECONDS = 0


def test_sending_while_the_database_is_locked_answers_503_and_keeps_the_answers(client, area):
    answer(client, named_answers(area))
    key = submission_key(client)
    before = kept_answers(client)

    locked = OperationalError("database is locked")
    with mock.patch("directory.referrals.public.views.submit_report", side_effect=locked):
        response = client.post(CHECK_URL, {"submission_key": key})

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "5" and "no-store" in response["Cache-Control"]
    assert "Sorry, the service is busy" in page and "Your answers are kept on this page" in page
    assert f'<form method="post" action="{CHECK_URL}" novalidate>' in page
    assert HIDDEN.format("submission_key", key) in page
    assert 'name="csrfmiddlewaretoken"' in page and ">Try again</button>" in page
    assert kept_answers(client) == before
    assert not Referral.objects.exists()

    again = client.post(CHECK_URL, {"submission_key": key})

    assert again["Location"] == CONFIRMATION_URL
    assert Referral.objects.count() == 1


@pytest.fixture
def lock_database_writes():
    """Another connection takes the database's write lock (SQLite) or locks the session table (PostgreSQL) and
    holds it until the test ends, as a stuck transaction or a long migration would."""
    holders = []

    def lock():
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            holder = sqlite3.connect(settings["NAME"], isolation_level=None, check_same_thread=False)
            holder.execute("BEGIN IMMEDIATE")
        else:
            import psycopg

            holder = psycopg.connect(
                dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"] or None
            )
            holder.execute("LOCK TABLE django_session IN EXCLUSIVE MODE")
        holders.append(holder)

    yield lock
    for holder in holders:
        holder.rollback()
        holder.close()


@pytest.mark.django_db(transaction=True)
def test_a_question_answered_while_the_database_is_locked_comes_back_in_the_page(area, lock_database_writes):
    client = Client(raise_request_exception=False)
    answers = named_answers(area)
    earlier = {name: answers[name] for name in ("what", "aimed-at-you", "where", "when")}
    answer(client, earlier)
    before = kept_answers(client)
    typed = {
        "description": 'They shout "get lost" & throw <bottles>',
        "people_involved": "Four adults",
        "impact": "",
    }
    lock_database_writes()

    response = client.post(step_url("what-happened"), typed)

    page = response.content.decode()
    assert response.status_code == 503
    assert HIDDEN.format("description", "They shout &quot;get lost&quot; &amp; throw &lt;bottles&gt;") in page
    assert HIDDEN.format("people_involved", "Four adults") in page
    assert f'action="{step_url("what-happened")}"' in page
    assert kept_answers(client) == before
