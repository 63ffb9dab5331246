"""Demo content for `manage.py seed_demo`. Each step finds what exists and adds only what is missing."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from portal.models import OutboundEmail

from . import bookings, casereviews, directory, partners, programmes, referrals, site, tasking


def seed_all(*, admin_password=None, today=None):
    """Seed every part in one transaction. The demo's people and addresses are made up: the emails its services
    queue on the way are discarded, never sent."""
    with transaction.atomic():
        last_queued = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        report = _seed(admin_password, today or date.today())
        discarded, _ = OutboundEmail.objects.filter(pk__gt=last_queued, sent_at__isnull=True).delete()
    if discarded:
        report.append(f"Discarded {discarded} emails the demo queued for made-up addresses.")
    return report


def _seed(admin_password, today):
    report = []
    hubs = site.seed_site(report)
    directory.seed_directory(report)
    for facts, hub, home in hubs:
        directory.seed_hub_directory(hub, facts, report)
        programmes.seed_programmes(home, today, report, only=facts["programmes"])
        site.seed_home_routes(home, report)
        bookings.seed_bookings(today, report, hub=hub)
        referrals.seed_referrals(today, report, hub=hub, plan=facts["referrals"])
    tasking.seed_tasking(today, report)
    casereviews.seed_case_reviews(today, report)
    if admin_password:
        report.append(_ensure_admin(admin_password))
    partners.seed_partners(report, password=admin_password)
    return report


def _ensure_admin(password):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="admin", defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True}
    )
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    return "Created the admin user." if created else "Admin user ready."
