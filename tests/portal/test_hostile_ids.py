"""Ids from URLs and query strings that no table could hold, or that are not numbers at all, are "not found"
(or an ignored filter), never a server error: SQLite raises OverflowError and PostgreSQL DataError when such a
number reaches a query through a foreign or one-to-one key."""

import pytest
from django.test import Client
from django.urls import reverse

from directory.referrals.models import Referral
from portal.groups import HUB_COORDINATORS
from portal.ids import MAX_ID, IdConverter, parse_id
from tests.directory.partners.dashboard_support import make_partner
from tests.factories import OrganisationFactory, ProgrammePageFactory, RunFactory, SessionFactory

pytestmark = pytest.mark.django_db

BEYOND_ANY_KEY = ["9223372036854775808", "99999999999999999999", "9" * 100]
LARGEST_KEYS = ["2147483647", "2147483648", str(MAX_ID)]
NOT_NUMBERS = ["abc", "16abc", "1e9", "NaN", "²", "٣", "-1", "x" * 10_000]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        ("0042", 42),
        (" 7 ", 7),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 100, None),
        ("0", None),
        ("-1", None),
        ("²", None),
        ("٣", None),
        ("1.0", None),
        ("1\x00", None),
        ("", None),
        (None, None),
        (12, 12),
    ],
)
def test_parse_id_accepts_only_ids_a_table_could_hold(value, expected):
    assert parse_id(value) == expected


def test_the_id_converter_refuses_numbers_beyond_any_key():
    converter = IdConverter()
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_ID + 1))


@pytest.fixture
def programme(programme_index):
    programme = ProgrammePageFactory(parent=programme_index, title="Future Pathways")
    SessionFactory(run=RunFactory(programme=programme))
    return programme


@pytest.mark.parametrize("value", BEYOND_ANY_KEY + LARGEST_KEYS)
def test_a_calendar_of_a_programme_that_cannot_exist_is_not_found(client, programme, value):
    assert client.get(f"/programmes/calendar/{programme.pk}.ics").status_code == 200
    assert client.get(f"/programmes/calendar/{value}.ics").status_code == 404


@pytest.mark.parametrize("value", BEYOND_ANY_KEY + LARGEST_KEYS)
@pytest.mark.parametrize("path", ["/book/{}/", "/book/{}/check/", "/book/{}/contact/"])
def test_booking_pages_of_a_run_that_cannot_exist_are_not_found(client, programme, path, value):
    assert client.get(path.format(value)).status_code == 404


@pytest.fixture
def partner_client(client):
    organisation = OrganisationFactory()
    client.force_login(make_partner(organisation))
    return client, organisation


@pytest.mark.parametrize("value", BEYOND_ANY_KEY + LARGEST_KEYS)
def test_partner_pages_of_ids_that_cannot_exist_are_not_found(partner_client, value):
    client, organisation = partner_client
    paths = [
        f"/partners/organisations/{value}/",
        f"/partners/organisations/{value}/services/add/",
        f"/partners/organisations/{organisation.pk}/services/{value}/",
        f"/partners/organisations/{organisation.pk}/services/{value}/remove/",
        f"/partners/referrals/actions/{value}/",
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path


@pytest.fixture
def coordinator(client, staff):
    client.force_login(staff(HUB_COORDINATORS))
    return client


@pytest.mark.parametrize("value", BEYOND_ANY_KEY + NOT_NUMBERS)
def test_admin_list_filters_ignore_ids_that_cannot_exist(coordinator, programme, value):
    run = programme.runs.get()
    assert coordinator.get("/admin/programmes/run/", {"programme": value}).status_code == 200
    assert coordinator.get("/admin/bookings/booking/", {"programme": value, "run": value}).status_code == 200
    listed = coordinator.get("/admin/programmes/run/", {"programme": programme.pk})
    assert run.title in listed.content.decode()


@pytest.mark.parametrize("value", BEYOND_ANY_KEY + NOT_NUMBERS)
def test_the_referral_area_filter_ignores_ids_that_cannot_exist(admin_user, value):
    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/referrals/referral/", {"area": value}).status_code == 200
    assert not Referral.objects.exists()


@pytest.mark.parametrize("value", ["abc", "16abc", "1e9", "NaN", "²", "x" * 200, *BEYOND_ANY_KEY])
@pytest.mark.parametrize("action", ["edit", "inspect", "delete", "history"])
def test_modeladmin_pages_of_keys_that_are_not_ids_are_not_found(coordinator, programme, action, value):
    run = programme.runs.get()
    assert coordinator.get(f"/admin/programmes/run/{action}/{run.pk}/").status_code == 200
    assert coordinator.get(f"/admin/programmes/run/{action}/{value}/").status_code == 404
    assert coordinator.get(f"/admin/bookings/booking/{action}/{value}/").status_code == 404


@pytest.mark.parametrize("value", BEYOND_ANY_KEY)
def test_staff_booking_pages_of_ids_that_cannot_exist_are_not_found(coordinator, value):
    paths = [
        f"/admin/bookings/runs/{value}/",
        f"/admin/bookings/sessions/{value}/register/",
        f"/admin/bookings/sessions/{value}/register/print/",
    ]
    for path in paths:
        assert coordinator.get(path).status_code == 404, path
    assert coordinator.post(reverse("bookings_admin:cancel", args=[1]).replace("/1/", f"/{value}/")).status_code == 404
