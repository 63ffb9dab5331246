"""Partner users for the dashboard tests: a person with a membership, signed in with force_login."""

from tests.factories import partner_of


def make_partner(*organisations, email="partner@example.org"):
    return partner_of(*organisations, username=email, email=email, password="not-used")


def signed_in(client, user):
    client.force_login(user)
    return client


HOSTILE_SCRIPT = "<script>alert('x')</script>"
TEN_THOUSAND = "x" * 10_000


def formset_data(prefix, rows, *, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def service_data(*, terms, locations=(), schedules=(), contacts=(), initial=None, **fields):
    """POST data for the service form; ``initial`` gives each formset's count of existing rows."""
    initial = initial or {}
    data = {
        "name": "Youth outreach",
        "description": "Detached youth workers in parks on Friday nights.",
        "status": "active",
        "taxonomy_terms": [term.pk for term in terms],
        "is_free": "yes",
        **fields,
    }
    data.update(formset_data("locations", list(locations), initial=initial.get("locations", 0)))
    data.update(formset_data("schedules", list(schedules), initial=initial.get("schedules", 0)))
    data.update(formset_data("contacts", list(contacts), initial=initial.get("contacts", 0)))
    return {key: value for key, value in data.items() if value is not None}


def organisation_data(**fields):
    data = {
        "summary": "Keeps neighbourhoods safe.",
        "description": "We work with the hub.",
        "how_to_refer": "Phone us.",
        "email": "team@example.org",
        "phone": "01632 960000",
        "website": "https://example.org/",
        "address": "1 Market Street, Westfield",
        **fields,
    }
    return {key: value for key, value in data.items() if value is not None}
