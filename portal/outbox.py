"""Transactional email outbox.

``queue_email`` writes the message in the caller's transaction and, once that commits, puts its delivery on
the task queue: a database write, never a call to the mail server. A worker (``manage.py db_worker``) sends
it and retries failures with back-off; ``send_due_emails`` (the ``send_queued_emails`` command, run on a
schedule) catches anything the queue missed. A failing or hanging mail server never rolls back, blocks or
slows the change that caused the email. Once sent, the body and attachment (which hold private links) are
wiped; the row's metadata stays until ``OUTBOX_RETENTION_DAYS``. Logs name emails by id only: addresses and
content are personal data.

``queue_email_later`` is for a transaction that holds a lock many people wait on (a run's, in a booking rush): it
writes the row with only the address, the template and the ids to render it from, one INSERT and nothing else,
and the worker renders it before sending. The row still commits with the change, so the email is never lost.
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
from django.utils.module_loading import import_string
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
    return queue_message(
        to=to, attachment=attachment, dedupe_key=dedupe_key, hub=hub, **render_email(template, context, hub)
    )


def render_email(template, context, hub=None):
    """The subject, body, sender and template of ``emails/<template>`` rendered with ``context`` for ``hub``."""
    hub_context = email_context(hub)
    context = {**hub_context, **context}
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body = render_to_string(f"emails/{template}.txt", context)
    return {"subject": subject, "body": body, "from_email": from_address(hub_context["hub_name"]), "template": template}


def queue_email_later(*, to, template, renderer, arguments):
    """Write an email's row in the caller's transaction without rendering it, and queue its delivery for when that
    commits: one INSERT, no query and no template, for a transaction that holds a lock (``bookings.services``).

    ``renderer`` is the dotted path of a function that takes ``arguments`` (JSON: ids, a private link's token) and
    returns ``{"template", "context", "attachment", "hub"}`` as ``queue_email`` takes them; the worker calls it
    before sending (``render_queued``). ``template`` names the email for the staff dashboard until then.
    """
    email = OutboundEmail.objects.create(
        to=to, subject="", body="", template=template[:100], render_later={"renderer": renderer, "arguments": arguments}
    )
    _deliver_after_commit(email)
    return email


def render_queued(email):
    """Render an email ``queue_email_later`` queued, store what it says (the ids and token it was queued with are
    forgotten) and return it. Does nothing to an email already rendered."""
    if email.render_later is None:
        return email
    spec = import_string(email.render_later["renderer"])(**email.render_later["arguments"])
    name, content, mimetype = spec.get("attachment") or ("", "", "")
    rendered = render_email(spec["template"], spec["context"], spec.get("hub"))
    fields = {
        "subject": rendered["subject"][:200],
        "body": rendered["body"],
        "from_email": rendered["from_email"][:254],
        "template": rendered["template"][:100],
        "attachment_name": name,
        "attachment_content": content,
        "attachment_mimetype": mimetype,
        "hub": spec.get("hub"),
        "render_later": None,
    }
    OutboundEmail.objects.filter(pk=email.pk, render_later__isnull=False).update(**fields)
    for field, value in fields.items():
        setattr(email, field, value)
    return email


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
    _deliver_after_commit(email)
    return email


def _deliver_after_commit(email):
    """Queue the email's delivery once the caller's transaction commits. Robust: the change has committed by then,
    so a queue that cannot be written to is logged, not raised at the person; the row is there for the sweep."""

    def enqueue_delivery():
        deliver_email.enqueue(email.pk)

    transaction.on_commit(enqueue_delivery, robust=True)


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
    try:
        render_queued(email)
        connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND)
        message = EmailMessage(
            email.subject,
            email.body,
            email.from_email or settings.DEFAULT_FROM_EMAIL,
            [email.to],
            connection=connection,
        )
        if email.attachment_name:
            message.attach(email.attachment_name, email.attachment_content, email.attachment_mimetype)
        message.send()
    except Exception as error:  # any failure of the mail server (or of rendering a queued email) is retried later
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
