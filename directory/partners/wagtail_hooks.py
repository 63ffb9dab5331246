from django.contrib.admin import SimpleListFilter
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from portal.dashboard import add_panels
from portal.hubs import hub_ids_for, hubs_for
from portal.modeladmin import HubModelAdmin, IdFilter

from .admin import panels as admin_panels
from .admin import views as invitation_admin
from .admin.access import HubPartnershipPermissionHelper, InvitationPermissionHelper
from .admin.forms import HubPartnershipForm, InvitationForm
from .choices import LOG_ACTIONS, InvitationStatus
from .models import HubPartnership, Invitation
from .retention import delete_unused_partner_logos


@hooks.register("register_log_actions")
def register_partner_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


class InvitationStatusFilter(SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return InvitationStatus.choices

    def queryset(self, request, queryset):
        if self.value() not in InvitationStatus.values:
            return queryset
        return queryset.in_status(self.value(), now=timezone.now())


class InvitationAdmin(HubModelAdmin):
    model = Invitation
    menu_label = _("Partner invitations")
    menu_icon = "mail"
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
    permission_helper_class = InvitationPermissionHelper
    edit_handler = ObjectList([FieldPanel("organisation"), FieldPanel("email")], base_form_class=InvitationForm)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "invited_by", "accepted_by")


class PartnershipHubFilter(IdFilter):
    title = _("hub")
    parameter_name = "hub"
    field = "hub_id"

    def options(self, request):
        return [(hub.pk, hub.name) for hub in hubs_for(request.user).order_by("sort_order", "name")]


class HubPartnershipAdmin(HubModelAdmin):
    """The organisations working with the coordinator's hubs (what lets their partners refer into a hub)."""

    model = HubPartnership
    menu_label = _("Organisations by hub")
    menu_icon = "site"
    list_display = ("organisation", "hub", "added_at", "added_by")
    list_filter = (PartnershipHubFilter,)
    search_fields = ("organisation__name",)
    ordering = ("hub__sort_order", "hub__name", "organisation__name")
    inspect_view_enabled = True
    inspect_view_fields = ("organisation", "hub", "added_at", "added_by")
    create_view_class = invitation_admin.HubPartnershipCreateView
    delete_view_class = invitation_admin.HubPartnershipDeleteView
    permission_helper_class = HubPartnershipPermissionHelper
    edit_handler = ObjectList([FieldPanel("hub"), FieldPanel("organisation")], base_form_class=HubPartnershipForm)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(hub_id__in=hub_ids_for(request.user))
        return queryset.select_related("hub", "organisation", "added_by")


class PartnersGroup(ModelAdminGroup):
    menu_label = _("Partners")
    menu_icon = "user"
    menu_order = 260
    items = (InvitationAdmin, HubPartnershipAdmin)


modeladmin_register(PartnersGroup)


@hooks.register("register_admin_urls")
def register_invitation_admin_urls():
    urls = [path("<id:invitation_id>/withdraw/", invitation_admin.withdraw, name="withdraw_invitation")]
    return [path("partners/invitations/", include((urls, "partners_admin"), namespace="partners_admin"))]


@hooks.register("register_retention_steps")
def retention_steps():
    return [("unused partner logos deleted", delete_unused_partner_logos)]


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    add_panels(request, panels, admin_panels.PANELS)
