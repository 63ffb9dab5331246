import csv
import io

import pytest
from django.contrib.auth.models import Group
from wagtail import hooks

from directory.models import Area
from portal.county import county_figures, flatten
from portal.figures import HOOK
from portal.groups import COUNTY_ANALYSTS
from tests.factories.directory import AreaFactory
from tests.factories.users import UserFactory, hub_coordinator, superuser

pytestmark = pytest.mark.django_db

URL = "/admin/county-figures/"


def area_section(*, start, today, hubs):
    """A section that counts only inside ``hubs``, as every section must."""
    return {"areas_counted": Area.objects.filter(hub__in=hubs).count(), "nested": {"two": 2}, "by_x": [], "runs": []}


def refused(response):
    """Wagtail turns a PermissionDenied in the admin into a redirect to the dashboard with an error message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def county_analyst():
    user = UserFactory(username="analyst", email="analyst@example.org", totp=True)
    user.groups.add(Group.objects.get(name=COUNTY_ANALYSTS))
    return user


def test_each_hub_column_counts_only_that_hub_and_the_county_adds_them_up(hub, other_hub):
    AreaFactory.create_batch(2, hub=hub)
    AreaFactory.create_batch(3, hub=other_hub)
    with hooks.register_temporarily(HOOK, lambda: [area_section]):
        figures = county_figures()
    assert [h.pk for h in figures["hubs"]] == [h.pk for h in (hub, other_hub)] or len(figures["hubs"]) == 2
    row = next(row for row in figures["rows"] if row["label"] == "Areas counted")
    by_hub = dict(zip([h.pk for h in figures["hubs"]], row["values"], strict=True))
    assert by_hub[hub.pk] == Area.objects.filter(hub=hub).count()
    assert by_hub[other_hub.pk] == 3
    assert row["total"] == Area.objects.count()


def test_flatten_keeps_counts_only():
    flat = flatten(
        {
            "median_days_to_close": 4.5,
            "referrals_now": {"open": 3, "awaiting_triage": 1},
            "by_category": [{"key": "personal", "label": "Personal", "received": 2, "accepted": 1}],
            "monthly": [{"label": "Jan", "received": 1}, {"label": "Feb", "received": 4}],
            "runs": [{"pk": 9, "label": "Cohort 1", "filled": 5, "programme_title": "Future Pathways"}],
        }
    )
    assert flat == {
        "Median days to close": 4.5,
        "Referrals now – Open": 3,
        "Referrals now – Awaiting triage": 1,
        "By category – Personal – Received": 2,
        "By category – Personal – Accepted": 1,
        "Monthly – Received": 5,
        "Runs – Filled": 5,
    }


@pytest.mark.parametrize("who", ["superuser", "county analyst"])
def test_superusers_and_county_analysts_see_every_hub_side_by_side(client, hub, other_hub, who):
    user = superuser(username="boss", email="boss@example.org") if who == "superuser" else county_analyst()
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert hub.name in page and other_hub.name in page and "County" in page
    menu = client.get("/admin/").content.decode()
    assert URL in menu


def test_the_csv_has_a_column_per_hub_and_the_county(client, hub, other_hub):
    client.force_login(county_analyst())
    AreaFactory(hub=other_hub)
    with hooks.register_temporarily(HOOK, lambda: [area_section]):
        response = client.get(URL + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Figure" and rows[0][-1] == "County"
    assert {hub.name, other_hub.name} <= set(rows[0])
    areas = next(row for row in rows if row[0] == "Areas counted")
    assert int(areas[rows[0].index(other_hub.name)]) == 1
    assert "@" not in response.content.decode(), "counts only: no email addresses"


def test_hub_staff_may_not_see_the_county(client, hub, other_hub):
    client.force_login(hub_coordinator(username="coord", email="coord@example.org"))
    for url in (URL, URL + "csv/"):
        response = client.get(url)
        assert refused(response), url
    assert URL not in client.get("/admin/").content.decode()


def test_signed_out_people_are_sent_to_sign_in(client, hub):
    response = client.get(URL + "csv/")
    assert response.status_code == 302
    assert "login" in response["Location"]
