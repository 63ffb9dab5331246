from django.core.management.base import BaseCommand

from portal.outbox import send_due_emails


class Command(BaseCommand):
    help = "Send queued emails that are due, including retries of earlier failures."

    def handle(self, *args, **options):
        sent, failed = send_due_emails()
        self.stdout.write(f"Sent {sent} email(s); {failed} failed and will be retried.")
