"""Hub staff's one gate on invitations: only hub coordinators invite (``partners.add_invitation``, asked by the
modeladmin's create view) or withdraw (``partners.change_invitation``); nobody edits or deletes an invitation
(the list is the record of who was let in, by whom). The services ask for the same permissions."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail_modeladmin.helpers import PermissionHelper

from directory.partners.choices import WITHDRAWABLE_STATUSES
from directory.partners.permissions import may_manage_partnerships, may_withdraw


class InvitationPermissionHelper(PermissionHelper):
    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


def can_withdraw(user, invitation, now=None):
    """Whether to offer ``user`` the withdraw button for ``invitation``."""
    return may_withdraw(user) and invitation.status_at(now or timezone.now()) in WITHDRAWABLE_STATUSES


def withdraw_permission_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_withdraw(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class HubPartnershipPermissionHelper(PermissionHelper):
    """Coordinators list, add and remove the organisations working with their own hubs; nobody edits one (remove
    it and add another); another hub's partnership is neither shown nor removable."""

    def user_can_list(self, user):
        return may_manage_partnerships(user)

    def user_can_create(self, user):
        return may_manage_partnerships(user)

    def user_can_inspect_obj(self, user, obj):
        return may_manage_partnerships(user, obj.hub)

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return may_manage_partnerships(user, obj.hub)
