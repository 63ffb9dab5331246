from django.utils.translation import gettext_lazy as _

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
