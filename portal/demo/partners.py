"""The demo partner login, and verified addresses for the demo accounts (sign-in needs a verified email)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from directory.models import Organisation
from directory.partners.models import PartnerMembership

DEMO_PARTNER_EMAIL = "partner@example.org"
DEMO_PARTNER_ORGANISATION = "westfield-homes"
DEMO_ADMIN_EMAIL = "admin@example.org"


def seed_partners(report, *, password=None):
    """A partner login for Westfield Homes (``password`` is the demo admin's; without one it cannot sign in)."""
    organisation = Organisation.objects.filter(slug=DEMO_PARTNER_ORGANISATION).first()
    if organisation is None:
        report.append(f"Demo partner login skipped: no organisation {DEMO_PARTNER_ORGANISATION!r}.")
        return report
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="demo-partner", defaults={"email": DEMO_PARTNER_EMAIL, "first_name": "Demo", "last_name": "Partner"}
    )
    if password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    _verify(user, DEMO_PARTNER_EMAIL)
    PartnerMembership.objects.get_or_create(user=user, organisation=organisation)
    admin = User.objects.filter(username="admin", email=DEMO_ADMIN_EMAIL).first()
    if admin:
        _verify(admin, DEMO_ADMIN_EMAIL)
    report.append(f"Demo partner login {DEMO_PARTNER_EMAIL} for {organisation.name} ready.")
    return report


def _verify(user, email):
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
