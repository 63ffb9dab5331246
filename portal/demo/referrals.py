"""A year of demo referrals: residents' reports and partner referrals in every state, category and area, with
actions (some overdue), notes, and four reports about the Market Square benches that flag an ASB Case Review.

Written directly (no emails, no audit entries) from a seeded random generator, so every run makes the same
set; references start DEMO- and the whole set is added once, in one transaction.
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from directory.models import Area, Organisation
from directory.referrals.choices import (
    TARGET_WORKING_DAYS,
    TYPES_BY_CATEGORY,
    ActionStatus,
    Category,
    ClosureReason,
    ContactPreference,
    DeclineReason,
    LinkKind,
    SharingBasis,
    Source,
    Status,
    SubjectType,
    Urgency,
)
from directory.referrals.models import Referral, ReferralAction, ReferralLink, ReferralNote
from directory.referrals.services import place_key
from directory.referrals.workdays import add_working_days
from portal import tokens

PREFIX = "DEMO-"
COUNT = 150
SEED = 2026
AREAS = ["westfield-town-centre", "northgate", "riverside", "moorhouse", "fellside-villages"]
AGENCIES = {
    Category.PERSONAL: ["westfield-neighbourhood-policing-team", "westfield-homes", "westshire-victim-support"],
    Category.NUISANCE: [
        "westfield-council-asb-enforcement",
        "westfield-neighbourhood-policing-team",
        "westfield-council-licensing",
        "westfield-drug-and-alcohol-service",
    ],
    Category.ENVIRONMENTAL: [
        "westfield-council-street-cleansing",
        "westfield-council-environmental-health",
        "westfield-council-greenspaces",
        "westshire-fire-and-rescue",
    ],
}
PLACES = [
    "the bus shelter on Lowther Street",
    "the play park off Kells Lane",
    "the alley behind Beck Road shops",
    "the car park at Flatt Walks",
    "the footpath along the Beck",
    "the village green",
    "the underpass by the station",
    "the recreation ground",
    "the lane behind the Co-op",
    "the harbour steps",
]
WHAT = {
    "noise": "Loud music and shouting late into the night, most weekends.",
    "rowdy": "A group gathers, shouts at people passing and kicks bins over.",
    "street_drinking": "People drinking from about midday, leaving cans and bottles behind.",
    "drugs": "Needles and small bags found on the ground, and people dealing in the evenings.",
    "vehicles": "Motorbikes and cars racing up and down, sometimes on the pavement.",
    "fireworks": "Fireworks let off towards houses and at passing cars.",
    "begging": "People asking for money by the cash machine and following shoppers.",
    "intimidation": "The same young people shout abuse at me and my children when we go out.",
    "vandalism": "Fresh graffiti and broken fencing every week.",
    "litter": "Bags of rubbish and an old mattress dumped, and it keeps happening.",
    "other": "Ongoing trouble that is making people feel unsafe.",
}
NAMES = ["Sam Taylor", "Chris Evans", "Priya Shah", "Jordan Reid", "Morgan Price", "Ali Hassan", "Jo Clarke"]
NOTES = [
    "Spoke to the reporter by phone; they are keeping a diary.",
    "Discussed at the monthly tasking meeting: patrols agreed.",
    "Partner visit done; waiting to hear back.",
]
CLUSTER = {
    "postcode": "WF1 1QS",
    "location_description": "Benches by the war memorial, Market Square",
    "category": Category.NUISANCE,
    "report_type": "street_drinking",
}


def seed_referrals(today, report):
    if Referral.objects.filter(reference__startswith=PREFIX).exists():
        return
    areas = {area.slug: area for area in Area.objects.filter(slug__in=AREAS)}
    agencies = {org.slug: org for org in Organisation.objects.published()}
    now = min(timezone.make_aware(datetime.combine(today, time(12))), timezone.now())
    rng = random.Random(SEED)  # noqa: S311 - demo data, the same on every run by design
    with transaction.atomic():
        made = [_referral(rng, index, now, areas, agencies) for index in range(COUNT)]
        made += _cluster(now, areas, len(made))
        Referral.objects.bulk_create(made)
        saved = list(Referral.objects.filter(reference__startswith=PREFIX).order_by("reference"))
        _actions_and_notes(rng, saved, now, agencies)
        _link_cluster(saved)
    report.append(f"Created {len(made)} demo referrals.")


def _status(rng, age_days):
    if age_days > 60:
        choices = [(Status.RESOLVED, 55), (Status.CLOSED, 18), (Status.DECLINED, 15), (Status.IN_PROGRESS, 12)]
    elif age_days > 14:
        choices = [(Status.IN_PROGRESS, 45), (Status.ACCEPTED, 15), (Status.RESOLVED, 20), (Status.DECLINED, 20)]
    else:
        choices = [(Status.SUBMITTED, 50), (Status.ACCEPTED, 30), (Status.IN_PROGRESS, 10), (Status.DECLINED, 10)]
    statuses, weights = zip(*choices, strict=True)
    return rng.choices(statuses, weights)[0]


def _referral(rng, index, now, areas, agencies):
    # Spread evenly over 360 days; the newest arrives today, so even on the 1st this month has one.
    age_days = max(round((COUNT - 1 - index) * 360 / COUNT) - rng.randint(0, 2), 0)
    submitted = now - timedelta(days=age_days, hours=rng.randint(0, 10) if age_days else 0)
    category = rng.choices(list(Category), weights=[20, 55, 25])[0]
    report_type = rng.choice(TYPES_BY_CATEGORY[category])
    area = areas.get(rng.choice(AREAS))
    place = f"{PLACES[index % len(PLACES)]} ({index + 1})"
    referral = Referral(
        reference=f"{PREFIX}{index + 1:04d}",
        status_token_hash=tokens.hash_token(f"demo-referral-{index}"),
        category=category,
        report_type=report_type,
        location_description=place.capitalize(),
        area=area,
        place_key=place_key(postcode="", area_id=area.pk if area else None, location_description=place),
        occurred_at=submitted - timedelta(days=rng.randint(0, 3)),
        is_ongoing=rng.random() < 0.6,
        description=WHAT[report_type],
        submitted_at=submitted,
    )
    if rng.random() < 0.7:
        _as_public_report(rng, referral, index)
    else:
        _as_partner_referral(rng, referral, category, agencies)
    _triage(rng, referral, now, category, agencies)
    return referral


def _as_public_report(rng, referral, index):
    referral.source = Source.PUBLIC
    referral.reporter_anonymous = rng.random() < 0.4
    if not referral.reporter_anonymous:
        referral.reporter_name = NAMES[index % len(NAMES)]
        referral.reporter_email = f"resident{index + 1}@example.org"
        referral.contact_preference = ContactPreference.EMAIL
    referral.impact = "It makes me anxious about going out after dark."
    referral.vulnerable_person = rng.random() < 0.1


def _as_partner_referral(rng, referral, category, agencies):
    referral.source = Source.PARTNER
    referral.referring_organisation = agencies.get(rng.choice(AGENCIES[category]))
    referral.subject_type = SubjectType.LOCATION if category != Category.PERSONAL else SubjectType.PERSON
    referral.summary = referral.description[:120]
    referral.urgency = rng.choices(list(Urgency), weights=[70, 25, 5])[0]
    referral.sharing_basis = SharingBasis.SECTION_115
    referral.vulnerable_person = referral.urgency == Urgency.URGENT


def _triage(rng, referral, now, category, agencies):
    status = _status(rng, (now - referral.submitted_at).days)
    referral.status = status
    if status == Status.SUBMITTED:
        return
    if status == Status.DECLINED:
        referral.decline_reason = rng.choice(list(DeclineReason))
        if referral.decline_reason == DeclineReason.SIGNPOSTED:
            referral.signposted_to = agencies.get("westfield-council-housing-options")
            referral.decline_reason = DeclineReason.SIGNPOSTED if referral.signposted_to else DeclineReason.NOT_ASB
        referral.finished_at = min(referral.submitted_at + timedelta(days=rng.randint(1, 4)), now)
        return
    accepted = referral.submitted_at + timedelta(days=rng.randint(0, 3), hours=2)
    referral.accepted_at = min(accepted, now)
    referral.priority = rng.choices(["P1", "P2", "P3"], weights=[15, 45, 40])[0]
    accepted_day = timezone.localdate(referral.accepted_at)
    referral.target_contact_date = add_working_days(accepted_day, TARGET_WORKING_DAYS[referral.priority])
    # Open work has rolling reviews, a few of them overdue; finished work was reviewed four weeks in.
    open_review = timezone.localdate(now) + timedelta(days=rng.randint(-7, 21))
    referral.review_date = open_review if referral.is_open else accepted_day + timedelta(days=28)
    referral.lead_agency = agencies.get(rng.choice(AGENCIES[category]))
    if status in (Status.RESOLVED, Status.CLOSED):
        referral.finished_at = min(referral.accepted_at + timedelta(days=rng.randint(5, 70)), now)
        referral.closure_reason = (
            ClosureReason.RESOLVED
            if status == Status.RESOLVED
            else rng.choice([ClosureReason.NO_FURTHER_ACTION, ClosureReason.REFERRED_ON, ClosureReason.NO_CONTACT])
        )


def _cluster(now, areas, start):
    """Four reports about the same place in three months: the hub's ASB Case Review threshold (three) is met."""
    area = areas.get("westfield-town-centre")
    key = place_key(postcode=CLUSTER["postcode"], area_id=None, location_description="")
    return [
        Referral(
            reference=f"{PREFIX}{start + offset + 1:04d}",
            status_token_hash=tokens.hash_token(f"demo-referral-cluster-{offset}"),
            source=Source.PUBLIC,
            status=Status.SUBMITTED if offset == 3 else Status.IN_PROGRESS,
            reporter_anonymous=True,
            area=area,
            place_key=key,
            description=WHAT["street_drinking"],
            submitted_at=now - timedelta(days=days),
            accepted_at=None if offset == 3 else now - timedelta(days=days - 1),
            priority="" if offset == 3 else "P2",
            review_date=None if offset == 3 else timezone.localdate(now) - timedelta(days=days - 29),
            case_review_flag=True,
            **CLUSTER,
        )
        for offset, days in enumerate((80, 45, 20, 2))
    ]


def _actions_and_notes(rng, referrals, now, agencies):
    today = timezone.localdate(now)
    actions, notes = [], []
    for referral in referrals:
        if referral.accepted_at and referral.status != Status.ACCEPTED:
            actions += _actions_for(rng, referral, today, agencies)
        if referral.status != Status.SUBMITTED and rng.random() < 0.35:
            notes.append(
                ReferralNote(
                    referral=referral,
                    text=rng.choice(NOTES),
                    created_at=min(referral.submitted_at + timedelta(days=2), now),
                )
            )
    ReferralAction.objects.bulk_create(actions)
    ReferralNote.objects.bulk_create(notes)


def _actions_for(rng, referral, today, agencies):
    actions = []
    for slug in rng.sample(AGENCIES[referral.category], k=rng.randint(1, 2)):
        organisation = agencies.get(slug)
        if organisation is None:
            continue
        due = timezone.localdate(referral.accepted_at) + timedelta(days=rng.randint(5, 30))
        if referral.is_open:
            # Work in hand: about a third of it overdue.
            due = today + timedelta(days=rng.randint(-12, 21))
            status = rng.choice([ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
        else:
            status = rng.choices([ActionStatus.DONE, ActionStatus.CANCELLED], weights=[85, 15])[0]
        actions.append(
            ReferralAction(
                referral=referral,
                organisation=organisation,
                description=f"{organisation.name}: visit {referral.location_description.lower()} and report back.",
                due_date=due,
                status=status,
                created_at=referral.accepted_at,
                completed_at=None if referral.is_open else referral.finished_at,
            )
        )
    return actions


def _link_cluster(referrals):
    cluster = [referral for referral in referrals if referral.place_key.startswith("pc:")]
    ReferralLink.objects.bulk_create(
        ReferralLink(from_referral=earlier, to_referral=later, kind=LinkKind.SAME_PLACE)
        for index, later in enumerate(cluster)
        for earlier in cluster[:index]
    )
