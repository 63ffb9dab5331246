"""What partners' edits and due reviews send. Queued in the caller's transaction (portal.outbox), sent after commit.

Staff get a link to the entry in the Wagtail admin, never the partner's text: what a partner typed stays in
the admin, behind staff login.
"""

from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.groups import HUB_COORDINATORS, HUB_EDITORS
from portal.outbox import queue_email
from portal.site import absolute_url

REVIEW_GROUPS = (HUB_EDITORS, HUB_COORDINATORS)


def admin_edit_url(entry):
    return absolute_url(reverse(entry.snippet_viewset.get_url_name("edit"), args=[quote(entry.pk)]))


def review_recipients(model):
    """Active hub editors and coordinators whose group may publish ``model`` in the directory."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=REVIEW_GROUPS,
            groups__permissions__content_type__app_label=model._meta.app_label,
            groups__permissions__codename=f"publish_{model._meta.model_name}",
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def review_requested(entry, *, organisation, removal=False):
    """One email per reviewer for each period of unpublished changes (until staff publish), however often the
    partner saves: the link always opens the latest draft."""
    period = entry.live_revision_id or "new"
    context = {
        "organisation_name": organisation.name,
        "is_service": entry._meta.model_name == "service",
        "removal": removal,
        "review_url": admin_edit_url(entry),
    }
    for reviewer in review_recipients(type(entry)):
        queue_email(
            to=reviewer.email,
            template="partner_review_requested",
            context=context,
            dedupe_key=f"partner-review:{entry._meta.model_name}:{entry.pk}:{period}:{int(removal)}:{reviewer.pk}",
        )


def review_reminder(organisation, partner):
    """Ask a partner to check their organisation's entry; at most once per review period."""
    reviewed = organisation.last_reviewed_at.isoformat() if organisation.last_reviewed_at else "never"
    context = {
        "organisation_name": organisation.name,
        "last_reviewed_at": organisation.last_reviewed_at,
        "dashboard_url": absolute_url(reverse("partners:dashboard")),
    }
    return queue_email(
        to=partner.email,
        template="partner_review_reminder",
        context=context,
        dedupe_key=f"partner-reminder:{organisation.pk}:{reviewed}:{partner.pk}",
    )
