"""Generate a large, realistic-looking partner directory for benchmarks (not for tests or demos).

``generate(organisations=2000, services=6000)`` bulk-creates published organisations and services with
categories, areas, locations, opening times and contacts, built from the hub's vocabulary so that searches
like "noise" or "street drinking" have genuine matches among thousands of distractors. Deterministic for a
given seed. Call it inside a configured Django process (bench/directory_search.py does).
"""

import random
from datetime import time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

TOWNS = [
    "Westfield",
    "Eastmoor",
    "Northby",
    "Southwick",
    "Fellside",
    "Marsh End",
    "Harbour Row",
    "Kirkbeck",
    "Low Green",
    "Highcross",
]
KINDS = [
    "Community Trust",
    "Neighbourhood Team",
    "Advice Centre",
    "Housing Association",
    "Youth Project",
    "Wellbeing Hub",
    "Recovery Service",
    "Befriending Scheme",
    "Enforcement Team",
    "Safety Partnership",
]
# category slug -> (service names, phrases used in descriptions and keywords)
TOPICS = {
    "community-safety": (
        ["Anti-social behaviour casework", "Neighbourhood watch"],
        "anti-social behaviour, intimidation",
    ),
    "housing": (["Tenancy support", "Housing advice"], "tenancy, repairs, neighbour disputes, housing"),
    "homelessness": (["Homelessness prevention", "Rough sleeper outreach"], "homeless, rough sleeping, eviction"),
    "health-and-wellbeing": (["Wellbeing drop-in", "Healthy lifestyles"], "health, wellbeing, exercise"),
    "mental-health": (["Crisis support", "Talking therapies"], "mental health, anxiety, crisis"),
    "drugs-and-alcohol": (
        ["Drug and alcohol recovery", "Needle exchange"],
        "drugs, alcohol, recovery, street drinking",
    ),
    "young-people": (["Youth club", "Detached youth work"], "young people, youth, teenagers"),
    "older-people": (["Befriending", "Lunch club"], "older people, lonely, isolated, befriending"),
    "victims-and-witnesses": (["Victim support", "Witness care"], "victims, witnesses, hate crime"),
    "environment-and-enforcement": (
        ["Noise nuisance service", "Graffiti removal", "Fly-tipping enforcement"],
        "noise, graffiti, fly-tipping, litter, dog fouling",
    ),
    "licensing": (["Licensing advice", "Premises licensing"], "licensing, pubs, alcohol sales, taxis"),
    "fire-safety": (["Home fire safety checks", "Arson reduction"], "fire safety, smoke alarms, deliberate fires"),
    "policing": (["Neighbourhood policing", "Crime prevention"], "police, crime, burglary"),
    "offending-and-rehabilitation": (["Probation support", "Liaison and diversion"], "probation, offending"),
    "parks-and-green-spaces": (["Parks and play areas", "Green space volunteers"], "parks, play areas, trees"),
    "employment-and-skills": (["Job club", "Skills for work"], "jobs, training, skills, employment"),
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA"]


def _organisation(number, rng, today):
    from directory.models import Organisation

    town = rng.choice(TOWNS)
    kind = rng.choice(KINDS)
    topics = rng.sample(sorted(TOPICS), 2)
    return Organisation(
        name=f"{town} {kind} {number}",
        slug=f"bench-{number}",
        summary=f"{kind} working in {town} on {TOPICS[topics[0]][1]}.",
        description=f"We help residents of {town} with {TOPICS[topics[0]][1]} and {TOPICS[topics[1]][1]}.",
        email=f"team{number}@example.org",
        phone=f"01632 960{number % 1000:03d}",
        website=f"https://example.org/bench/{number}",
        keywords=TOPICS[topics[0]][1],
        live=True,
        last_reviewed_at=today - timedelta(days=rng.randint(0, 500)),
    )


def _service(organisation, number, rng):
    from directory.models import Service

    slug = rng.choice(sorted(TOPICS))
    names, phrases = TOPICS[slug]
    minimum = rng.choice([None, 0, 11, 16, 18, 50])
    maximum = rng.choice([None, 25, 65]) if minimum is None or minimum < 25 else None
    service = Service(
        organisation=organisation,
        name=f"{rng.choice(names)} ({organisation.name.split()[0]})",
        description=f"Practical help with {phrases}. Service {number}.",
        minimum_age=minimum,
        maximum_age=maximum,
        eligibility="Anyone living or working in the area.",
        is_free=rng.random() < 0.8,
        live=True,
    )
    service.bench_term = slug
    return service


def _children(service, rng):
    from directory.models import ServiceContact, ServiceLocation, ServiceSchedule

    location = ServiceLocation(
        service=service,
        name=f"{rng.choice(TOWNS)} Community Centre",
        address_1=f"{rng.randint(1, 200)} High Street",
        city=rng.choice(TOWNS),
        postcode=f"WF{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFG')}{rng.choice('HJLNPQ')}",
        latitude=Decimal("54.5") + Decimal(rng.randint(0, 9999)) / 100000,
        longitude=Decimal("-3.5") + Decimal(rng.randint(0, 9999)) / 100000,
    )
    schedules = [
        ServiceSchedule(service=service, weekday=day, opens_at=time(9), closes_at=time(17))
        for day in rng.sample(WEEKDAYS, 2)
    ]
    contact = ServiceContact(service=service, name="Duty officer", phone="01632 960999")
    return location, schedules, contact


@transaction.atomic
def generate(*, organisations=2000, services=6000, seed=2026):
    """Bulk-create the directory. Returns (organisations, services) created."""
    from directory.models import (
        Area,
        Organisation,
        Service,
        ServiceContact,
        ServiceLocation,
        ServiceSchedule,
        TaxonomyTerm,
    )
    from portal.hubs import default_hub

    rng = random.Random(seed)
    today = timezone.localdate()
    hub = default_hub()
    areas = [
        Area.objects.get_or_create(
            slug=f"bench-{town.lower().replace(' ', '-')}", defaults={"name": f"{town} (bench)", "hub": hub}
        )[0]
        for town in TOWNS
    ]
    terms = {term.slug: term for term in TaxonomyTerm.objects.all()}
    orgs = Organisation.objects.bulk_create([_organisation(n, rng, today) for n in range(organisations)])
    new_services = [_service(orgs[n % organisations], n, rng) for n in range(services)]
    Service.objects.bulk_create(new_services)
    term_links, area_links, locations, schedules, contacts = [], [], [], [], []
    for service in new_services:
        term_links.append(
            Service.taxonomy_terms.through(service_id=service.pk, taxonomyterm_id=terms[service.bench_term].pk)
        )
        area_links.append(Service.areas.through(service_id=service.pk, area_id=rng.choice(areas).pk))
        location, opening_times, contact = _children(service, rng)
        locations.append(location)
        schedules.extend(opening_times)
        contacts.append(contact)
    Service.taxonomy_terms.through.objects.bulk_create(term_links)
    Service.areas.through.objects.bulk_create(area_links)
    ServiceLocation.objects.bulk_create(locations)
    ServiceSchedule.objects.bulk_create(schedules)
    ServiceContact.objects.bulk_create(contacts)
    return len(orgs), len(new_services)
