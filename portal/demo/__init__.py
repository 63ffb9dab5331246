"""Demo content for `manage.py seed_demo`. Each step finds what exists and adds only what is missing."""

from datetime import date

from django.contrib.auth import get_user_model

from . import bookings, directory, partners, programmes, referrals, site


def seed_all(*, admin_password=None, today=None):
    today = today or date.today()
    report = []
    home = site.seed_site(report)
    directory.seed_directory(report)
    programmes.seed_programmes(home, today, report)
    site.seed_home_routes(home, report)
    bookings.seed_bookings(today, report)
    referrals.seed_referrals(today, report)
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
