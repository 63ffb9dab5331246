"""Who hears what about a referral. Reporters get their reference and the status, never the details; hub
staff and partner agencies get a link to sign in and look, never the content (DESIGN invariant 4).

Every email is from the referral's hub (its name, phone and email) and its public links start at that hub's
site; staff alerts go only to the coordinators of that hub."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from directory.partners.models import PartnerMembership
from portal.outbox import queue_email
from portal.site import absolute_url

from .choices import Priority, Source


def status_url(token, hub=None):
    return absolute_url(reverse("referrals:status", args=[token]), hub=hub)


def admin_url(referral):
    return absolute_url(reverse("referrals_referral_modeladmin_inspect", args=[referral.pk]))


def _to_reporter(referral, template, **context):
    if referral.source != Source.PUBLIC or referral.reporter_anonymous or not referral.reporter_email:
        return
    context.update(reference=referral.reference, status=referral.get_status_display())
    queue_email(to=referral.reporter_email, template=template, context=context, hub=referral.hub)


def triage_staff_emails(hub):
    """The email addresses of the active users who may triage and work for ``hub`` (superusers work for every
    hub)."""
    User = get_user_model()
    permission = Q(
        groups__permissions__codename="triage_referral", groups__permissions__content_type__app_label="referrals"
    )
    works_for_hub = Q(groups__pk__in=[hub.editors_group_id, hub.staff_group_id])
    staff = User.objects.filter(permission, is_active=True).filter(works_for_hub).exclude(email="")
    superusers = User.objects.filter(is_superuser=True, is_active=True).exclude(email="")
    return sorted(set(staff.values_list("email", flat=True)) | set(superusers.values_list("email", flat=True)))


def _alert_staff(referral, reason):
    context = {"reference": referral.reference, "url": admin_url(referral), "reason": reason}
    for email in triage_staff_emails(referral.hub):
        queue_email(to=email, template="referral_priority_alert", context=context, hub=referral.hub)


def referral_received(referral, token):
    _to_reporter(referral, "referral_received", status_url=status_url(token, hub=referral.hub))
    if referral.vulnerable_person:
        _alert_staff(referral, "urgent")


def referral_accepted(referral):
    _to_reporter(referral, "referral_accepted")
    if referral.priority == Priority.P1:
        _alert_staff(referral, "P1")


def referral_finished(referral):
    _to_reporter(referral, "referral_finished")


def referral_transferred(referral, transfer):
    """Tell the receiving hub's coordinators: the reference, where from and a link; nothing the reporter said."""
    context = {"reference": referral.reference, "url": admin_url(referral), "from_hub": transfer.from_hub.name}
    for email in triage_staff_emails(transfer.to_hub):
        queue_email(to=email, template="referral_transferred", context=context, hub=transfer.to_hub)


def action_assigned(action):
    referral = action.referral
    context = {
        "reference": referral.reference,
        "url": absolute_url(reverse("partners:referrals"), hub=referral.hub),
        "due_date": action.due_date,
    }
    emails = PartnerMembership.objects.filter(organisation_id=action.organisation_id, user__is_active=True)
    for email in sorted(set(emails.exclude(user__email="").values_list("user__email", flat=True))):
        queue_email(to=email, template="referral_action_assigned", context=context, hub=referral.hub)
