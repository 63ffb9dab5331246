from django.utils.translation import gettext_lazy as _


class ReferralError(Exception):
    """A referral rule said no. ``message`` is shown to the person as it is."""

    message = _("That could not be done.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class InvalidTransition(ReferralError):
    message = _("That cannot be done to a referral in its current state.")


class NotPermitted(ReferralError):
    message = _("You do not have permission to do that.")


class MissingDetail(ReferralError):
    message = _("Some required information is missing.")


class InvalidLink(ReferralError):
    message = _("Those referrals cannot be linked.")
