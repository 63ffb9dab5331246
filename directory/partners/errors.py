from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError


class InvitationError(DomainError):
    """An invitation rule said no. ``message`` is shown to the person as it is."""

    message = _("This invitation cannot be used.")


class InvitationInvalid(InvitationError):
    message = _("This invitation link does not work. Check that you copied the whole link from the email.")


class InvitationExpired(InvitationError):
    message = _("This invitation has expired. Ask the hub team to send you a new one.")


class InvitationWithdrawn(InvitationError):
    message = _("This invitation has been withdrawn. Contact the hub team if you think this is a mistake.")


class InvitationUsed(InvitationError):
    message = _("This invitation has already been used. Sign in with your email address and password.")


class AccountExists(InvitationError):
    message = _("There is already an account for this email address. Sign in to accept the invitation.")


class WrongAccount(InvitationError):
    message = _("This invitation is for a different account. Sign out, then open the link in the email again.")


class AlreadyMember(InvitationError):
    message = _("This person can already update this organisation.")


class AlreadyInvited(InvitationError):
    message = _("This person has an invitation to this organisation that has not expired yet. Withdraw it first.")


class CannotWithdraw(InvitationError):
    message = _("Only an invitation that is waiting to be accepted can be withdrawn.")


class NotAllowed(InvitationError):
    message = _("You do not have permission to invite partners or withdraw invitations. Ask a hub coordinator.")


class PartnershipError(DomainError):
    """A hub partnership rule said no. ``message`` is shown to the person as it is."""

    message = _("You can only change the organisations working with your own hubs.")


class PartnershipExists(PartnershipError):
    message = _("This organisation already works with this hub.")
