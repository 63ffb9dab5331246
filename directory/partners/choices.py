"""The states of a partner invitation, which of them may be withdrawn, and the audit-log actions partners'
accounts and dashboard write."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvitationStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# An expired invitation can still be withdrawn, so its record says nobody may use it.
WITHDRAWABLE_STATUSES = (InvitationStatus.SENT, InvitationStatus.EXPIRED)

INVITED = "partners.invite"
INVITATION_WITHDRAWN = "partners.withdraw_invitation"
INVITATION_ACCEPTED = "partners.accept_invitation"
REVIEW_CONFIRMED = "directory.review_confirmed"

# action: (label, message), as the Wagtail admin's history views show them.
LOG_ACTIONS = {
    INVITED: (_("Invite partner"), _("Partner invited")),
    INVITATION_WITHDRAWN: (_("Withdraw invitation"), _("Invitation withdrawn")),
    INVITATION_ACCEPTED: (_("Accept invitation"), _("Invitation accepted")),
    REVIEW_CONFIRMED: (_("Confirm details"), _("A partner confirmed the details are still correct")),
}
