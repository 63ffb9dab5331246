from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.errors import DomainError


class ReferralError(DomainError):
    """A referral rule said no. ``message`` is shown to the person as it is."""

    message = _("That could not be done.")


class InvalidTransition(ReferralError):
    message = _("That cannot be done to a referral in its current state.")


class NotPermitted(ReferralError):
    message = _("You do not have permission to do that.")


class MissingDetail(ReferralError):
    message = _("Some required information is missing.")


class InvalidLink(ReferralError):
    message = _("Those referrals cannot be linked.")


class InvalidTransfer(ReferralError):
    message = _("Choose another hub to transfer the referral to.")


class OpenActions(ReferralError):
    """A referral cannot be resolved or closed while agencies still have work on it, unless the person chose to
    cancel that work. The message names each open action (agency and what, shortened)."""

    def __init__(self, actions):
        self.actions = list(actions)
        named = "; ".join(
            f"{action.organisation}: {Truncator(action.description).chars(60)}" for action in self.actions
        )
        message = ngettext(
            "%(count)d action is still open: %(actions)s. Mark it done or cancelled first, or choose to cancel "
            "the open actions.",
            "%(count)d actions are still open: %(actions)s. Mark them done or cancelled first, or choose to cancel "
            "the open actions.",
            len(self.actions),
        ) % {"count": len(self.actions), "actions": named}
        super().__init__(message)
