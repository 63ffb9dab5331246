"""Who may use the tasking screens: hub coordinators (``referrals.triage_referral``) and superusers, and only for
the hubs they work for. Another hub's location, meeting, event or action is not found, like an unknown id."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from directory.tasking.models import ForwardEvent, Meeting, PriorityLocation, TaskingAction
from portal.hubs import hub_ids_for, hubs_for

TRIAGE_PERMISSION = "referrals.triage_referral"


def can_task(user):
    return user.is_authenticated and user.has_perm(TRIAGE_PERMISSION)


def require_tasking(user):
    if not can_task(user):
        raise PermissionDenied


def staff_hubs(user):
    return hubs_for(user) if can_task(user) else hubs_for(user).none()


def _scoped(model, user):
    if not can_task(user):
        return model.objects.none()
    return model.objects.filter(hub_id__in=hub_ids_for(user))


def locations_for(user):
    return _scoped(PriorityLocation, user)


def meetings_for(user):
    return _scoped(Meeting, user)


def events_for(user):
    return _scoped(ForwardEvent, user)


def actions_for(user):
    return _scoped(TaskingAction, user)


def one_or_404(queryset, pk):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
