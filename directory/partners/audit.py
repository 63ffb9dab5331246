"""Audit-log actions of the partner dashboard, labelled for the Wagtail admin's history views."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

REVIEW_CONFIRMED = "directory.review_confirmed"


@hooks.register("register_log_actions")
def register_partner_actions(actions):
    actions.register_action(
        REVIEW_CONFIRMED, _("Confirm details"), _("A partner confirmed the details are still correct")
    )
