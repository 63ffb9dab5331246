from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager


class OutboundEmail(models.Model):
    """An email written in the same transaction as the change it reports, sent after commit, retried on failure."""

    to = models.EmailField(_("to"), max_length=254)
    from_email = models.CharField(_("from"), max_length=254, blank=True)
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
    # The hub it was sent for (None for what Django or Wagtail send themselves) and the template it was rendered
    # from: what the staff dashboard counts failures by, never the address or the content.
    hub = models.ForeignKey(
        "portal.Hub", verbose_name=_("hub"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    template = models.CharField(_("template"), max_length=100, blank=True)
    # An email queued before it was rendered (``portal.outbox.queue_email_later``): the dotted path of the function
    # that gives its template and context, and that function's arguments (ids, and the private link's token until
    # it is rendered). None once rendered: the worker renders it before sending.
    render_later = models.JSONField(null=True, blank=True, editable=False)

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


class HubLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk), hub=instance.log_hub)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=str(instance.pk))

    def viewable_by_user(self, user):
        """Entries of the hubs ``user`` works for, about models ``user`` holds any permission on (Wagtail's rule,
        worked out here: Wagtail's own keeps its answer on the user for whichever log model asked first)."""
        from .hubs import hub_ids_for

        entries = self.filter(hub_id__in=hub_ids_for(user))
        if user.is_superuser:
            return entries
        used = entries.values_list("content_type_id", flat=True).distinct()
        allowed = {
            permission.content_type_id
            for permission in Permission.objects.filter(content_type_id__in=used).select_related("content_type")
            if user.has_perm(f"{permission.content_type.app_label}.{permission.codename}")
        }
        return entries.filter(content_type_id__in=allowed)


class HubLogEntry(BaseLogEntry):
    """The audit log of records a hub owns (referrals, runs, bookings): Wagtail's model log entry with the hub, so
    the admin's history reports show each member of staff only their hubs' entries.

    A model logs here once its app registers it (``register_log_actions``) and it has a ``log_hub`` attribute."""

    object_id = models.CharField(max_length=255, db_index=True)
    hub = models.ForeignKey(Hub, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = HubLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("hub log entry")
        verbose_name_plural = _("hub log entries")

    def __str__(self):
        return f"HubLogEntry {self.pk}: {self.action} on {self.object_verbose_name} {self.object_id}"
