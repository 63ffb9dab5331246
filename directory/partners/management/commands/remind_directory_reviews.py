from datetime import date

from django.core.management.base import BaseCommand

from directory.partners.services import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email the partners of every organisation whose directory entry is due for review a link to their "
        "dashboard. Safe to repeat: one email per partner per review period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Take this date (YYYY-MM-DD) as today.")

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {send_review_reminders(today=options['today'])} reminder(s).")
