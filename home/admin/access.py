"""Who sees the search report: anyone who works for a hub (its editors and staff groups, superusers for every hub),
and only their hubs' searches."""

from home.models import SearchTally
from portal.hubs import hub_ids_for


def can_see_search_report(user):
    return bool(hub_ids_for(user))


def tallies_for(user):
    return SearchTally.objects.filter(hub_id__in=hub_ids_for(user))
