"""The scheduled jobs as django-tasks tasks, for a worker or scheduler to enqueue; the management
commands of the same names run the same service functions."""

from django_tasks import task

from portal.outbox import send_due_emails

from .services import expire_offers, send_booking_reminders


@task()
def expire_booking_offers_task():
    return expire_offers()


@task()
def send_booking_reminders_task():
    return send_booking_reminders()


@task()
def send_queued_emails_task():
    return send_due_emails()
