from datetime import timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from portal.models import OutboundEmail
from portal.outbox import deliver, queue_email, send_due_emails

pytestmark = pytest.mark.django_db

CONTEXT = {
    "booking": mock.Mock(reference="BK-TEST", places=2, offer_expires_at=None),
    "run": mock.Mock(title="Cohort 1", sessions=mock.Mock(all=list)),
    "programme": mock.Mock(title="Future Pathways"),
    "manage_url": "https://hub.example.org/bookings/manage/x/",
    "hub_name": "Test hub",
}


def queue(**kwargs):
    return queue_email(to="someone@example.org", template="booking_cancelled", context=CONTEXT, **kwargs)


def test_sent_after_commit_only(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
        assert mailoutbox == []
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None
    assert mailoutbox[0].subject == "Booking cancelled: Future Pathways (BK-TEST)"


def test_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue()
                raise RuntimeError("the booking failed")
        except RuntimeError:
            pass
    assert mailoutbox == []
    assert not OutboundEmail.objects.exists()


def test_a_failing_mail_server_loses_nothing_and_is_retried(mailoutbox, caplog):
    email = queue()
    now = timezone.now()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=SMTPServerDisconnected("down")):
        assert deliver(email.pk, now=now) is False
    email.refresh_from_db()
    assert (email.sent_at, email.attempts, email.last_error) == (None, 1, "SMTPServerDisconnected")
    assert "someone@example.org" not in caplog.text, "no addresses in logs"

    assert send_due_emails(now=now + timedelta(seconds=30)) == (0, 0), "backing off"
    assert send_due_emails(now=now + timedelta(minutes=3)) == (1, 0)
    assert len(mailoutbox) == 1
    assert send_due_emails(now=now + timedelta(minutes=10)) == (0, 0), "never twice"


def test_an_email_being_sent_elsewhere_is_not_sent_again(mailoutbox):
    email = queue()
    now = timezone.now()
    OutboundEmail.objects.filter(pk=email.pk).update(claimed_until=now + timedelta(minutes=1))
    assert deliver(email.pk, now=now) is False
    assert mailoutbox == []


def test_dedupe_key_queues_once():
    assert queue(dedupe_key="reminder:1") is not None
    assert queue(dedupe_key="reminder:1") is None
    assert OutboundEmail.objects.count() == 1


def test_plain_text_is_not_html_escaped():
    context = dict(CONTEXT, programme=mock.Mock(title="Tom & Jerry's <club>"))
    email = queue_email(to="a@example.org", template="booking_cancelled", context=context)
    assert "Tom & Jerry's <club>" in email.body


def test_command_reports(capsys):
    queue()
    call_command("send_queued_emails")
    assert "Sent 1 email(s)" in capsys.readouterr().out
