from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    """An email written in the same transaction as the change it reports, sent after commit, retried on failure."""

    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment_content = models.TextField(blank=True)
    attachment_mimetype = models.CharField(max_length=100, blank=True)
    dedupe_key = models.CharField(max_length=150, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outbound email")
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(sent_at__isnull=True), name="outbox_unsent"),
        ]

    def __str__(self):
        return f"{self.pk}: {self.subject}"


class Hub(models.Model):
    """One Local Focus Hub on this install: its own public site (host name, home page, settings), staff, referrals
    and runs. The partner directory is shared between hubs.

    Staff belong to a hub through its two groups: ``editors_group`` (page permissions on the hub's pages) and
    ``staff_group`` (everyone else who works for the hub). What a person may do still comes from the role groups
    (Hub editors, Hub coordinators, Hub safeguarding leads); which hub's records they see comes from these.
    """

    name = models.CharField(
        _("name"), max_length=80, unique=True, help_text=_("The district, as staff tell hubs apart (e.g. Copeland).")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="hub"
    )
    editors_group = models.ForeignKey(
        "auth.Group", verbose_name=_("editors' group"), on_delete=models.PROTECT, related_name="edited_hubs"
    )
    staff_group = models.ForeignKey(
        "auth.Group", verbose_name=_("staff group"), on_delete=models.PROTECT, related_name="staffed_hubs"
    )
    referral_retention_months = models.PositiveSmallIntegerField(
        _("keep finished referrals' personal data for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the install's default."),
    )
    booking_retention_months = models.PositiveSmallIntegerField(
        _("keep past bookings' personal data for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the install's default."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=0)

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["sort_order", "name"]
        permissions = [("view_county_figures", _("Can see every hub's figures side by side (no personal data)"))]

    def __str__(self):
        return self.name
