from django.core.management.base import BaseCommand

from portal.demo import seed_all


class Command(BaseCommand):
    help = "Build (or top up) a realistic demo hub. Safe to run repeatedly: it never duplicates content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help="Also make sure a superuser 'admin' exists with this password (local demos only).",
        )

    def handle(self, *args, admin_password=None, **options):
        for line in seed_all(admin_password=admin_password):
            self.stdout.write(line)
