from django.core.management.base import BaseCommand

from portal.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise personal data past its retention period (bookings, referrals), delete sent emails and expired "
        "sessions. Safe to repeat."
    )

    def handle(self, *args, **options):
        for label, count in apply_retention():
            self.stdout.write(f"{count} {label}.")
