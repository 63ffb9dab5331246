"""Hub staff's invitation screens: the modeladmin create view sends through the service; withdraw action.

Staff need ``partners.add_invitation`` to invite and ``partners.change_invitation`` to withdraw (hub coordinators
only: an invitation lets a mailbox read an organisation's referral actions); the service asks for the same. Nobody
edits or deletes an invitation (the list is the record of who was let in, by whom).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import CreateView, InspectView

from directory.partners import invitations
from directory.partners.errors import InvitationError
from directory.partners.models import Invitation, InvitationStatus

WITHDRAWABLE = (InvitationStatus.SENT, InvitationStatus.EXPIRED)


def can_withdraw(user, invitation, now=None):
    if not user.has_perm(invitations.WITHDRAW_PERMISSION):
        return False
    return invitation.status_at(now or timezone.now()) in WITHDRAWABLE


def inspect_url(invitation_id):
    return reverse("partners_invitation_modeladmin_inspect", args=[invitation_id])


class InvitationPermissionHelper(PermissionHelper):
    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class InvitationCreateView(CreateView):
    def form_valid(self, form):
        try:
            invitation = invitations.invite_partner(
                organisation=form.cleaned_data["organisation"],
                email=form.cleaned_data["email"],
                invited_by=self.request.user,
            )
        except InvitationError as error:
            form.add_error("email", error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Invitation sent to %(email)s for %(organisation)s.")
            % {"email": invitation.email, "organisation": invitation.organisation},
        )
        return redirect(self.get_success_url())


class InvitationInspectView(InspectView):
    def get_context_data(self, **kwargs):
        withdraw_url = None
        if can_withdraw(self.request.user, self.instance):
            withdraw_url = reverse("partners_admin:withdraw_invitation", args=[self.instance.pk])
        return super().get_context_data(withdraw_url=withdraw_url, **kwargs)


@require_POST
def withdraw(request, invitation_id):
    if not request.user.has_perm(invitations.WITHDRAW_PERMISSION):
        raise PermissionDenied
    get_object_or_404(Invitation.objects.only("pk"), pk=invitation_id)
    try:
        invitations.withdraw_invitation(invitation_id=invitation_id, user=request.user)
    except InvitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Invitation withdrawn: its link no longer works."))
    return redirect(inspect_url(invitation_id))
