"""Who may use the triage screens and the hub figures: users with ``referrals.triage_referral`` (Hub
coordinators, superusers). Nobody adds, edits or deletes a referral outside the services."""

from wagtail_modeladmin.helpers import PermissionHelper

TRIAGE_PERMISSION = "referrals.triage_referral"


def can_triage(user):
    return user.is_authenticated and user.has_perm(TRIAGE_PERMISSION)


class TriagePermissionHelper(PermissionHelper):
    """Coordinators list and inspect referrals; nobody adds, edits or deletes them outside the services."""

    def user_can_list(self, user):
        return can_triage(user)

    def user_can_inspect_obj(self, user, obj):
        return can_triage(user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False
