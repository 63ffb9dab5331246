from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import seed_all
from portal.models import OutboundEmail


class Command(BaseCommand):
    help = "Build (or top up) a realistic demo hub. Safe to run repeatedly: it never duplicates content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help="Also make sure a superuser 'admin' exists with this password (local demos only).",
        )

    def handle(self, *args, admin_password=None, **options):
        with transaction.atomic():
            last_queued = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            report = seed_all(admin_password=admin_password)
            # The demo's people and addresses are made up: the emails its services queued are never sent.
            discarded, _ = OutboundEmail.objects.filter(pk__gt=last_queued, sent_at__isnull=True).delete()
        if discarded:
            report.append(f"Discarded {discarded} emails the demo queued for made-up addresses.")
        for line in report:
            self.stdout.write(line)
