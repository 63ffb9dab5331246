"""Hub staff's invitation screens: the modeladmin create view sends through the service; withdraw action.

Who may do what is ``access``; the service asks again.
"""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail_modeladmin.views import CreateView, DeleteView, InspectView

from directory.partners import invitations, services
from directory.partners.errors import InvitationError, PartnershipError
from directory.partners.models import Invitation

from .access import can_withdraw, withdraw_permission_required


def inspect_url(invitation_id):
    return reverse("partners_invitation_modeladmin_inspect", args=[invitation_id])


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
@withdraw_permission_required
def withdraw(request, invitation_id):
    get_object_or_404(Invitation.objects.only("pk"), pk=invitation_id)
    try:
        invitations.withdraw_invitation(invitation_id=invitation_id, user=request.user)
    except InvitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Invitation withdrawn: its link no longer works."))
    return redirect(inspect_url(invitation_id))


class HubPartnershipCreateView(CreateView):
    def form_valid(self, form):
        try:
            partnership = services.add_hub_partnership(
                hub=form.cleaned_data["hub"], organisation=form.cleaned_data["organisation"], user=self.request.user
            )
        except PartnershipError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(organisation)s now works with %(hub)s.")
            % {"organisation": partnership.organisation, "hub": partnership.hub},
        )
        return redirect(self.get_success_url())


class HubPartnershipDeleteView(DeleteView):
    def delete_instance(self):
        services.remove_hub_partnership(partnership=self.instance, user=self.request.user)
