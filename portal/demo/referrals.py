"""A year of demo referrals: residents' reports and partner referrals in every state, category and area, with
actions (some overdue), notes, and four reports about the Market Square benches that flag an ASB Case Review.

Built through the referral services with a backdated clock, so the demo only shows states the services can
produce: target dates, repeat links and the Case Review flag are theirs. The made-up reports come from
``data/referrals.json`` and a seeded random generator, so every run makes the same set; references start
DEMO- and the whole set is added once, in one transaction. A demo hub coordinator takes the triage steps and
an inactive demo referrer per agency makes the partner referrals; the emails the services queue about the
made-up reports are deleted before anything can send them.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from directory.models import Area, Organisation
from directory.partners.models import PartnerMembership
from directory.referrals import services
from directory.referrals.choices import (
    IN_HAND_STATUSES,
    TYPES_BY_CATEGORY,
    ActionStatus,
    Category,
    ClosureReason,
    ContactPreference,
    DeclineReason,
    Priority,
    SharingBasis,
    Status,
    SubjectType,
    Urgency,
)
from directory.referrals.models import Referral
from portal.hubs import default_hub

from .data import load
from .people import demo_coordinator

DATA = load("referrals")
PREFIX = "DEMO-"
COUNT = 150
SEED = 2026


def seed_referrals(today, report, hub=None, plan=None):
    """A year of referrals for ``hub`` (default: the default hub), as ``plan`` (data/hubs.json) says."""
    hub = hub or default_hub()
    plan = {"prefix": PREFIX, "count": COUNT, "seed": SEED, "key": "demo-referral", "repeat_location": True} | (
        plan or {}
    )
    if Referral.objects.filter(hub=hub, reference__startswith=plan["prefix"]).exists():
        return
    now = min(timezone.make_aware(datetime.combine(today, time(12))), timezone.now())
    with transaction.atomic():
        demo = DemoHub(random.Random(plan["seed"]), now, hub=hub, plan=plan)  # noqa: S311 - the same every run
        for index in range(plan["count"]):
            demo.add_referral(index)
        added = plan["count"]
        if plan["repeat_location"]:
            demo.add_repeat_location(plan["count"])
            added += len(DATA["repeat_location"]["days_ago"])
    report.append(f"Created {added} demo referrals for {hub.name}.")


def _status(rng, age_days):
    if age_days > 60:
        choices = [(Status.RESOLVED, 55), (Status.CLOSED, 18), (Status.DECLINED, 15), (Status.IN_PROGRESS, 12)]
    elif age_days > 14:
        choices = [(Status.IN_PROGRESS, 45), (Status.ACCEPTED, 15), (Status.RESOLVED, 20), (Status.DECLINED, 20)]
    else:
        choices = [(Status.SUBMITTED, 50), (Status.ACCEPTED, 30), (Status.IN_PROGRESS, 10), (Status.DECLINED, 10)]
    statuses, weights = zip(*choices, strict=True)
    return rng.choices(statuses, weights)[0]


def _referrer(organisation):
    """An inactive member of ``organisation`` to make its partner referrals: it can never sign in or be mailed."""
    user, created = get_user_model().objects.get_or_create(
        username=f"demo-referrer-{organisation.slug}"[:150], defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save()
    PartnerMembership.objects.get_or_create(user=user, organisation=organisation)
    return user


class DemoHub:
    """The demo's hub staff and partners at work, each step at its own time up to ``now``."""

    def __init__(self, rng, now, *, hub, plan):
        self.rng = rng
        self.now = now
        self.hub = hub
        self.plan = plan
        self.today = timezone.localdate(now)
        self.area_slugs = plan.get("areas", DATA["areas"])
        self.by_category = plan.get("agencies_by_category", DATA["agencies_by_category"])
        self.areas = {area.slug: area for area in Area.objects.filter(hub=hub, slug__in=self.area_slugs)}
        self.agencies = {org.slug: org for org in Organisation.objects.published().filter(hub_partnerships__hub=hub)}
        self.coordinator = demo_coordinator(hub)
        self.referrers = {}

    def at(self, moment):
        return min(moment, self.now)

    def agency(self, category, *, lead=False):
        available = [self.agencies[slug] for slug in self.by_category[category] if slug in self.agencies]
        if lead and not available:
            available = list(self.agencies.values())[:1]
        return self.rng.choice(available) if available else None

    def add_referral(self, index):
        # Spread evenly over 360 days; the newest arrives today, so even on the 1st this month has one.
        age_days = max(round((COUNT - 1 - index) * 360 / COUNT) - self.rng.randint(0, 2), 0)
        submitted = self.now - timedelta(days=age_days, hours=self.rng.randint(0, 10) if age_days else 0)
        category = self.rng.choices(list(Category), weights=[20, 55, 25])[0]
        report_type = self.rng.choice(TYPES_BY_CATEGORY[category])
        area = self.areas.get(self.rng.choice(self.area_slugs))
        place = f"{DATA['places'][index % len(DATA['places'])]} ({index + 1})"
        details = {
            "reference": f"{self.plan['prefix']}{index + 1:04d}",
            "category": category,
            "report_type": report_type,
            "location_description": place.capitalize(),
            "area": area,
            "occurred_at": submitted - timedelta(days=self.rng.randint(0, 3)),
            "is_ongoing": self.rng.random() < 0.6,
            "description": DATA["descriptions"][report_type],
        }
        referral = self.submit(index, details, submitted)
        self.triage(referral, _status(self.rng, age_days))

    def submit(self, index, details, submitted):
        if self.rng.random() < 0.7:
            return self.report(index, details, submitted)
        organisation = self.agency(details["category"])
        if organisation is None:
            return self.report(index, details, submitted)
        if organisation.pk not in self.referrers:
            self.referrers[organisation.pk] = _referrer(organisation)
        urgency = self.rng.choices(list(Urgency), weights=[70, 25, 5])[0]
        details |= {
            "subject_type": SubjectType.PERSON if details["category"] == Category.PERSONAL else SubjectType.LOCATION,
            "summary": details["description"][:120],
            "urgency": urgency,
            "sharing_basis": SharingBasis.SECTION_115,
            "vulnerable_person": False,
        }
        referral, _token = services.submit_partner_referral(
            user=self.referrers[organisation.pk],
            organisation_id=organisation.pk,
            details=details,
            hub=self.hub,
            now=submitted,
        )
        return referral

    def report(self, index, details, submitted):
        anonymous = self.rng.random() < 0.4
        details |= {"reporter_anonymous": anonymous, "impact": DATA["impact"]}
        if not anonymous:
            names = DATA["reporter_names"]
            details |= {
                "reporter_name": names[index % len(names)],
                "reporter_email": f"resident{index + 1}@example.org",
                "contact_preference": ContactPreference.EMAIL,
            }
        details["vulnerable_person"] = self.rng.random() < 0.1
        referral, _token = services.submit_report(
            details=details, hub=self.hub, submission_key=f"{self.plan['key']}-{index}", now=submitted
        )
        return referral

    def triage(self, referral, status):
        if status == Status.SUBMITTED:
            return
        if status == Status.DECLINED:
            self.decline(referral)
        else:
            self.accept(referral, status)
            if status != Status.ACCEPTED:
                self.add_actions(referral, finished=status != Status.IN_PROGRESS)
            if status in (Status.RESOLVED, Status.CLOSED):
                self.finish(referral, status)
        if self.rng.random() < 0.35:
            services.add_note(
                referral_id=referral.pk,
                user=self.coordinator,
                text=self.rng.choice(DATA["notes"]),
                now=self.at(referral.submitted_at + timedelta(days=2)),
            )

    def decline(self, referral):
        reason = self.rng.choice(list(DeclineReason))
        signposted = (
            self.agencies.get(self.plan.get("signposting_agency", DATA["signposting_agency"]))
            if reason == DeclineReason.SIGNPOSTED
            else None
        )
        if reason == DeclineReason.SIGNPOSTED and signposted is None:
            reason = DeclineReason.NOT_ASB
        services.decline_referral(
            referral_id=referral.pk,
            user=self.coordinator,
            reason=reason,
            signposted_to_id=signposted.pk if signposted else None,
            now=self.at(referral.submitted_at + timedelta(days=self.rng.randint(1, 4))),
        )

    def accept(self, referral, status, *, priority=None, review_date=None):
        accepted = self.at(referral.submitted_at + timedelta(days=self.rng.randint(0, 3), hours=2))
        priority = priority or self.rng.choices(list(Priority), weights=[15, 45, 40])[0]
        if review_date is None and status in IN_HAND_STATUSES:
            # Open work has rolling reviews, a few of them overdue; finished work had the usual four weeks.
            review_date = self.today + timedelta(days=self.rng.randint(-7, 21))
        services.accept_referral(
            referral_id=referral.pk,
            user=self.coordinator,
            priority=priority,
            lead_agency_id=self.agency(referral.category, lead=True).pk,
            review_date=review_date,
            now=accepted,
        )
        referral.accepted_at = accepted

    def add_actions(self, referral, *, finished):
        slugs = self.by_category[referral.category]
        assigned = self.at(referral.accepted_at + timedelta(days=1))
        for slug in self.rng.sample(slugs, k=self.rng.randint(1, 2)):
            organisation = self.agencies.get(slug)
            if organisation is None:
                continue
            if finished:
                due = timezone.localdate(referral.accepted_at) + timedelta(days=self.rng.randint(5, 30))
            else:
                # Work in hand: about a third of it overdue.
                due = max(self.today + timedelta(days=self.rng.randint(-12, 21)), timezone.localdate(assigned))
            action = services.add_action(
                referral_id=referral.pk,
                user=self.coordinator,
                organisation_id=organisation.pk,
                description=DATA["action"].format(
                    agency=organisation.name, place=referral.location_description.lower()
                ),
                due_date=due,
                now=assigned,
            )
            self.progress(action, finished=finished, assigned=assigned)

    def progress(self, action, *, finished, assigned):
        if finished:
            status = self.rng.choices([ActionStatus.DONE, ActionStatus.CANCELLED], weights=[85, 15])[0]
        else:
            status = self.rng.choice([ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
        if status != ActionStatus.OPEN:
            services.update_action(
                action_id=action.pk, user=self.coordinator, status=status, now=self.at(assigned + timedelta(days=3))
            )

    def finish(self, referral, status):
        finished = self.at(referral.accepted_at + timedelta(days=self.rng.randint(5, 70)))
        if status == Status.RESOLVED:
            services.resolve_referral(referral_id=referral.pk, user=self.coordinator, now=finished)
            return
        reason = self.rng.choice([ClosureReason.NO_FURTHER_ACTION, ClosureReason.REFERRED_ON, ClosureReason.NO_CONTACT])
        services.close_referral(referral_id=referral.pk, user=self.coordinator, reason=reason, now=finished)

    def add_repeat_location(self, start):
        """Four reports about one place in three months: the third meets the hub's ASB Case Review threshold
        and the services link and flag them; the newest still waits for triage."""
        place = DATA["repeat_location"]
        days_ago = place["days_ago"]
        for offset, days in enumerate(days_ago):
            details = {
                "reference": f"{self.plan['prefix']}{start + offset + 1:04d}",
                "reporter_anonymous": True,
                "area": self.areas.get(place["area"]),
                "description": DATA["descriptions"][place["report_type"]],
                **{key: place[key] for key in ("postcode", "location_description", "category", "report_type")},
            }
            referral, _token = services.submit_report(
                details=details,
                hub=self.hub,
                submission_key=f"{self.plan['key']}-repeat-{offset}",
                now=self.now - timedelta(days=days),
            )
            if offset < len(days_ago) - 1:
                review_date = self.today - timedelta(days=days - 29)
                self.accept(referral, Status.IN_PROGRESS, priority=Priority.P2, review_date=review_date)
                self.add_actions(referral, finished=False)
