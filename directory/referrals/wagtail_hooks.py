from django.urls import include, path, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from directory.models import Area
from directory.referrals.figures import referral_figures
from directory.referrals.retention import anonymise_closed_referrals
from directory.tasking.models import in_priority_location
from portal.dashboard import add_panels
from portal.hubs import hub_ids_for, hubs_for
from portal.ids import parse_id
from portal.modeladmin import HubModelAdmin, IdFilter
from portal.models import HubLogEntry

from .admin import access as admin_access
from .admin import figures as admin_figures
from .admin import panels as admin_panels
from .admin import queue as admin_queue
from .admin import views as admin_views
from .models import QUEUE_ORDER, Referral

LOG_ACTIONS = (
    ("referrals.submit", _("Submit referral"), _("Referral received")),
    ("referrals.view", _("View referral"), _("Referral viewed")),
    ("referrals.accept", _("Accept referral"), _("Referral accepted")),
    ("referrals.decline", _("Decline referral"), _("Referral declined")),
    ("referrals.add_action", _("Add action"), _("Action added")),
    ("referrals.update_action", _("Update action"), _("Action updated")),
    ("referrals.add_note", _("Add note"), _("Note added")),
    ("referrals.link", _("Link referrals"), _("Referrals linked")),
    ("referrals.resolve", _("Resolve referral"), _("Referral resolved")),
    ("referrals.close", _("Close referral"), _("Referral closed")),
    ("referrals.transfer", _("Transfer referral"), _("Referral transferred to another hub")),
)


@hooks.register("register_log_actions")
def register_referral_actions(actions):
    actions.register_model(Referral, HubLogEntry)
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


def _date(value, overdue):
    if not value:
        return "–"
    text = date_format(value, "j M Y")
    if overdue:
        return format_html('<strong class="w-text-critical-200">{} ({})</strong>', text, _("overdue"))
    return text


class AreaFilter(IdFilter):
    title = _("area")
    parameter_name = "area"
    field = "area_id"

    def options(self, request):
        areas = Area.objects.filter(hub_id__in=hub_ids_for(request.user)).order_by("sort_order", "name")
        return list(areas.values_list("pk", "name"))


class HubFilter(IdFilter):
    """Shown to staff who work for more than one hub."""

    title = _("hub")
    parameter_name = "hub"
    field = "hub_id"

    def options(self, request):
        return [(hub.pk, hub.name) for hub in hubs_for(request.user)]


class ReferralAdmin(HubModelAdmin):
    """The triage queue: the work in hand, new referrals first, then overdue contacts and reviews, then the rest
    by the date they are due (``Referral.objects.for_queue``); finished referrals when the status filter asks."""

    model = Referral
    index_view_class = admin_queue.TriageQueueView
    menu_label = _("Triage queue")
    menu_icon = "warning"
    permission_helper_class = admin_access.TriagePermissionHelper
    inspect_view_enabled = True
    inspect_view_class = admin_views.ReferralInspectView
    inspect_template_name = "referrals/admin/referral_inspect.html"
    index_template_name = "referrals/admin/referral_index.html"
    index_view_extra_css = ["css/admin/triage-queue.css"]
    inspect_view_extra_css = ["css/admin/triage-queue.css"]
    list_display = (
        "reference",
        "priority",
        "status",
        "source",
        "category",
        "area",
        "age",
        "contact_by",
        "review_by",
        "flags",
    )
    list_filter = (admin_queue.QueueStatusFilter, "source", "category", AreaFilter, "priority")
    search_fields = ("reference",)
    list_per_page = 50

    def get_queryset(self, request):
        queue = admin_access.referrals_for(request.user).for_queue(timezone.localdate()).select_related("hub")
        return queue.annotate(at_priority_location=in_priority_location())

    def _several_hubs(self, request):
        return len(hub_ids_for(request.user)) > 1

    def get_list_display(self, request):
        if self._several_hubs(request):
            return ("reference", "hub", *self.list_display[1:])
        return self.list_display

    def get_list_filter(self, request):
        if self._several_hubs(request):
            return (HubFilter, *self.list_filter)
        return self.list_filter

    def _in_scope(self, request, instance_pk):
        """Another hub's referral is not found, exactly like an unknown id."""
        referral_id = parse_id(instance_pk)
        if referral_id is not None and admin_access.can_triage(request.user):
            admin_access.referral_or_404(request.user, referral_id)
        return instance_pk

    def inspect_view(self, request, instance_pk):
        return super().inspect_view(request, self._in_scope(request, instance_pk))

    def history_view(self, request, instance_pk):
        return super().history_view(request, self._in_scope(request, instance_pk))

    def get_ordering(self, request):
        """The queue's order; a column the user sorts by goes first, this breaks its ties."""
        return QUEUE_ORDER

    def age(self, referral):
        days = (timezone.localdate() - timezone.localdate(referral.submitted_at)).days
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}

    age.short_description = _("age")
    age.admin_order_field = "-submitted_at"

    def contact_by(self, referral):
        today = timezone.localdate()
        return _date(referral.target_contact_date, admin_views.is_contact_overdue(referral, today))

    contact_by.short_description = _("contact by")
    contact_by.admin_order_field = "target_contact_date"

    def review_by(self, referral):
        today = timezone.localdate()
        return _date(referral.review_date, admin_views.is_review_overdue(referral, today))

    review_by.short_description = _("review by")
    review_by.admin_order_field = "review_date"

    def flags(self, referral):
        flags = []
        if referral.case_review_flag:
            flags.append(_("ASB Case Review"))
        if getattr(referral, "at_priority_location", False):
            flags.append(_("Priority location"))
        if referral.vulnerable_person and referral.is_open:
            flags.append(_("Vulnerable"))
        return format_html_join(" ", '<span class="w-status w-status--primary">{}</span>', ((flag,) for flag in flags))

    flags.short_description = _("flags")


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_access.can_triage(request.user)


class ReferralAdminGroup(ModelAdminGroup):
    """The Referrals menu, shown to triage staff only: the triage queue, then the hub figures."""

    items = (ReferralAdmin,)
    menu_label = _("Referrals")
    menu_icon = "warning"
    menu_item_name = "referrals"
    menu_order = 230

    def get_submenu_items(self):
        figures = FiguresMenuItem(
            _("Hub figures"), reverse_lazy("referrals_admin:figures"), icon_name="table", order=len(self.items) + 1
        )
        transfers = FiguresMenuItem(
            _("Transfers out"),
            reverse_lazy("referrals_admin:transfers_out"),
            icon_name="arrow-right",
            order=len(self.items) + 2,
        )
        return [*super().get_submenu_items(), figures, transfers]


modeladmin_register(ReferralAdminGroup)


@hooks.register("register_admin_urls")
def register_triage_urls():
    urls = [
        *(
            path(f"triage/<id:pk>/{name}/", admin_views.TriageFormView.as_view(), {"action": name}, name=name)
            for name in admin_views.TRIAGE_ACTIONS
        ),
        path("triage/actions/<id:action_id>/update/", admin_views.ActionUpdateView.as_view(), name="update_action"),
        path("triage/<id:pk>/transfer/", admin_views.TransferView.as_view(), name="transfer"),
        path("transfers-out/", admin_views.TransfersOutView.as_view(), name="transfers_out"),
        path("figures/", admin_figures.FiguresView.as_view(), name="figures"),
        path("figures/csv/", admin_figures.figures_csv, name="figures_csv"),
    ]
    return [path("referrals/", include((urls, "referrals_admin"), namespace="referrals_admin"))]


@hooks.register("register_retention_steps")
def retention_steps():
    return [("referrals anonymised", anonymise_closed_referrals)]


@hooks.register("register_hub_figure_sections")
def hub_figure_sections():
    return [referral_figures]


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    add_panels(request, panels, admin_panels.PANELS)
