"""Who may use the triage screens and the hub figures: users with ``referrals.triage_referral`` (Hub
coordinators, superusers), and only for the referrals of the hubs they work for (``portal.hubs``). Another
hub's referral is not found. Nobody adds, edits or deletes a referral outside the services."""

from django.http import Http404
from wagtail_modeladmin.helpers import PermissionHelper

from directory.referrals.models import Referral, ReferralAction, ReferralTransfer
from portal.hubs import hub_ids_for

TRIAGE_PERMISSION = "referrals.triage_referral"


def can_triage(user):
    return user.is_authenticated and user.has_perm(TRIAGE_PERMISSION)


def referrals_for(user):
    """The referrals of the hubs ``user`` works for (none for anyone who may not triage)."""
    if not can_triage(user):
        return Referral.objects.none()
    return Referral.objects.filter(hub_id__in=hub_ids_for(user))


def actions_for(user):
    if not can_triage(user):
        return ReferralAction.objects.none()
    return ReferralAction.objects.filter(referral__hub_id__in=hub_ids_for(user))


def transfers_out_for(user):
    """What the hubs ``user`` works for sent elsewhere: the only trace of a referral they no longer hold."""
    if not can_triage(user):
        return ReferralTransfer.objects.none()
    return ReferralTransfer.objects.filter(from_hub_id__in=hub_ids_for(user))


def referral_or_404(user, referral_id):
    """The referral, if it belongs to one of ``user``'s hubs; Http404 otherwise (the same as an unknown id)."""
    referral = referrals_for(user).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return referral


class TriagePermissionHelper(PermissionHelper):
    """Coordinators list and inspect their hubs' referrals; nobody adds, edits or deletes them outside the
    services."""

    def user_can_list(self, user):
        return can_triage(user)

    def user_can_inspect_obj(self, user, obj):
        return can_triage(user) and obj.hub_id in hub_ids_for(user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False
