"""Who may act for a partner organisation, and the invitations that let them in."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation

from .choices import InvitationStatus


class PartnerMembershipQuerySet(models.QuerySet):
    def organisation_ids_for(self, user):
        return self.filter(user=user).values_list("organisation_id", flat=True)


class PartnerMembership(models.Model):
    """A person who keeps an organisation's entry current and refers issues on its behalf."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="partner_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    objects = PartnerMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner membership")
        verbose_name_plural = _("partner memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_partner_membership")]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class InvitationQuerySet(models.QuerySet):
    def in_status(self, status, *, now):
        """The invitations whose ``status_at(now)`` is ``status``, as one query."""
        if status == InvitationStatus.WITHDRAWN:
            return self.filter(revoked_at__isnull=False)
        if status == InvitationStatus.ACCEPTED:
            return self.filter(revoked_at__isnull=True, accepted_at__isnull=False)
        unused = self.filter(revoked_at__isnull=True, accepted_at__isnull=True)
        fresh = models.Q(created_at__gt=now - Invitation.lifetime())
        return unused.filter(fresh if status == InvitationStatus.SENT else ~fresh)


class Invitation(models.Model):
    """An invitation emailed by hub staff. The link in the email is signed and expires."""

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner invitation")
        verbose_name_plural = _("partner invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} ({self.created_at:%d %b %Y})"

    @staticmethod
    def lifetime():
        return timedelta(days=settings.PARTNER_INVITATION_DAYS)

    @property
    def expires_at(self):
        return self.created_at + self.lifetime()

    def status_at(self, now):
        if self.revoked_at:
            return InvitationStatus.WITHDRAWN
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if now >= self.expires_at:
            return InvitationStatus.EXPIRED
        return InvitationStatus.SENT

    @property
    def status(self):
        return self.status_at(timezone.now()).label

    status.fget.short_description = _("status")


class HubPartnership(models.Model):
    """An organisation works with a hub: its partners may refer into that hub and see its requests of them.

    Set by the hub's staff, never by the partner (it is what lets a partner into a hub)."""

    hub = models.ForeignKey("portal.Hub", verbose_name=_("hub"), on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="hub_partnerships"
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hub partnership")
        verbose_name_plural = _("hub partnerships")
        ordering = ["hub", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["hub", "organisation"], name="one_partnership_per_hub")]

    def __str__(self):
        return f"{self.organisation} – {self.hub}"
