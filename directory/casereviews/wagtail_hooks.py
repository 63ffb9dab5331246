from django.urls import include, path, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from portal.dashboard import add_panels
from portal.hubs import hub_ids_for
from portal.modeladmin import HubModelAdmin
from portal.models import HubLogEntry

from .admin import access as admin_access
from .admin import panels as admin_panels
from .admin import views as admin_views
from .models import CaseReview
from .retention import anonymise_finished_case_reviews

LOG_ACTIONS = (
    ("casereviews.submit", _("Apply for an ASB Case Review"), _("ASB Case Review application received")),
    ("casereviews.view", _("View ASB Case Review"), _("ASB Case Review viewed")),
    ("casereviews.link", _("Link a referral"), _("Referral linked to the ASB Case Review")),
    ("casereviews.decide", _("Decide the threshold"), _("ASB Case Review threshold decided")),
    ("casereviews.review", _("Record the review"), _("ASB Case Review meeting recorded")),
    ("casereviews.respond", _("Respond"), _("ASB Case Review response sent")),
)


@hooks.register("register_log_actions")
def register_case_review_actions(actions):
    actions.register_model(CaseReview, HubLogEntry)
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


class CaseReviewAdmin(HubModelAdmin):
    """ASB Case Reviews of the user's hubs, the next step due first."""

    model = CaseReview
    menu_label = _("ASB Case Reviews")
    menu_icon = "warning"
    permission_helper_class = admin_access.CaseReviewPermissionHelper
    inspect_view_enabled = True
    inspect_view_class = admin_views.CaseReviewInspectView
    inspect_template_name = "casereviews/admin/inspect.html"
    list_display = ("reference", "status", "received", "next_step_due", "area")
    list_filter = ("status",)
    search_fields = ("reference",)
    list_per_page = 50
    ordering = ("due_on", "-submitted_at")

    def get_queryset(self, request):
        return admin_access.case_reviews_for(request.user).select_related("area")

    def _in_scope(self, request, instance_pk):
        if admin_access.can_manage(request.user) and str(instance_pk).isdigit():
            admin_access.case_review_or_404(request.user, int(instance_pk))
        return instance_pk

    def inspect_view(self, request, instance_pk):
        return super().inspect_view(request, self._in_scope(request, instance_pk))

    def history_view(self, request, instance_pk):
        return super().history_view(request, self._in_scope(request, instance_pk))

    def received(self, case_review):
        return date_format(timezone.localtime(case_review.submitted_at), "j M Y")

    received.short_description = _("received")
    received.admin_order_field = "submitted_at"

    def next_step_due(self, case_review):
        if not case_review.is_open or not case_review.due_on:
            return "–"
        text = date_format(case_review.due_on, "j M Y")
        if case_review.is_overdue(timezone.localdate()):
            return format_html('<strong class="w-text-critical-200">{} ({})</strong>', text, _("overdue"))
        return text

    next_step_due.short_description = _("next step due")
    next_step_due.admin_order_field = "due_on"


class SettingsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_access.can_manage(request.user) and bool(hub_ids_for(request.user))


class CaseReviewAdminGroup(ModelAdminGroup):
    items = (CaseReviewAdmin,)
    menu_label = _("ASB Case Reviews")
    menu_icon = "warning"
    menu_item_name = "case-reviews"
    menu_order = 231

    def get_submenu_items(self):
        settings = SettingsMenuItem(
            _("Threshold and timescales"), reverse_lazy("casereviews_admin:settings"), icon_name="cog", order=2
        )
        return [*super().get_submenu_items(), settings]


modeladmin_register(CaseReviewAdminGroup)


@hooks.register("register_admin_urls")
def register_case_review_urls():
    urls = [
        *(
            path(f"<id:pk>/{name}/", admin_views.StepFormView.as_view(), {"action": name}, name=name)
            for name in admin_views.ACTIONS
        ),
        path("settings/", admin_views.SettingsIndexView.as_view(), name="settings"),
        path("settings/<id:hub_id>/", admin_views.SettingsView.as_view(), name="hub_settings"),
    ]
    return [path("case-reviews/", include((urls, "casereviews_admin"), namespace="casereviews_admin"))]


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    add_panels(request, panels, admin_panels.PANELS)


@hooks.register("register_retention_steps")
def retention_steps():
    return [("ASB Case Reviews anonymised", anonymise_finished_case_reviews)]
