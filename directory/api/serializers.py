"""Directory rows as Open Referral UK (HSDS 3.0 UK profile) JSON. Empty optional fields are left out.

Rows the directory does not store separately (a service's areas, its cost, the link between a service and a
taxonomy term, a location's address and accessibility note, a contact's phone) get ids derived with uuid5
from their parents' ids, so they are stable from one response to the next.
"""

import datetime
from uuid import uuid5

from django.conf import settings

COUNTRY = "GB"
LINK_TYPE = "category"


def compact(data):
    """``data`` without the keys whose value is None, an empty string, or an empty list or object."""
    return {
        key: value for key, value in data.items() if value is not None and value != "" and value != [] and value != {}
    }


def derived_id(parent_uuid, kind, *parts):
    return str(uuid5(parent_uuid, ":".join([kind, *map(str, parts)])))


def _date_time(value):
    return value.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _number(value):
    return None if value is None else float(value)


def taxonomy(taxonomy, *, terms=None):
    data = {
        "id": str(taxonomy.uuid),
        "name": taxonomy.name,
        "description": taxonomy.description,
        "uri": taxonomy.uri,
        "version": taxonomy.version,
    }
    if terms is not None:
        data["taxonomy_terms"] = [taxonomy_term(term) for term in terms]
    return compact(data)


def taxonomy_term(term):
    """Needs ``taxonomy`` and ``parent`` selected with the term."""
    return compact(
        {
            "id": str(term.uuid),
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent.uuid) if term.parent_id else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy.uuid),
            "term": term.code or term.slug,
        }
    )


def organization(organisation, *, absolute_url):
    logo = absolute_url(organisation.logo.file.url) if organisation.logo_id else None
    return compact(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            "description": organisation.description or organisation.summary or organisation.name,
            "email": organisation.email,
            "website": organisation.website,
            "logo": logo,
        }
    )


def service_summary(service, *, absolute_url):
    """The one-to-one fields of a service and its organisation: an item of a /services page."""
    organisation = service.organisation
    return compact(
        {
            "id": str(service.uuid),
            "organization_id": str(organisation.uuid),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees": service.fees,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": organisation.last_reviewed_at.isoformat() if organisation.last_reviewed_at else None,
            "alert": service.alert,
            "last_modified": _date_time(service.last_modified),
            "organization": organization(organisation, absolute_url=absolute_url),
        }
    )


def schedule(service, opening):
    return compact(
        {
            "id": str(opening.uuid),
            "service_id": str(service.uuid),
            "freq": "WEEKLY",
            "interval": 1,
            "byday": opening.weekday,
            "opens_at": opening.opens_at.isoformat(timespec="seconds"),
            "closes_at": opening.closes_at.isoformat(timespec="seconds"),
            "description": str(opening),
            "notes": opening.notes,
        }
    )


def service_area(service, area):
    return compact(
        {
            "id": derived_id(service.uuid, "service_area", area.uuid),
            "service_id": str(service.uuid),
            "name": area.name,
            "service_area": area.description,
        }
    )


def cost_options(service):
    if service.is_free:
        option = {"option": "Free", "amount": 0}
    elif service.fees:
        option = {"amount_description": service.fees}
    else:
        return []
    return [{"id": derived_id(service.uuid, "cost_option"), "service_id": str(service.uuid), **option}]


def phones(owner_uuid, number, **link):
    if not number:
        return []
    return [{"id": derived_id(owner_uuid, "phone"), **link, "number": number}]


def contact(service, person):
    return compact(
        {
            "id": str(person.uuid),
            "service_id": str(service.uuid),
            "name": person.name,
            "title": person.title,
            "email": person.email,
            "phones": phones(person.uuid, person.phone, contact_id=str(person.uuid)),
        }
    )


def attribute(service, term):
    return {
        "id": derived_id(service.uuid, "attribute", term.uuid),
        "link_id": str(service.uuid),
        "link_type": LINK_TYPE,
        "taxonomy_term_id": str(term.uuid),
        "taxonomy_term": taxonomy_term(term),
    }


def location_summary(place):
    return compact(
        {
            "id": str(place.uuid),
            "location_type": place.location_type,
            "name": place.name,
            "latitude": _number(place.latitude),
            "longitude": _number(place.longitude),
        }
    )


def address(place):
    if not (place.address_1 and place.city and place.postcode):
        return []
    state_province = getattr(settings, "OPEN_REFERRAL_STATE_PROVINCE", "England")
    return [
        {
            "id": derived_id(place.uuid, "address"),
            "location_id": str(place.uuid),
            "address_1": place.address_1,
            "city": place.city,
            "state_province": state_province,
            "postal_code": place.postcode,
            "country": COUNTRY,
            "address_type": "postal" if place.location_type == "postal" else "physical",
        }
    ]


def location(place):
    accessibility = []
    if place.accessibility:
        accessibility = [
            {
                "id": derived_id(place.uuid, "accessibility"),
                "location_id": str(place.uuid),
                "description": place.accessibility,
            }
        ]
    return compact({**location_summary(place), "addresses": address(place), "accessibility": accessibility})


def service_at_location(service, place, *, full):
    return compact(
        {
            "id": str(place.service_at_location_uuid),
            "service_id": str(service.uuid),
            "location_id": str(place.uuid),
            "location": location(place) if full else location_summary(place),
        }
    )


def service_full(service, *, absolute_url):
    """A fully nested service. Needs the related rows prefetched (queries.services_in_full)."""
    return compact(
        {
            **service_summary(service, absolute_url=absolute_url),
            "schedules": [schedule(service, opening) for opening in service.schedules.all()],
            "service_areas": [service_area(service, area) for area in service.areas.all()],
            "service_at_locations": [
                service_at_location(service, place, full=True) for place in service.locations.all()
            ],
            "cost_options": cost_options(service),
            "contacts": [contact(service, person) for person in service.contacts.all()],
            "phones": phones(service.uuid, service.phone, service_id=str(service.uuid)),
            "attributes": [attribute(service, term) for term in service.taxonomy_terms.all()],
        }
    )


def service_at_location_summary(place, *, absolute_url):
    return {
        **service_at_location(place.service, place, full=False),
        "service": service_summary(place.service, absolute_url=absolute_url),
    }


def service_at_location_full(place, *, absolute_url):
    return {
        **service_at_location(place.service, place, full=True),
        "service": service_full(place.service, absolute_url=absolute_url),
    }
