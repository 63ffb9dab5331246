from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError


class TaskingError(DomainError):
    """A tasking rule said no. ``message`` is shown to the person as it is."""

    message = _("That could not be done.")


class InvalidTransition(TaskingError):
    message = _("That cannot be done in its current state.")


class NotPermitted(TaskingError):
    message = _("You do not have permission to do that.")


class MissingDetail(TaskingError):
    message = _("Some required information is missing.")


class NoPlaces(TaskingError):
    message = _("Give at least one postcode or street the priority location covers.")


class NotAHubAgency(TaskingError):
    message = _("Choose an agency that works with this hub.")
