"""What partners' edits and due reviews send. Queued in the caller's transaction (portal.outbox), sent after commit.

Staff who may publish the entry get a link to its changes in the Wagtail admin, never the partner's text: what a
partner typed stays in the admin, behind staff login.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from directory.review import review_path
from portal.models import Hub
from portal.outbox import queue_email
from portal.site import absolute_url
from portal.staff_access import ADMIN_ACCESS

# ``with_perm`` asks one backend; the model backend is the one that knows groups' and users' permissions.
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _who_may(permission):
    return get_user_model().objects.with_perm(
        permission, is_active=True, include_superusers=True, backend=PERMISSION_BACKEND
    )


def review_recipients(model, organisation):
    """Everyone active, with an email address, who may publish ``model`` in the admin (a group's or their own
    permission, or a superuser), among the staff of the hubs ``organisation`` works with and the superusers.
    An organisation working with no hub yet goes to everyone who may publish."""
    opts = model._meta
    users = (
        _who_may(f"{opts.app_label}.publish_{opts.model_name}")
        .filter(pk__in=_who_may(ADMIN_ACCESS).values("pk"))
        .exclude(email="")
    )
    hubs = Hub.objects.filter(partnerships__organisation=organisation)
    hub_groups = [group for groups in hubs.values_list("editors_group_id", "staff_group_id") for group in groups]
    if hub_groups:
        users = users.filter(Q(is_superuser=True) | Q(groups__in=hub_groups))
    return users.distinct().order_by("pk")


def review_requested(entry, *, organisation, removal=False):
    """One email per reviewer for each period of unpublished changes (until staff publish), however often the
    partner saves: the link always opens the latest draft against what is live (or, for an entry never published,
    its edit page)."""
    period = entry.live_revision_id or "new"
    context = {
        "organisation_name": organisation.name,
        "is_service": entry._meta.model_name == "service",
        "removal": removal,
        "review_url": absolute_url(review_path(entry)),
    }
    for reviewer in review_recipients(type(entry), organisation):
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
