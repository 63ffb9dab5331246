"""Hub staff's one gate on the directory's hub-owned rows: areas belong to a hub, and staff list, add, edit and
delete only the areas of the hubs they work for (``portal.hubs.hub_ids_for``; superusers: every hub). Organisations,
services and the vocabulary are shared by every hub and keep the role groups' model permissions.

Directory review reminders and publishing stay with the role groups too: the directory is one for the county."""

from django.http import Http404

from directory.models import Area
from portal.hubs import hub_ids_for, hubs_for


def areas_for(user):
    """The areas ``user`` may manage: those of the hubs they work for."""
    return Area.objects.filter(hub_id__in=hub_ids_for(user))


def hubs_choosable_by(user):
    return hubs_for(user)


class HubAreaObjectMixin:
    """For every snippet view that takes one area: an area of another hub is not found."""

    def get_object(self, queryset=None):
        area = super().get_object(queryset)
        if area is not None and area.hub_id not in hub_ids_for(self.request.user):
            raise Http404
        return area
