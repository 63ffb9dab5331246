from django.core.management.base import BaseCommand

from bookings.services import send_booking_reminders


class Command(BaseCommand):
    help = "Queue a reminder for confirmed bookings whose run starts soon. Never sends the same reminder twice."

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {send_booking_reminders()} reminder(s).")
