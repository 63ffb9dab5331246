"""The demo hub's tasking: a closed priority location (street drinking on Lowther Street, with its counts before
and after), an active one (the Market Square benches, where the demo's repeat reports are), three past meetings
with issued minutes, decisions and actions, the next meeting planned, and the forward plan.

Built through the tasking services with a backdated clock, from ``data/tasking.json``, once per hub; the emails
issuing the minutes queues are discarded by ``seed_all`` like every other demo email.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from directory.models import Area, Organisation
from directory.referrals import services as referral_services
from directory.referrals.choices import ActionStatus, Category, Priority, ReportType
from directory.tasking import services
from directory.tasking.models import Meeting, PriorityLocation
from portal.hubs import default_hub

from .data import load
from .people import demo_coordinator

DATA = load("tasking")
REPORT_PREFIX = "DEMO-T"


class DemoTasking:
    def __init__(self, hub, today):
        self.hub = hub
        self.now = min(timezone.make_aware(datetime.combine(today, time(11))), timezone.now())
        self.today = timezone.localdate(self.now)
        self.user = demo_coordinator(hub)
        self.agencies = {org.slug: org for org in Organisation.objects.filter(hub_partnerships__hub=hub)}
        self.areas = {area.slug: area for area in Area.objects.filter(hub=hub)}

    def ago(self, days):
        return self.now - timedelta(days=days)

    def agency_id(self, slug):
        agency = self.agencies.get(slug) or next(iter(self.agencies.values()))
        return agency.pk

    def reports(self, facts):
        """Reports at the closed location, a year before it was agreed and while it was a priority, each accepted
        and resolved within a fortnight."""
        for index, days in enumerate(facts["reports_days_ago"]):
            details = {
                "reference": f"{REPORT_PREFIX}{index + 1:03d}",
                "category": Category.NUISANCE,
                "report_type": ReportType.STREET_DRINKING,
                "location_description": facts["location_description"],
                "postcode": facts["postcodes"][0],
                "area": self.areas.get(facts["area"]),
                "description": "People drinking at the shelter from midday, leaving cans behind.",
                "reporter_anonymous": True,
            }
            referral, _token = referral_services.submit_report(hub=self.hub, details=details, now=self.ago(days))
            referral_services.accept_referral(
                referral_id=referral.pk,
                user=self.user,
                priority=Priority.P3,
                lead_agency_id=self.agency_id(facts["lead"]),
                now=self.ago(days - 1),
            )
            referral_services.resolve_referral(referral_id=referral.pk, user=self.user, now=self.ago(days - 12))

    def location(self, facts):
        location = services.create_priority_location(
            hub=self.hub,
            user=self.user,
            name=facts["name"],
            reason=facts["reason"],
            area_id=self.areas[facts["area"]].pk if facts["area"] in self.areas else None,
            lead_agency_id=self.agency_id(facts["lead"]),
            postcodes=facts["postcodes"],
            streets=facts["streets"] if facts["area"] in self.areas else [],
            problem=facts["problem"],
            now=self.ago(facts["agreed_days_ago"] + 7),
        )
        agreed = self.ago(facts["agreed_days_ago"])
        services.change_location_status(location_id=location.pk, user=self.user, step="agree", now=agreed)
        if facts["analysis"] or facts["public_summary"]:
            services.update_plan(
                location_id=location.pk,
                user=self.user,
                problem=facts["problem"],
                analysis=facts["analysis"],
                public_summary=facts["public_summary"],
            )
        return location

    def plan_actions(self, location, facts, *, done=False):
        """The location's agreed responses: due so many days ago and done (a closed location's), or due in so
        many days, some already overdue (an active one's)."""
        for slug, what, days in facts["actions"]:
            due = self.today - timedelta(days=days) if done else self.today + timedelta(days=days)
            action = services.add_location_action(
                location_id=location.pk,
                user=self.user,
                organisation_id=self.agency_id(slug),
                description=what,
                due_date=due,
                now=self.ago(facts["agreed_days_ago"]),
            )
            if done:
                services.update_tasking_action(
                    action_id=action.pk, user=self.user, status=ActionStatus.DONE, now=self.ago(days + 2)
                )

    def closed_location(self):
        facts = DATA["closed_location"]
        self.reports(facts)
        location = self.location(facts)
        self.plan_actions(location, facts, done=True)
        services.change_location_status(
            location_id=location.pk,
            user=self.user,
            step="close",
            assessment=facts["assessment"],
            now=self.ago(facts["closed_days_ago"]),
        )

    def active_location(self):
        facts = DATA["active_location"]
        location = self.location(facts)
        services.review_location(
            location_id=location.pk,
            user=self.user,
            next_review=self.today + timedelta(days=facts["review_in_days"]),
            now=self.ago(facts["agreed_days_ago"]),
        )
        self.plan_actions(location, facts)

    def events(self):
        for event in DATA["events"]:
            services.add_event(
                hub=self.hub,
                user=self.user,
                name=event["name"],
                starts_on=self.today + timedelta(days=event["days_ahead"]),
                place=event["place"],
                lead_id=self.agency_id(event["lead"]),
                partner_ids=sorted({self.agency_id(slug) for slug in event["partners"]}),
            )

    def past_meeting(self, facts):
        held = self.ago(facts["days_ago"])
        meeting = services.schedule_meeting(
            hub=self.hub, user=self.user, held_on=timezone.localdate(held), chair=facts["chair"], now=held
        )
        services.add_agenda_item(meeting_id=meeting.pk, user=self.user, title=DATA["other_business"])
        items = list(meeting.items.order_by("position")[: len(DATA["decisions"])])
        for item, decision, (slug, what, due_in) in zip(
            items, DATA["decisions"], DATA["meeting_actions"], strict=False
        ):
            services.record_decision(item_id=item.pk, user=self.user, decision=decision)
            action = services.add_item_action(
                item_id=item.pk,
                user=self.user,
                organisation_id=self.agency_id(slug),
                description=what,
                due_date=timezone.localdate(held) + timedelta(days=due_in),
                now=held,
            )
            if facts["actions_done"]:
                services.update_tasking_action(
                    action_id=action.pk, user=self.user, status=ActionStatus.DONE, now=held + timedelta(days=due_in)
                )
        present = sorted({self.agency_id(slug) for slug in facts["present"]})
        services.record_meeting_held(meeting_id=meeting.pk, user=self.user, agency_ids=present)
        services.issue_minutes(meeting_id=meeting.pk, user=self.user, now=held + timedelta(days=2))

    def meetings(self):
        for facts in DATA["meetings"]:
            self.past_meeting(facts)
        services.schedule_meeting(
            hub=self.hub,
            user=self.user,
            held_on=self.today + timedelta(days=DATA["next_meeting_in_days"]),
            chair="Neighbourhood inspector",
            now=self.now,
        )


def seed_tasking(today, report, hub=None):
    """The tasking of ``hub`` (default: the default hub), once."""
    hub = hub or default_hub()
    if PriorityLocation.objects.filter(hub=hub).exists() or Meeting.objects.filter(hub=hub).exists():
        return
    with transaction.atomic():
        demo = DemoTasking(hub, today)
        demo.closed_location()
        demo.active_location()
        demo.events()
        demo.meetings()
    report.append(f"Created the tasking demo for {hub.name}: two priority locations, four meetings, three events.")
