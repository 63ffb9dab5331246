"""Partner accounts by invitation: hub staff invite, the person accepts by a signed, expiring link.

The link carries only the invitation's id, signed with a timestamp (``django.core.signing``), so it can be
neither guessed nor altered, and stops working after ``PARTNER_INVITATION_DAYS``, once used, or once
withdrawn. Accepting creates the account with its email address already verified (the person proved it by
opening the link) and the membership of the organisation. Each write locks the invitation row, so a link
used twice at once makes one account. Functions take ``now`` so tests control the clock.
"""

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from portal.hubs import hubs_for
from portal.outbox import queue_email
from portal.site import absolute_url

from .choices import INVITATION_ACCEPTED, INVITATION_WITHDRAWN, INVITED, WITHDRAWABLE_STATUSES, InvitationStatus
from .errors import (
    AccountExists,
    AlreadyInvited,
    AlreadyMember,
    CannotWithdraw,
    InvitationExpired,
    InvitationInvalid,
    InvitationUsed,
    InvitationWithdrawn,
    NotAllowed,
    WrongAccount,
)
from .models import Invitation, PartnerMembership
from .permissions import may_invite, may_withdraw

TOKEN_SALT = "partners.invitation"  # noqa: S105 (a signing namespace, not a secret)

STATUS_ERRORS = {
    InvitationStatus.EXPIRED: InvitationExpired,
    InvitationStatus.WITHDRAWN: InvitationWithdrawn,
    InvitationStatus.ACCEPTED: InvitationUsed,
}


def invitation_token(invitation):
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(str(invitation.pk))


def invitation_url(invitation):
    path = reverse("partners:accept_invitation", args=[invitation_token(invitation)])
    return absolute_url(path)


def invitation_id_from_token(token):
    """The invitation id a genuine, unexpired link carries. Raises InvitationInvalid or InvitationExpired."""
    max_age = settings.PARTNER_INVITATION_DAYS * 24 * 60 * 60
    try:
        value = signing.TimestampSigner(salt=TOKEN_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvitationExpired() from error
    except signing.BadSignature as error:
        raise InvitationInvalid() from error
    if not value.isdigit():
        raise InvitationInvalid()
    return int(value)


def _check_usable(invitation, now):
    error = STATUS_ERRORS.get(invitation.status_at(now))
    if error:
        raise error()


def find_invitation(token, *, now=None):
    """The invitation a link stands for, if it can still be accepted; raises an InvitationError if not."""
    invitation_id = invitation_id_from_token(token)
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is None:
        raise InvitationInvalid()
    _check_usable(invitation, now or timezone.now())
    return invitation


def normalise_email(email):
    return email.strip().lower()


def user_for_email(email):
    """The account that owns this address, by allauth's records or the user's own email field."""
    User = get_user_model()
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address:
        return address.user
    return User.objects.filter(email__iexact=email).order_by("pk").first()


def invite_partner(*, organisation, email, invited_by, now=None):
    """Invite ``email`` to keep ``organisation``'s entry, sent at ``now``, and queue the email with the signed link.

    Raises NotAllowed unless ``invited_by`` holds the invite permission, AlreadyMember if the address's account
    is already a member, AlreadyInvited if an invitation to the same organisation is still open.
    """
    if not may_invite(invited_by):
        raise NotAllowed()
    now = now or timezone.now()
    email = normalise_email(email)
    existing = user_for_email(email)
    if existing and PartnerMembership.objects.filter(user=existing, organisation=organisation).exists():
        raise AlreadyMember()
    invitations = Invitation.objects.filter(organisation=organisation, email__iexact=email)
    if invitations.in_status(InvitationStatus.SENT, now=now).exists():
        raise AlreadyInvited()
    with transaction.atomic():
        invitation = Invitation.objects.create(organisation=organisation, email=email, invited_by=invited_by)
        # auto_now_add ignores a value given on create: the clock passed in says when it was sent.
        Invitation.objects.filter(pk=invitation.pk).update(created_at=now)
        invitation.created_at = now
        log(instance=invitation, action=INVITED, user=invited_by)
        queue_email(
            to=email,
            template="partner_invitation",
            context={
                "organisation": organisation,
                "accept_url": invitation_url(invitation),
                "expires_at": invitation.expires_at,
            },
            hub=inviting_hub(organisation, invited_by),
        )
    return invitation


def inviting_hub(organisation, invited_by):
    """The hub an invitation comes from, which signs its email: of the hubs the inviting coordinator works for,
    the first the organisation works with, else their first; None (the default site's) for none."""
    hubs = list(hubs_for(invited_by))
    partnered = set(organisation.hub_partnerships.values_list("hub_id", flat=True)) if hubs else set()
    return next((hub for hub in hubs if hub.pk in partnered), hubs[0] if hubs else None)


def withdraw_invitation(*, invitation_id, user, now=None):
    """Withdraw an invitation that has not been accepted; its link stops working. Raises NotAllowed unless
    ``user`` holds the withdraw permission, CannotWithdraw if the invitation was accepted or withdrawn."""
    if not may_withdraw(user):
        raise NotAllowed()
    now = now or timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
        if invitation.status_at(now) not in WITHDRAWABLE_STATUSES:
            raise CannotWithdraw()
        invitation.revoked_at = now
        invitation.save(update_fields=["revoked_at"])
        log(instance=invitation, action=INVITATION_WITHDRAWN, user=user)
    return invitation


def _lock_usable(invitation_id, now):
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    _check_usable(invitation, now)
    return invitation


def _join(invitation, user, now):
    PartnerMembership.objects.get_or_create(user=user, organisation_id=invitation.organisation_id)
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log(instance=invitation, action=INVITATION_ACCEPTED, user=user)


def accept_invitation(*, invitation_id, password, now=None):
    """Create the invited person's account with ``password`` (already validated) and join the organisation.

    The invited address becomes the account's verified, primary email. Locks the invitation row. Raises an
    InvitationError if the invitation can no longer be used, AccountExists if the address has an account.
    """
    now = now or timezone.now()
    with transaction.atomic():
        invitation = _lock_usable(invitation_id, now)
        if user_for_email(invitation.email):
            raise AccountExists()
        user = get_user_model()(email=invitation.email)
        user.username = get_adapter().generate_unique_username([invitation.email, "partner"])
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
        _join(invitation, user, now)
    return user


def accept_invitation_as(*, invitation_id, user, now=None):
    """An existing account, signed in, accepts an invitation to its own address and joins the organisation.

    Locks the invitation row. Raises an InvitationError if it can no longer be used, WrongAccount if the
    invitation was sent to another address.
    """
    now = now or timezone.now()
    with transaction.atomic():
        invitation = _lock_usable(invitation_id, now)
        owner = user_for_email(invitation.email)
        if owner is None or owner.pk != user.pk:
            raise WrongAccount()
        EmailAddress.objects.filter(user=user, email__iexact=invitation.email).update(verified=True)
        _join(invitation, user, now)
    return invitation
