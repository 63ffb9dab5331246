"""Who hears what about a referral. Reporters get their reference and the status, never the details; hub
staff and partner agencies get a link to sign in and look, never the content (DESIGN invariant 4)."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from directory.partners.models import PartnerMembership
from portal.outbox import queue_email
from portal.site import absolute_url

from .choices import Priority, Source


def status_url(token):
    return absolute_url(reverse("referrals:status", args=[token]))


def admin_url(referral):
    return absolute_url(reverse("referrals_referral_modeladmin_inspect", args=[referral.pk]))


def _to_reporter(referral, template, **context):
    if referral.source != Source.PUBLIC or referral.reporter_anonymous or not referral.reporter_email:
        return
    context.update(reference=referral.reference, status=referral.get_status_display())
    queue_email(to=referral.reporter_email, template=template, context=context)


def triage_staff_emails():
    User = get_user_model()
    permission = Q(
        groups__permissions__codename="triage_referral", groups__permissions__content_type__app_label="referrals"
    )
    users = User.objects.filter(permission | Q(is_superuser=True), is_active=True).exclude(email="").distinct()
    return sorted(set(users.values_list("email", flat=True)))


def _alert_staff(referral, reason):
    context = {"reference": referral.reference, "url": admin_url(referral), "reason": reason}
    for email in triage_staff_emails():
        queue_email(to=email, template="referral_priority_alert", context=context)


def referral_received(referral, token):
    _to_reporter(referral, "referral_received", status_url=status_url(token))
    if referral.vulnerable_person:
        _alert_staff(referral, "urgent")


def referral_accepted(referral):
    _to_reporter(referral, "referral_accepted")
    if referral.priority == Priority.P1:
        _alert_staff(referral, "P1")


def referral_finished(referral):
    _to_reporter(referral, "referral_finished")


def action_assigned(action):
    context = {
        "reference": action.referral.reference,
        "url": absolute_url(reverse("partners:referrals")),
        "due_date": action.due_date,
    }
    emails = PartnerMembership.objects.filter(organisation_id=action.organisation_id, user__is_active=True)
    for email in sorted(set(emails.exclude(user__email="").values_list("user__email", flat=True))):
        queue_email(to=email, template="referral_action_assigned", context=context)
