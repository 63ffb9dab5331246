"""The partner tasking pages' one gate: signed in as a partner (the partners domain's rule), and only their
organisations' tasking actions, and only the issued minutes of a meeting their organisation attended or was
given actions at, of a hub it works with. Anything else is a 404."""

from django.db.models import Q
from django.http import Http404

from directory.partners.models import HubPartnership, PartnerMembership
from directory.partners.permissions import partner_required
from directory.tasking.choices import MeetingStatus
from directory.tasking.models import Meeting, TaskingAction

__all__ = ["actions_for_partner", "meeting_for_partner", "partner_required"]


def actions_for_partner(user):
    organisation_ids = PartnerMembership.objects.organisation_ids_for(user)
    return TaskingAction.objects.assigned_to(organisation_ids).select_related(
        "organisation", "hub", "priority_location", "item__meeting"
    )


def meeting_for_partner(user, meeting_id):
    organisation_ids = list(PartnerMembership.objects.organisation_ids_for(user))
    hub_ids = HubPartnership.objects.filter(organisation_id__in=organisation_ids).values("hub_id")
    meeting = (
        Meeting.objects.filter(pk=meeting_id, status=MeetingStatus.ISSUED, hub_id__in=hub_ids)
        .filter(Q(agencies_present__in=organisation_ids) | Q(items__actions__organisation_id__in=organisation_ids))
        .select_related("hub")
        .distinct()
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting
