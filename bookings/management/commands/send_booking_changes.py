from django.core.management.base import BaseCommand

from bookings.changes import send_run_changes


class Command(BaseCommand):
    help = (
        "Email the people booked on runs whose changes have been quiet for BOOKING_CHANGE_QUIET_MINUTES: one email "
        "per booking with every change since the last. Safe to repeat."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {send_run_changes()} email(s) about changes to runs.")
