"""Transactional email outbox.

``queue_email`` writes the message in the caller's transaction and, once that commits, puts its delivery on
the task queue: a database write, never a call to the mail server. A worker (``manage.py db_worker``) sends
it and retries failures with back-off; ``send_due_emails`` (the ``send_queued_emails`` command, run on a
schedule) catches anything the queue missed. A failing or hanging mail server never rolls back, blocks or
slows the change that caused the email. Once sent, the body and attachment (which hold private links) are
wiped; the row's metadata stays until ``OUTBOX_RETENTION_DAYS``. Logs name emails by id only: addresses and
content are personal data.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .models import OutboundEmail
from .site import email_context, from_address

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 300
MAX_ATTEMPTS = 10


def queue_email(*, to, template, context, attachment=None, dedupe_key=None, hub=None):
    """Queue ``emails/<template>_subject.txt`` and ``emails/<template>.txt`` for ``to``, from ``hub``.

    Templates also get ``hub_name``, ``hub_phone`` and ``hub_email`` from ``hub``'s site settings (the default
    site's without a hub); the hub's name is the From display name too. ``attachment`` is (filename, text,
    mimetype). With ``dedupe_key`` the same email is queued at most once, ever (reminders). Returns the
    OutboundEmail, or None when it was already queued.
    """
    hub_context = email_context(hub)
    context = {**hub_context, **context}
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body = render_to_string(f"emails/{template}.txt", context)
    return queue_message(
        to=to,
        subject=subject,
        body=body,
        attachment=attachment,
        dedupe_key=dedupe_key,
        from_email=from_address(hub_context["hub_name"]),
        hub=hub,
        template=template,
    )


def queue_message(*, to, subject, body, attachment=None, dedupe_key=None, from_email="", hub=None, template=""):
    """Write the email in the caller's transaction and queue its delivery for when that commits. Without
    ``from_email`` it is sent from DEFAULT_FROM_EMAIL."""
    name, content, mimetype = attachment or ("", "", "")
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.create(
                to=to,
                from_email=from_email[:254],
                subject=subject[:200],
                body=body,
                attachment_name=name,
                attachment_content=content,
                attachment_mimetype=mimetype,
                dedupe_key=dedupe_key,
                hub=hub,
                template=template[:100],
            )
    except IntegrityError:
        if dedupe_key and OutboundEmail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise

    def enqueue_delivery():
        deliver_email.enqueue(email.pk)

    # Robust: the change has committed by now, so a queue that cannot be written to is logged, not raised at
    # the person; the email row is there for the periodic sweep.
    transaction.on_commit(enqueue_delivery, robust=True)
    return email


class OutboxEmailBackend(BaseEmailBackend):
    """The EMAIL_BACKEND: what Django or a library sends itself (Wagtail's moderation and comment notices) is
    queued like the portal's own emails, one per recipient, so no web request waits on the mail server either.
    Plain text only: an HTML alternative is dropped (the text body is always there); attachments are refused
    rather than lost."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.attachments:
                raise ValueError("The outbox only sends plain-text emails; queue attachments with queue_email.")
            for recipient in message.recipients():
                queue_message(to=recipient, subject=message.subject, body=message.body)
        return len(email_messages)


@task()
def deliver_email(email_id):
    """The worker's job for one queued email. After a failure it is queued again for the email's back-off time,
    until its attempts run out."""
    if deliver(email_id) is not False:
        return
    retry_at = (
        OutboundEmail.objects.filter(pk=email_id, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if retry_at is not None and deliver_email.get_backend().supports_defer:
        deliver_email.using(run_after=retry_at).enqueue(email_id)


def deliver(email_id, now=None):
    """Send one queued email if nobody else is sending it.

    Returns True when it was sent, False when the mail server failed (the failure and the next attempt's time
    are recorded), None when there was nothing to do: already sent, deleted, or being sent by another process.
    """
    now = now or timezone.now()
    claimed = OutboundEmail.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now), pk=email_id, sent_at__isnull=True
    ).update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    if not claimed:
        return None
    email = OutboundEmail.objects.get(pk=email_id)
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND)
    message = EmailMessage(
        email.subject, email.body, email.from_email or settings.DEFAULT_FROM_EMAIL, [email.to], connection=connection
    )
    if email.attachment_name:
        message.attach(email.attachment_name, email.attachment_content, email.attachment_mimetype)
    try:
        message.send()
    except Exception as error:  # any failure of the mail server is retried later
        attempts = email.attempts + 1
        OutboundEmail.objects.filter(pk=email_id).update(
            attempts=attempts,
            last_error=type(error).__name__,
            claimed_until=None,
            next_attempt_at=now + timedelta(minutes=2**attempts),
        )
        logger.warning("Email %s failed (attempt %s): %s", email_id, attempts, type(error).__name__)
        return False
    OutboundEmail.objects.filter(pk=email_id).update(
        sent_at=timezone.now(), claimed_until=None, body="", attachment_content=""
    )
    return True


def send_due_emails(now=None, limit=200):
    """Send queued emails that are due (new or past their back-off). Returns (sent, failed)."""
    now = now or timezone.now()
    due = (
        OutboundEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = failed = 0
    for email_id in list(due):
        outcome = deliver(email_id, now=now)
        sent += outcome is True
        failed += outcome is False
    return sent, failed


def failing_emails():
    """Unsent emails whose delivery has failed at least once: still being retried, or given up on."""
    return OutboundEmail.objects.filter(sent_at__isnull=True, attempts__gt=0)
