from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import Referral

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
)


@hooks.register("register_log_actions")
def register_referral_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


class ReferralAdmin(ModelAdmin):
    model = Referral
    menu_label = _("Referrals")
    menu_icon = "warning"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ("reference", "priority", "status", "source", "category", "area", "submitted_at")
    list_filter = ("status", "source", "category", "area", "priority")
    search_fields = ("reference",)
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Referral.objects.for_queue()


modeladmin_register(ReferralAdmin)
