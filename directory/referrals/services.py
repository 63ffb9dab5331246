"""Every change to a referral goes through here.

Each function validates, locks the referral row (``select_for_update`` on PostgreSQL; SQLite's IMMEDIATE
transactions hold the write lock from BEGIN), changes its state, writes an audit-log entry (Wagtail's
HubLogEntry: the reference and the action, never the free text) and queues emails that go after commit.
Functions take ``now`` so tests control the clock. Domain errors are in ``errors``.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from directory.models import Organisation
from directory.partners.models import HubPartnership, PartnerMembership
from portal.hubs import hub_ids_for
from portal.models import Hub
from portal.submissions import create_once

from . import notifications
from .choices import (
    ACTION_TRANSITIONS,
    OPEN_STATUSES,
    REFERRAL_STEPS,
    TARGET_WORKING_DAYS,
    ActionStatus,
    ClosureReason,
    DeclineReason,
    LinkKind,
    Priority,
    SharingBasis,
    Source,
    Urgency,
)
from .errors import InvalidLink, InvalidTransfer, InvalidTransition, MissingDetail, NotPermitted, OpenActions
from .models import ActionUpdate, Referral, ReferralAction, ReferralLink, ReferralNote, ReferralTransfer
from .workdays import add_working_days

REPEAT_WINDOW = timedelta(days=183)
CASE_REVIEW_THRESHOLD = 3
REFERENCE_ATTEMPTS = 5


def normalise_postcode(value):
    """'wf1 1aa' -> 'WF1 1AA' (format checks are the form's job)."""
    compact = re.sub(r"\s+", "", value or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def place_key(*, postcode, area_id, location_description):
    """What counts as "the same place" for repeat detection: the postcode when given, otherwise the area and
    the first words of the description, normalised."""
    if postcode:
        return "pc:" + postcode.replace(" ", "")
    words = re.sub(r"[^a-z0-9 ]+", " ", (location_description or "").lower()).split()
    if not words:
        return ""
    return f"area:{area_id or '-'}:" + " ".join(words[:8])[:100]


def _audit(referral, log_action, user, **data):
    log(referral, log_action, user=user, data={"reference": referral.reference, "status": referral.status, **data})


def _lock(referral_id):
    return Referral.objects.select_for_update().get(pk=referral_id)


def _check_hub(referral, user):
    """Staff act only on the referrals of the hubs they work for (``user`` None is the system itself: the demo
    data and management commands)."""
    if user is not None and referral.hub_id not in hub_ids_for(user):
        raise NotPermitted()


def _agency_of_hub(organisation_id, hub_id):
    """Only organisations that work with the referral's hub (``HubPartnership``) can be given its work."""
    if not Organisation.objects.published().filter(pk=organisation_id, hub_partnerships__hub_id=hub_id).exists():
        raise MissingDetail()


def _take_step(referral_id, step_name, user):
    """Lock the referral, check ``user`` works for its hub and the step is allowed from its status
    (``choices.REFERRAL_STEPS``). Returns (referral, the status the step leaves it in). Raises NotPermitted,
    InvalidTransition."""
    referral = _lock(referral_id)
    _check_hub(referral, user)
    step = REFERRAL_STEPS[step_name]
    if not step.allowed_from(referral.status):
        raise InvalidTransition()
    return referral, step.target or referral.status


def _create(referral):
    """Save a new referral, drawing a fresh random reference if one is ever already taken."""
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                referral.save(force_insert=True)
            return referral
        except IntegrityError:
            if referral.submission_key and Referral.objects.filter(submission_key=referral.submission_key).exists():
                raise
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
            referral.reference = Referral._meta.get_field("reference").default()
    return referral


def _link_same_place(referral, now):
    """Link earlier reports about the same place in the last six months; three or more flag a Case Review."""
    if not referral.place_key:
        return 0
    earlier = list(
        Referral.objects.filter(
            hub_id=referral.hub_id, place_key=referral.place_key, submitted_at__gte=now - REPEAT_WINDOW
        )
        .exclude(pk=referral.pk)
        .values_list("pk", flat=True)
    )
    ReferralLink.objects.bulk_create(
        [ReferralLink(from_referral_id=pk, to_referral=referral, kind=LinkKind.SAME_PLACE) for pk in earlier],
        ignore_conflicts=True,
    )
    if len(earlier) + 1 >= CASE_REVIEW_THRESHOLD:
        Referral.objects.filter(pk__in=[*earlier, referral.pk]).update(case_review_flag=True)
        referral.case_review_flag = True
    return len(earlier)


def _submit(referral, submission_key, now):
    def create():
        referral.submission_key = submission_key
        referral.submitted_at = now
        referral.postcode = normalise_postcode(referral.postcode)
        referral.place_key = place_key(
            postcode=referral.postcode, area_id=referral.area_id, location_description=referral.location_description
        )
        # A resident's token is derived from their submission key, so a repeated POST can show the same link.
        token = referral.set_status_token(submission_key if referral.source == Source.PUBLIC else None)
        with transaction.atomic():
            _create(referral)
            _link_same_place(referral, now)
            _audit(referral, "referrals.submit", None, source=referral.source)
            notifications.referral_received(referral, token)
        return referral, token

    return create_once(Referral, submission_key, create)


def submit_report(*, hub, details, submission_key=None, now=None):
    """Store a resident's report to ``hub`` (the hub whose site took it). ``details`` are Referral field values
    from the validated answers.

    The same ``submission_key`` twice returns the first referral (a double-clicked "Send report").
    Returns (referral, status_token); the token is None for a repeat, which can derive it again with
    ``referral.status_token_again(submission_key)``. Anonymous reports keep no identity.
    """
    now = now or timezone.now()
    if hub is None:
        raise MissingDetail()
    referral = Referral(source=Source.PUBLIC, hub=hub, **details)
    if referral.area_id and referral.area.hub_id != hub.pk:
        raise MissingDetail()  # an area of another hub: the report form offers only the hub's own
    if referral.reporter_anonymous:
        referral.reporter_name = referral.reporter_email = referral.reporter_phone = ""
    return _submit(referral, submission_key, now)


def partner_hub_ids(organisation_ids):
    """The hubs the organisations work with (``HubPartnership``): the only hubs their partners may refer into."""
    return set(HubPartnership.objects.filter(organisation_id__in=organisation_ids).values_list("hub_id", flat=True))


def submit_partner_referral(*, user, organisation_id, hub, details, submission_key=None, now=None):
    """Store a referral a partner makes for their organisation into ``hub``. Raises NotPermitted if the user is
    not a member of that organisation or the organisation does not work with that hub, MissingDetail if the
    sharing basis is "other" without an explanation."""
    now = now or timezone.now()
    if not PartnerMembership.objects.filter(user=user, organisation_id=organisation_id).exists():
        raise NotPermitted()
    if hub is None or getattr(hub, "pk", None) not in partner_hub_ids([organisation_id]):
        raise NotPermitted()
    if details.get("sharing_basis") == SharingBasis.OTHER and not (details.get("sharing_explanation") or "").strip():
        raise MissingDetail()
    referral = Referral(
        source=Source.PARTNER,
        hub=hub,
        referred_by=user,
        referring_organisation_id=organisation_id,
        vulnerable_person=details.pop("vulnerable_person", False) or details.get("urgency") == Urgency.URGENT,
        **details,
    )
    return _submit(referral, submission_key, now)


def accept_referral(*, referral_id, user, priority, lead_agency_id, review_date=None, now=None):
    """Accept a new referral: the priority sets the target contact date (P1/P2/P3: 1/2/5 working days); the
    review date defaults to REFERRAL_REVIEW_DAYS ahead. Raises InvalidTransition unless it is new."""
    now = now or timezone.now()
    if priority not in Priority.values:
        raise MissingDetail()
    today = timezone.localdate(now)
    with transaction.atomic():
        referral, status = _take_step(referral_id, "accept", user)
        _agency_of_hub(lead_agency_id, referral.hub_id)
        referral.status = status
        referral.priority = priority
        referral.lead_agency_id = lead_agency_id
        referral.target_contact_date = add_working_days(today, TARGET_WORKING_DAYS[priority])
        referral.review_date = review_date or today + timedelta(days=settings.REFERRAL_REVIEW_DAYS)
        referral.accepted_at = now
        referral.save()
        _audit(referral, "referrals.accept", user, priority=priority)
        notifications.referral_accepted(referral)
    return referral


def decline_referral(*, referral_id, user, reason, signposted_to_id=None, note="", now=None):
    """Decline a new referral with a reason; "signposted" needs the agency. Raises InvalidTransition,
    MissingDetail."""
    now = now or timezone.now()
    if reason not in DeclineReason.values:
        raise MissingDetail()
    if reason == DeclineReason.SIGNPOSTED and not signposted_to_id:
        raise MissingDetail()
    with transaction.atomic():
        referral, status = _take_step(referral_id, "decline", user)
        if reason == DeclineReason.SIGNPOSTED:
            _agency_of_hub(signposted_to_id, referral.hub_id)
        referral.status = status
        referral.decline_reason = reason
        referral.signposted_to_id = signposted_to_id if reason == DeclineReason.SIGNPOSTED else None
        referral.decline_note = note
        referral.finished_at = now
        referral.save()
        _audit(referral, "referrals.decline", user, reason=reason)
        notifications.referral_finished(referral)
    return referral


def add_action(*, referral_id, user, organisation_id, description, due_date, now=None):
    """Give an agency something to do. The referral moves to "in progress". Raises InvalidTransition unless it
    is accepted or in progress."""
    now = now or timezone.now()
    if not description.strip() or due_date is None:
        raise MissingDetail()
    with transaction.atomic():
        referral, status = _take_step(referral_id, "add_action", user)
        _agency_of_hub(organisation_id, referral.hub_id)
        action = ReferralAction.objects.create(
            referral=referral,
            organisation_id=organisation_id,
            description=description,
            due_date=due_date,
            created_by=user,
            created_at=now,
        )
        if referral.status != status:
            referral.status = status
            referral.save(update_fields=["status", "updated_at"])
        _audit(referral, "referrals.add_action", user, action_id=action.pk)
        notifications.action_assigned(action)
    return action


def can_update_action(user, action, referral):
    if user.has_perm("referrals.triage_referral") and referral.hub_id in hub_ids_for(user):
        return True
    return PartnerMembership.objects.filter(user=user, organisation_id=action.organisation_id).exists()


def update_action(*, action_id, user, status, note="", now=None):
    """Record progress on an action: by hub staff, or by a partner of the agency it is assigned to.
    Raises NotPermitted for anyone else, InvalidTransition for a finished action or a backwards step."""
    now = now or timezone.now()
    with transaction.atomic():
        referral_id = ReferralAction.objects.values_list("referral_id", flat=True).get(pk=action_id)
        referral = _lock(referral_id)
        action = ReferralAction.objects.select_for_update().get(pk=action_id)
        if not can_update_action(user, action, referral):
            raise NotPermitted()
        if status not in ACTION_TRANSITIONS.get(action.status, []):
            raise InvalidTransition()
        action.status = status
        action.completed_at = now if status in (ActionStatus.DONE, ActionStatus.CANCELLED) else None
        action.save(update_fields=["status", "completed_at"])
        ActionUpdate.objects.create(action=action, author=user, status=status, note=note, created_at=now)
        _audit(referral, "referrals.update_action", user, action_id=action.pk, action_status=status)
    return action


def add_note(*, referral_id, user, text, now=None):
    if not text.strip():
        raise MissingDetail()
    with transaction.atomic():
        referral, _status = _take_step(referral_id, "note", user)
        note = ReferralNote.objects.create(referral=referral, author=user, text=text, created_at=now or timezone.now())
        _audit(referral, "referrals.add_note", user)
    return note


def link_referrals(*, referral_id, other_reference, kind, user):
    """Link a referral to another by its reference. Raises InvalidLink for itself, an unknown reference or a
    link that already exists."""
    if kind not in (LinkKind.RELATED, LinkKind.DUPLICATE):
        raise InvalidLink()
    with transaction.atomic():
        referral, _status = _take_step(referral_id, "link", user)
        # Only within one hub: another hub's reference is as unknown as one that does not exist.
        other = Referral.objects.filter(
            reference=(other_reference or "").strip().upper(), hub_id=referral.hub_id
        ).first()
        if other is None or other.pk == referral.pk:
            raise InvalidLink()
        exists = ReferralLink.objects.filter(
            from_referral__in=[referral, other], to_referral__in=[referral, other], kind=kind
        ).exists()
        if exists:
            raise InvalidLink()
        link = ReferralLink.objects.create(from_referral=referral, to_referral=other, kind=kind)
        _audit(referral, "referrals.link", user, other=other.reference, kind=kind)
    return link


CANCELLED_ON_FINISH = {
    "resolve": _("Cancelled when the referral was resolved."),
    "close": _("Cancelled when the referral was closed."),
}


def _settle_open_actions(referral, user, step, cancel_open_actions, now):
    """A referral is finished only once no agency has work open on it: without ``cancel_open_actions`` its open
    actions refuse the step (OpenActions, naming them); with it each is cancelled here, in the same transaction,
    with an update and an audit-log entry like any other change to an action. The referral is locked already, and
    ``update_action`` locks it first too, so no action changes under us."""
    actions = list(ReferralAction.objects.open().filter(referral=referral).select_related("organisation"))
    if not actions:
        return
    if not cancel_open_actions:
        raise OpenActions(actions)
    for action in actions:
        if ActionStatus.CANCELLED not in ACTION_TRANSITIONS.get(action.status, []):
            raise InvalidTransition()
        action.status = ActionStatus.CANCELLED
        action.completed_at = now
        action.save(update_fields=["status", "completed_at"])
        note = str(CANCELLED_ON_FINISH[step])
        ActionUpdate.objects.create(action=action, author=user, status=action.status, note=note, created_at=now)
        _audit(referral, "referrals.update_action", user, action_id=action.pk, action_status=action.status)


def _finish(*, referral_id, user, step, reason, note, now, action, cancel_open_actions):
    now = now or timezone.now()
    with transaction.atomic():
        referral, status = _take_step(referral_id, step, user)
        _settle_open_actions(referral, user, step, cancel_open_actions, now)
        referral.status = status
        referral.closure_reason = reason
        referral.closure_note = note
        referral.finished_at = now
        referral.save()
        _audit(referral, action, user, reason=reason)
        notifications.referral_finished(referral)
    return referral


def resolve_referral(*, referral_id, user, note="", cancel_open_actions=False, now=None):
    """The problem is resolved. Raises InvalidTransition unless the referral is accepted or in progress, and
    OpenActions if agencies still have actions open on it, unless ``cancel_open_actions`` cancels them."""
    return _finish(
        referral_id=referral_id,
        user=user,
        step="resolve",
        reason=ClosureReason.RESOLVED,
        note=note,
        now=now,
        action="referrals.resolve",
        cancel_open_actions=cancel_open_actions,
    )


def close_referral(*, referral_id, user, reason, note="", cancel_open_actions=False, now=None):
    """Close without resolution, with a reason. Raises InvalidTransition, MissingDetail, and OpenActions as
    ``resolve_referral`` does."""
    if reason not in ClosureReason.values:
        raise MissingDetail()
    return _finish(
        referral_id=referral_id,
        user=user,
        step="close",
        reason=reason,
        note=note,
        now=now,
        action="referrals.close",
        cancel_open_actions=cancel_open_actions,
    )


def transfer_referral(*, referral_id, user, to_hub_id, reason, now=None):
    """Hand an open referral to another hub. The user must work for its hub and may triage. The sending hub
    keeps a ``ReferralTransfer`` (reference, when, where to, why, by whom) and nothing else; the receiving hub's
    coordinators are emailed a link. Raises NotPermitted, InvalidTransition (not open), InvalidTransfer (no such
    hub, or its own), MissingDetail (no reason)."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise MissingDetail()
    if user is None or not user.has_perm("referrals.triage_referral"):
        raise NotPermitted()
    with transaction.atomic():
        referral = _lock(referral_id)
        _check_hub(referral, user)
        if referral.status not in OPEN_STATUSES:
            raise InvalidTransition()
        to_hub = Hub.objects.select_related("site").filter(pk=to_hub_id).first()
        if to_hub is None or to_hub.pk == referral.hub_id:
            raise InvalidTransfer()
        transfer = ReferralTransfer.objects.create(
            referral=referral,
            reference=referral.reference,
            from_hub_id=referral.hub_id,
            to_hub=to_hub,
            transferred_by=user,
            transferred_at=now,
            reason=reason,
        )
        referral.hub = to_hub
        referral.save(update_fields=["hub", "updated_at"])
        # Its history goes with it: the sending hub's reports no longer list it.
        log_registry.get_logs_for_instance(referral).update(hub=to_hub)
        _audit(referral, "referrals.transfer", user, from_hub=transfer.from_hub_id, to_hub=to_hub.pk)
        notifications.referral_transferred(referral, transfer)
    return transfer


def record_view(*, referral, user):
    """Every staff view of a referral is in the audit log (DESIGN invariant 4)."""
    _audit(referral, "referrals.view", user)
