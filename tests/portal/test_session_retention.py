"""Expired sessions, which hold the answers of unfinished bookings and reports, are deleted by apply_retention,
with a controlled clock, for both session engines the project uses (``db``; ``cached_db`` with Redis)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client

from portal.retention import apply_retention
from portal.sessions import delete_expired_sessions

pytestmark = pytest.mark.django_db

ENGINES = ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"]


@pytest.fixture(params=ENGINES, ids=["db", "cached_db"])
def engine(request, settings):
    settings.SESSION_ENGINE = request.param
    return request.param


def session_with_report_answers():
    """A resident who answered the first question of a report and left: their session row."""
    client = Client()
    assert client.post("/report/what/", {"report_type": "street_drinking"}).status_code == 302
    row = Session.objects.get(session_key=client.session.session_key)
    assert "report:journey" in row.get_decoded()
    return row


def test_a_session_goes_once_it_has_expired_and_not_before(engine):
    row = session_with_report_answers()

    assert delete_expired_sessions(now=row.expire_date - timedelta(minutes=1)) == 0
    assert Session.objects.filter(pk=row.pk).exists()

    assert delete_expired_sessions(now=row.expire_date + timedelta(seconds=1)) == 1
    assert not Session.objects.filter(pk=row.pk).exists()
    assert delete_expired_sessions(now=row.expire_date + timedelta(days=1)) == 0, "idempotent"


def test_only_expired_sessions_go(engine):
    old, recent = session_with_report_answers(), session_with_report_answers()
    Session.objects.filter(pk=recent.pk).update(expire_date=old.expire_date + timedelta(hours=2))

    assert delete_expired_sessions(now=old.expire_date + timedelta(hours=1)) == 1

    assert list(Session.objects.values_list("pk", flat=True)) == [recent.pk]


def test_apply_retention_deletes_expired_sessions(engine):
    row = session_with_report_answers()

    results = dict(apply_retention(now=row.expire_date + timedelta(seconds=1)))

    assert results["expired sessions deleted"] == 1
    assert not Session.objects.exists()


def test_the_command_reports_the_sessions_it_deleted(capsys):
    row = session_with_report_answers()
    Session.objects.filter(pk=row.pk).update(expire_date=row.expire_date - timedelta(days=2))

    call_command("apply_retention")

    assert "1 expired sessions deleted." in capsys.readouterr().out
    assert not Session.objects.exists()
