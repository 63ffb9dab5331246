from django.core.management.base import BaseCommand

from bookings.services import expire_offers


class Command(BaseCommand):
    help = "Close offers past their expiry and offer their places to the next bookings waiting. Safe to repeat."

    def handle(self, *args, **options):
        self.stdout.write(f"Expired {expire_offers()} offer(s).")
