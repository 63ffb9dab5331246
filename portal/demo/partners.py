"""The demo partner login and a few partner invitations (data/partners.json), made through the partners'
invitation services with a backdated clock, so the admin shows only states the services produce. Also verified
addresses for the demo accounts (sign-in needs a verified email)."""

from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from directory.models import Organisation
from directory.partners import invitations
from directory.partners.models import Invitation, PartnerMembership

from .data import load
from .people import demo_coordinator

DEMO_ADMIN_EMAIL = "admin@example.org"
INVITED_AT = time(10, 0)


def seed_partners(report, *, password=None, today=None):
    """A partner login (``password`` is the demo admin's; without one it cannot sign in) and the invitations."""
    data = load("partners")
    login = data["login"]
    organisation = Organisation.objects.filter(slug=login["organisation"]).first()
    if organisation is None:
        report.append(f"Demo partner login skipped: no organisation {login['organisation']!r}.")
        return report
    today = today or timezone.localdate()
    inviter = demo_coordinator()
    user = _partner_login(login, organisation, inviter, password, today)
    for invitation in data["invitations"]:
        _invitation(invitation, inviter, today)
    admin = get_user_model().objects.filter(username="admin", email=DEMO_ADMIN_EMAIL).first()
    if admin:
        _verify(admin, DEMO_ADMIN_EMAIL)
    report.append(f"Demo partner login {user.email} for {organisation.name} ready.")
    return report


def _days_ago(today, days):
    return timezone.make_aware(datetime.combine(today - timedelta(days=days), INVITED_AT))


def _partner_login(facts, organisation, inviter, password, today):
    """Invited, then accepted with ``password``; on later runs only the password is set again."""
    user = invitations.user_for_email(facts["email"])
    if user is None:
        invitation = _invite(facts, organisation, inviter, today)
        accepted_at = invitation.created_at + timedelta(days=facts["accepted_after_days"])
        user = invitations.accept_invitation(invitation_id=invitation.pk, password=password, now=accepted_at)
    else:
        if not PartnerMembership.objects.filter(user=user, organisation=organisation).exists():
            invitation = _invite(facts, organisation, inviter, today)
            accepted_at = invitation.created_at + timedelta(days=facts["accepted_after_days"])
            invitations.accept_invitation_as(invitation_id=invitation.pk, user=user, now=accepted_at)
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
    _verify(user, facts["email"])
    return user


def _invite(facts, organisation, inviter, today):
    return invitations.invite_partner(
        organisation=organisation,
        email=facts["email"],
        invited_by=inviter,
        now=_days_ago(today, facts["invited_days_ago"]),
    )


def _invitation(facts, inviter, today):
    organisation = Organisation.objects.filter(slug=facts["organisation"]).first()
    if organisation is None or Invitation.objects.filter(organisation=organisation, email=facts["email"]).exists():
        return
    invitation = _invite(facts, organisation, inviter, today)
    if "withdrawn_after_days" in facts:
        withdrawn_at = invitation.created_at + timedelta(days=facts["withdrawn_after_days"])
        invitations.withdraw_invitation(invitation_id=invitation.pk, user=inviter, now=withdrawn_at)


def _verify(user, email):
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
