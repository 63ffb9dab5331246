"""Demo partner agencies, their services and the areas the hub covers (data/directory.json; contact details
are fictional).

Entries are published through revisions, as hub staff would, then given their review dates: publishing marks an
entry reviewed today, so the deliberately stale ones are dated afterwards.
"""

from datetime import time, timedelta

from django.utils import timezone
from wagtail.search import index

from directory.models import Area, Organisation, Service, ServiceContact, ServiceLocation, ServiceSchedule, TaxonomyTerm
from directory.partners.models import HubPartnership
from portal.hubs import default_hub

from .data import load

REVIEWED_DAYS_AGO = 40


def seed_directory(report, today=None):
    today = today or timezone.localdate()
    data = load("directory")
    areas = _seed_areas(data["areas"])
    lookups = {"areas": areas, "terms": _vocabulary(), "places": data["places"]}
    existing = set(Organisation.objects.values_list("slug", flat=True))
    added = [entry for entry in data["organisations"] if entry["slug"] not in existing]
    for entry in added:
        _create_organisation(entry, lookups, today)
    if added:
        report.append(f"Added {len(added)} partner organisations to the directory.")
    return report


def _vocabulary():
    """The hub's categories by slug (a migration creates them)."""
    return {term.slug: term for term in TaxonomyTerm.objects.all()}


def _seed_areas(rows):
    areas = {}
    for position, row in enumerate(rows):
        areas[row["slug"]], _ = Area.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "hub": default_hub(),
                "name": row["name"],
                "description": row["description"],
                "sort_order": position,
            },
        )
    return areas


def _create_organisation(entry, lookups, today):
    fields = {key: value for key, value in entry.items() if key not in {"services", "reviewed_days_ago"}}
    organisation = Organisation(live=False, **fields)
    organisation.save()
    organisation.save_revision().publish()
    for service in entry["services"]:
        _create_service(organisation, service, lookups)
    reviewed = today - timedelta(days=entry.get("reviewed_days_ago", REVIEWED_DAYS_AGO))
    Organisation.objects.filter(pk=organisation.pk).update(last_reviewed_at=reviewed)
    organisation.refresh_from_db()
    index.insert_or_update_object(organisation)
    return organisation


def _schedules(groups):
    """Opening times as data: ``{"days": [...], "opens": "09:00", "closes": "17:00", "notes": ...}``."""
    return [
        ServiceSchedule(
            weekday=day,
            opens_at=time.fromisoformat(group["opens"]),
            closes_at=time.fromisoformat(group["closes"]),
            notes=group.get("notes", ""),
        )
        for group in groups
        for day in group["days"]
    ]


def _locations(rows, places):
    """Each location is a place's key in the data file's "places" or the location's own fields."""
    return [ServiceLocation(**(places[row] if isinstance(row, str) else row)) for row in rows]


def _create_service(organisation, data, lookups):
    data = dict(data)
    service = Service(
        organisation=organisation,
        live=False,
        taxonomy_terms=[lookups["terms"][slug] for slug in data.pop("terms")],
        areas=[lookups["areas"][slug] for slug in data.pop("areas", [])],
        locations=_locations(data.pop("locations", []), lookups["places"]),
        schedules=_schedules(data.pop("schedules", [])),
        contacts=[ServiceContact(**contact) for contact in data.pop("contacts", [])],
        **data,
    )
    service.save()
    service.save_revision().publish()
    return service


def seed_hub_directory(hub, facts, report):
    """``hub``'s own areas and the partner organisations that work with it (``facts["partners"]``: "all" or slugs)."""
    for position, row in enumerate(facts.get("areas", [])):
        Area.objects.get_or_create(
            slug=row["slug"],
            defaults={"hub": hub, "name": row["name"], "description": row["description"], "sort_order": position},
        )
    wanted = Organisation.objects.all()
    if facts.get("partners") != "all":
        wanted = wanted.filter(slug__in=facts.get("partners", []))
    missing = wanted.exclude(hub_partnerships__hub=hub)
    added = HubPartnership.objects.bulk_create([HubPartnership(hub=hub, organisation=org) for org in missing])
    if added:
        report.append(f"{len(added)} partner organisations now work with {hub.name}.")
    if facts.get("partners") != "all":
        _cover_hub(hub, wanted, report)


def _cover_hub(hub, organisations, report):
    """The county partners' services cover ``hub``'s areas too (a service naming no area covers every hub)."""
    areas = list(Area.objects.filter(hub=hub))
    covering = 0
    for service in Service.objects.filter(organisation__in=organisations, live=True).exclude(areas__isnull=True):
        if service.areas.filter(hub=hub).exists():
            continue
        service.areas.add(*areas)
        service.save()
        service.save_revision().publish()
        covering += 1
    if covering:
        report.append(f"{covering} county services now cover {hub.name}.")
