"""Demo partner agencies, their services and the areas the hub covers.

Entries are published through revisions, as hub staff would, then given their review dates: publishing marks an
entry reviewed today, so the deliberately stale ones are dated afterwards.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.search import index

from directory.models import Area, Organisation, Service, ServiceContact, ServiceLocation, ServiceSchedule, TaxonomyTerm

from .directory_agencies import EMERGENCY_SERVICES, HOUSING_PROVIDERS
from .directory_council import COUNCIL_TEAMS
from .directory_places import AREAS
from .directory_support import HEALTH_AND_JUSTICE, VOLUNTARY

ORGANISATIONS = [*COUNCIL_TEAMS, *EMERGENCY_SERVICES, *HOUSING_PROVIDERS, *HEALTH_AND_JUSTICE, *VOLUNTARY]
REVIEWED_DAYS_AGO = 40


def seed_directory(report, today=None):
    today = today or timezone.localdate()
    areas = _seed_areas()
    terms = _vocabulary()
    existing = set(Organisation.objects.values_list("slug", flat=True))
    added = [entry for entry in ORGANISATIONS if entry["slug"] not in existing]
    for entry in added:
        _create_organisation(entry, areas, terms, today)
    if added:
        report.append(f"Added {len(added)} partner organisations to the directory.")
    return report


def _vocabulary():
    """The hub's categories by slug (a migration creates them)."""
    return {term.slug: term for term in TaxonomyTerm.objects.all()}


def _seed_areas():
    areas = {}
    for position, (slug, name, description) in enumerate(AREAS):
        areas[slug], _ = Area.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": position}
        )
    return areas


def _create_organisation(entry, areas, terms, today):
    fields = {key: value for key, value in entry.items() if key not in {"services", "reviewed_days_ago"}}
    organisation = Organisation(live=False, **fields)
    organisation.save()
    organisation.save_revision().publish()
    for service in entry["services"]:
        _create_service(organisation, service, areas, terms)
    reviewed = today - timedelta(days=entry.get("reviewed_days_ago", REVIEWED_DAYS_AGO))
    Organisation.objects.filter(pk=organisation.pk).update(last_reviewed_at=reviewed)
    organisation.refresh_from_db()
    index.insert_or_update_object(organisation)
    return organisation


def _create_service(organisation, data, areas, terms):
    data = dict(data)
    service = Service(
        organisation=organisation,
        live=False,
        taxonomy_terms=[terms[slug] for slug in data.pop("terms")],
        areas=[areas[slug] for slug in data.pop("areas", [])],
        locations=[ServiceLocation(**location) for location in data.pop("locations", [])],
        schedules=[
            ServiceSchedule(weekday=day, opens_at=opens, closes_at=closes, notes=notes)
            for day, opens, closes, notes in data.pop("schedules", [])
        ],
        contacts=[
            ServiceContact(name=name, title=title, phone=phone, email=email)
            for name, title, phone, email in data.pop("contacts", [])
        ],
        **data,
    )
    service.save()
    service.save_revision().publish()
    return service
