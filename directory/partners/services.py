"""Every write the partner dashboard makes. Partners never change what is live: each save is a draft revision
that hub staff review and publish in the Wagtail admin (the live row only learns that a draft exists).

Functions take keyword arguments; ``today`` lets tests control the clock.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection

from directory.models import Organisation, ServiceStatus

from . import notifications
from .choices import REVIEW_CONFIRMED
from .errors import PartnershipError, PartnershipExists
from .models import HubPartnership, PartnerMembership
from .permissions import may_manage_partnerships

PARTNER_LOGOS = "Partner logos"


def partner_logo_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=PARTNER_LOGOS).first() or root.add_child(name=PARTNER_LOGOS)


def _store_logo(upload, *, organisation, user):
    image = get_image_model()(
        title=_("Logo of %(name)s") % {"name": organisation.name},
        file=upload,
        collection=partner_logo_collection(),
        uploaded_by_user=user,
    )
    image._set_image_file_metadata()
    image.save()
    return image


@transaction.atomic
def save_organisation_draft(*, organisation, user, logo_upload=None, remove_logo=False):
    """Save ``organisation`` (changed in memory, e.g. by a form) as a draft revision and email the reviewers.

    A new logo becomes a Wagtail image in the "Partner logos" collection; the draft points at it. The live
    row keeps its content. Returns the revision.
    """
    if logo_upload is not None:
        organisation.logo = _store_logo(logo_upload, organisation=organisation, user=user)
    elif remove_logo:
        organisation.logo = None
    revision = organisation.save_revision(user=user, log_action=True)
    notifications.review_requested(organisation, organisation=organisation)
    return revision


@transaction.atomic
def save_service_draft(*, service, organisation, user):
    """Save ``service`` (an in-memory cluster with its rows) as a draft revision and email the reviewers.

    A new service is stored once, not live and invisible to the public, so it has an id for its revision;
    an existing service's live row, rows and categories are untouched. Returns the revision.
    """
    service.organisation = organisation
    created = service.pk is None
    if created:
        service.live = False
        service.save()
    revision = service.save_revision(user=user, log_action="wagtail.create" if created else True)
    notifications.review_requested(service, organisation=organisation)
    return revision


@transaction.atomic
def remove_service(*, service, user):
    """Ask for ``service`` to be shown as closed for good: a draft with status "defunct" that staff publish.
    Nothing is deleted."""
    draft = service.get_latest_revision_as_object()
    draft.status = ServiceStatus.DEFUNCT
    revision = draft.save_revision(user=user, log_action=True)
    notifications.review_requested(draft, organisation=service.organisation, removal=True)
    return revision


@transaction.atomic
def confirm_details_correct(*, organisation, user, today=None):
    """Record that a partner checked the live entry today (audit logged). Drafts are not affected."""
    today = today or timezone.localdate()
    Organisation.objects.filter(pk=organisation.pk).update(last_reviewed_at=today)
    organisation.last_reviewed_at = today
    log(instance=organisation, action=REVIEW_CONFIRMED, user=user)
    return today


def send_review_reminders(*, today=None):
    """Email each partner of every organisation whose review is due. Safe to run repeatedly: one email per
    partner per review period (the outbox dedupes on organisation, last review date and person).
    Returns the number of emails queued."""
    today = today or timezone.localdate()
    due = Organisation.objects.review_due(today=today)
    memberships = (
        PartnerMembership.objects.filter(organisation__in=due, user__is_active=True)
        .exclude(user__email="")
        .select_related("organisation", "user")
        .order_by("organisation_id", "user_id")
    )
    queued = 0
    for membership in memberships:
        with transaction.atomic():
            if notifications.review_reminder(membership.organisation, membership.user) is not None:
                queued += 1
    return queued


def add_hub_partnership(*, hub, organisation, user, now=None):
    """``organisation`` now works with ``hub`` (its partners may refer into it). Only staff of that hub add it."""
    if not may_manage_partnerships(user, hub):
        raise PartnershipError()
    with transaction.atomic():
        if HubPartnership.objects.filter(hub=hub, organisation=organisation).exists():
            raise PartnershipExists()
        partnership = HubPartnership.objects.create(
            hub=hub, organisation=organisation, added_by=user, added_at=now or timezone.now()
        )
        log(instance=partnership, action="wagtail.create", user=user)
    return partnership


def remove_hub_partnership(*, partnership, user):
    """The organisation no longer works with the hub. Only staff of that hub remove it (the admin's delete view
    logs it)."""
    if not may_manage_partnerships(user, partnership.hub):
        raise PartnershipError()
    partnership.delete()
