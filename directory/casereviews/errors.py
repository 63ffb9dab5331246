from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError


class CaseReviewError(DomainError):
    """An ASB Case Review rule said no. ``message`` is shown to the person as it is."""

    message = _("That could not be done.")


class InvalidTransition(CaseReviewError):
    message = _("That cannot be done to an ASB Case Review in its current state.")


class NotPermitted(CaseReviewError):
    message = _("You do not have permission to do that.")


class MissingDetail(CaseReviewError):
    message = _("Some required information is missing.")


class UnknownReferral(CaseReviewError):
    message = _("No referral of this hub has that reference.")
