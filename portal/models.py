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
