from django.contrib.admin import SimpleListFilter
from django.db.models import Q
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.options import modeladmin_register

from directory.partners.partner.account_forms import InvitationForm
from directory.partners.retention import delete_unused_partner_logos
from portal.modeladmin import HubModelAdmin

from .admin import views as invitation_admin
from .models import Invitation, InvitationStatus


@hooks.register("register_log_actions")
def register_partner_account_actions(actions):
    actions.register_action("partners.invite", _("Invite partner"), _("Partner invited"))
    actions.register_action("partners.withdraw_invitation", _("Withdraw invitation"), _("Invitation withdrawn"))
    actions.register_action("partners.accept_invitation", _("Accept invitation"), _("Invitation accepted"))


class InvitationStatusFilter(SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return InvitationStatus.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value not in InvitationStatus.values:
            return queryset
        if value == InvitationStatus.WITHDRAWN:
            return queryset.filter(revoked_at__isnull=False)
        if value == InvitationStatus.ACCEPTED:
            return queryset.filter(revoked_at__isnull=True, accepted_at__isnull=False)
        open_invitations = queryset.filter(revoked_at__isnull=True, accepted_at__isnull=True)
        cutoff = timezone.now() - Invitation.lifetime()
        fresh = Q(created_at__gt=cutoff)
        return open_invitations.filter(fresh if value == InvitationStatus.SENT else ~fresh)


class InvitationAdmin(HubModelAdmin):
    model = Invitation
    menu_label = _("Partner invitations")
    menu_icon = "mail"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ("email", "organisation", "status", "created_at", "accepted_at", "revoked_at")
    list_filter = (InvitationStatusFilter,)
    search_fields = ("email", "organisation__name")
    ordering = ("-created_at",)
    inspect_view_enabled = True
    inspect_view_fields = (
        "email",
        "organisation",
        "status",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    )
    create_view_class = invitation_admin.InvitationCreateView
    inspect_view_class = invitation_admin.InvitationInspectView
    inspect_template_name = "partners/invitation_inspect.html"
    permission_helper_class = invitation_admin.InvitationPermissionHelper
    edit_handler = ObjectList([FieldPanel("organisation"), FieldPanel("email")], base_form_class=InvitationForm)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "invited_by", "accepted_by")


modeladmin_register(InvitationAdmin)


@hooks.register("register_admin_urls")
def register_invitation_admin_urls():
    urls = [path("<id:invitation_id>/withdraw/", invitation_admin.withdraw, name="withdraw_invitation")]
    return [path("partners/invitations/", include((urls, "partners_admin"), namespace="partners_admin"))]


@hooks.register("register_retention_steps")
def retention_steps():
    return [("unused partner logos deleted", delete_unused_partner_logos)]
