"""Who hears what about tasking: when a meeting's minutes are issued, each partner of an agency given actions
gets one email listing links to them and to the minutes. Links only, never the content (DESIGN invariant 4)."""

from collections import defaultdict

from django.urls import reverse

from directory.partners.models import PartnerMembership
from portal.outbox import queue_email
from portal.site import absolute_url


def minutes_issued(meeting, actions):
    """One email per partner whose organisations were given any of ``actions`` at ``meeting``."""
    organisation_ids = {action.organisation_id for action in actions}
    memberships = PartnerMembership.objects.filter(organisation_id__in=organisation_ids, user__is_active=True).exclude(
        user__email=""
    )
    by_email = defaultdict(set)
    for email, organisation_id in memberships.values_list("user__email", "organisation_id"):
        by_email[email].add(organisation_id)
    minutes_url = absolute_url(reverse("partners:tasking_minutes", args=[meeting.pk]), hub=meeting.hub)
    for email, organisations in sorted(by_email.items()):
        links = [
            {
                "url": absolute_url(reverse("partners:tasking_action", args=[action.pk]), hub=meeting.hub),
                "due_date": action.due_date,
            }
            for action in actions
            if action.organisation_id in organisations
        ]
        context = {"held_on": meeting.held_on, "actions": links, "minutes_url": minutes_url}
        queue_email(
            to=email,
            template="tasking_minutes_issued",
            context=context,
            hub=meeting.hub,
            dedupe_key=f"tasking-minutes-{meeting.pk}-{email}",
        )
