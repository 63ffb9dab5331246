import socket
import threading
from datetime import timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import OperationalError, connections, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from wagtail.admin.mail import send_mail as wagtail_send_mail

from portal.models import OutboundEmail
from portal.outbox import MAX_ATTEMPTS, deliver, queue_email, send_due_emails
from portal.retention import delete_old_emails

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
    assert deliver(email.pk, now=now) is None
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


def deliveries(status=TaskResultStatus.READY):
    return DBTaskResult.objects.filter(task_path="portal.outbox.deliver_email", status=status)


@pytest.mark.django_db(transaction=True)
def test_queueing_writes_a_task_after_commit_and_sends_nothing(task_queue, mailoutbox):
    with transaction.atomic():
        email = queue()
        assert not deliveries().exists(), "nothing is queued for a change that may still roll back"

    assert [task.args_kwargs["args"] for task in deliveries()] == [[email.pk]]
    assert mailoutbox == []

    task_queue()

    assert [message.to for message in mailoutbox] == [["someone@example.org"]]
    assert deliveries(TaskResultStatus.SUCCESSFUL).count() == 1


def test_a_rolled_back_change_queues_no_task(task_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the booking failed")

    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_retries_a_failure_at_its_back_off_time(task_queue, mailoutbox):
    email = queue()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=SMTPServerDisconnected("down")):
        task_queue()

    email.refresh_from_db()
    retry = deliveries().get()
    assert (email.attempts, email.sent_at) == (1, None)
    assert retry.run_after == email.next_attempt_at > timezone.now()
    task_queue()
    assert mailoutbox == [], "not before its time"

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    task_queue()

    assert [message.to for message in mailoutbox] == [["someone@example.org"]]
    assert not deliveries().exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_stops_retrying_when_the_attempts_run_out(task_queue):
    email = queue()
    OutboundEmail.objects.filter(pk=email.pk).update(attempts=MAX_ATTEMPTS - 1)
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=SMTPServerDisconnected("down")):
        task_queue()

    email.refresh_from_db()
    assert (email.attempts, email.sent_at) == (MAX_ATTEMPTS, None)
    assert not deliveries().exists()


def test_a_queue_that_cannot_be_written_after_commit_loses_nothing(
    task_queue, django_capture_on_commit_callbacks, mailoutbox, caplog
):
    locked = OperationalError("database is locked")
    with (
        mock.patch.object(DatabaseBackend, "enqueue", side_effect=locked),
        django_capture_on_commit_callbacks(execute=True),
    ):
        email = queue()

    assert OutboundEmail.objects.filter(pk=email.pk, sent_at__isnull=True).exists()
    assert "someone@example.org" not in caplog.text
    assert send_due_emails() == (1, 0), "the periodic sweep sends what the queue missed"
    assert len(mailoutbox) == 1


@pytest.fixture
def silent_mail_server(settings):
    """A local server that accepts SMTP connections and never says a word, with the real SMTP backend."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = listener.getsockname()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    yield accepted
    listener.close()
    for connection in accepted:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_never_answers_is_given_up_on_after_email_timeout(silent_mail_server, task_queue):
    email = queue()
    outcome = []

    def send():
        try:
            outcome.append(deliver(email.pk))
        finally:
            connections.close_all()

    sender = threading.Thread(target=send)

    sender.start()
    sender.join(timeout=30)

    assert not sender.is_alive(), "EMAIL_TIMEOUT bounds the wait"
    assert outcome == [False] and len(silent_mail_server) == 1
    email.refresh_from_db()
    assert (email.sent_at, email.attempts) == (None, 1)
    assert email.last_error in {"TimeoutError", "SMTPServerDisconnected"}


def test_a_sent_email_keeps_its_metadata_but_not_its_content(mailoutbox):
    email = queue_email(
        to="someone@example.org",
        template="booking_cancelled",
        context=CONTEXT,
        attachment=("booking.ics", "BEGIN:VCALENDAR", "text/calendar"),
    )

    assert deliver(email.pk) is True

    email.refresh_from_db()
    assert "https://hub.example.org/bookings/manage/x/" in mailoutbox[0].body
    assert (email.body, email.attachment_content) == ("", "")
    assert (email.to, email.subject, email.attachment_name) == (
        "someone@example.org",
        "Booking cancelled: Future Pathways (BK-TEST)",
        "booking.ics",
    )
    assert email.sent_at is not None


def test_sent_emails_are_deleted_after_the_retention_period(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    sent_at = timezone.now() - timedelta(days=5)
    email = queue()
    OutboundEmail.objects.filter(pk=email.pk).update(sent_at=sent_at)

    assert delete_old_emails(now=sent_at + timedelta(days=29)) == 0
    assert delete_old_emails(now=sent_at + timedelta(days=31)) == 1
    assert not OutboundEmail.objects.exists()


def test_emails_that_never_sent_are_deleted_once_their_attempts_ran_out(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    queued_at = timezone.now() - timedelta(days=5)
    undeliverable = queue()
    still_trying = queue()
    OutboundEmail.objects.update(created_at=queued_at)
    OutboundEmail.objects.filter(pk=undeliverable.pk).update(attempts=MAX_ATTEMPTS, last_error="TimeoutError")
    OutboundEmail.objects.filter(pk=still_trying.pk).update(attempts=3)

    assert delete_old_emails(now=queued_at + timedelta(days=29)) == 0
    assert delete_old_emails(now=queued_at + timedelta(days=31)) == 1
    assert list(OutboundEmail.objects.values_list("pk", flat=True)) == [still_trying.pk]


@pytest.mark.django_db(transaction=True)
def test_a_librarys_own_email_is_queued_too_while_the_mail_server_hangs(settings, task_queue, hanging_mail_server):
    """Wagtail sends moderation and comment notices itself, in the admin's request: they go through the outbox."""
    settings.EMAIL_BACKEND = "portal.outbox.OutboxEmailBackend"

    sent = wagtail_send_mail(
        "Page submitted for moderation", "Review it at /admin/pages/3/", ["a@example.org", "b@x.org"]
    )

    assert sent == 1
    assert not hanging_mail_server.called.is_set(), "the request never talked to the mail server"
    assert sorted(OutboundEmail.objects.values_list("to", flat=True)) == ["a@example.org", "b@x.org"]

    hanging_mail_server.answers.set()
    task_queue()

    assert sorted(message.to[0] for message in hanging_mail_server.delivered) == ["a@example.org", "b@x.org"]
    assert hanging_mail_server.delivered[0].body == "Review it at /admin/pages/3/"


def test_the_outbox_refuses_an_attachment_rather_than_losing_it(settings):
    settings.EMAIL_BACKEND = "portal.outbox.OutboxEmailBackend"
    message = EmailMessage("Report", "See attached", to=["a@example.org"])
    message.attach("figures.csv", "a,b", "text/csv")

    with pytest.raises(ValueError, match="plain-text"):
        message.send()
    assert not OutboundEmail.objects.exists()
