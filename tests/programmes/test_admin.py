import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.groups import HUB_COORDINATORS, HUB_EDITORS
from programmes.models import Run
from tests.factories import ProgrammePageFactory, RunFactory, SessionFactory

pytestmark = pytest.mark.django_db

RUNS_URL = "/admin/programmes/run/"


@pytest.fixture
def programme(programme_index):
    return ProgrammePageFactory(parent=programme_index, title="Future Pathways")


def test_groups_exist_with_their_permissions(hub):
    editors = Group.objects.get(name=HUB_EDITORS)
    coordinators = Group.objects.get(name=HUB_COORDINATORS)
    assert editors.permissions.filter(codename="access_admin").exists()
    # Page permissions are per hub (issue 11): on the hub's editors' group, not the role group.
    assert hub.editors_group.page_permissions.filter(permission__codename="publish_page").exists()
    assert not editors.permissions.filter(codename__endswith="_run").exists()
    assert coordinators.permissions.filter(codename="change_run").exists()
    assert not coordinators.page_permissions.filter(permission__codename="publish_page").exists()


def _list_queries(client):
    client.get(RUNS_URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(RUNS_URL, {"programme": "abc"})
    assert response.status_code == 200
    return len(queries)


def test_coordinator_lists_runs_without_n_plus_one(client, staff, programme):
    client.force_login(staff(HUB_COORDINATORS))
    SessionFactory(run=RunFactory(programme=programme))
    few = _list_queries(client)
    for _ in range(9):
        SessionFactory(run=RunFactory(programme=ProgrammePageFactory(parent=programme.get_parent())))
    assert _list_queries(client) == few
    assert "Future Pathways" in client.get(RUNS_URL, {"programme": str(programme.pk)}).content.decode()


def test_coordinator_creates_a_run_with_its_sessions(client, staff, programme):
    client.force_login(staff(HUB_COORDINATORS))
    start = (timezone.localtime() + timedelta(days=30)).replace(second=0, microsecond=0)
    fmt = "%Y-%m-%d %H:%M"
    data = {
        "programme": programme.pk,
        "title": "Cohort 3",
        "capacity": "30",
        "booking_mode": "school",
        "per_school_cap": "10",
        "booking_opens": (start - timedelta(days=20)).strftime(fmt),
        "booking_closes": (start - timedelta(days=2)).strftime(fmt),
        "notes": "",
        "allocation": "first_come",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    for index in range(2):
        day = start + timedelta(weeks=index)
        data |= {
            f"sessions-{index}-title": f"Session {index + 1}",
            f"sessions-{index}-start": day.strftime(fmt),
            f"sessions-{index}-end": (day + timedelta(hours=2)).strftime(fmt),
            f"sessions-{index}-venue": "Westfield Community Centre",
            f"sessions-{index}-venue_address": "",
            f"sessions-{index}-ORDER": str(index),
            f"sessions-{index}-DELETE": "",
            f"sessions-{index}-id": "",
        }
    response = client.post(RUNS_URL + "create/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    run = Run.objects.get(title="Cohort 3")
    assert run.sessions.count() == 2


def test_coordinator_gets_a_clear_error_for_a_backwards_booking_window(client, staff, programme):
    client.force_login(staff(HUB_COORDINATORS))
    response = client.post(
        RUNS_URL + "create/",
        {
            "programme": programme.pk,
            "title": "Backwards",
            "capacity": "10",
            "booking_mode": "school",
            "booking_opens": "2030-01-10 09:00",
            "booking_closes": "2030-01-01 09:00",
            "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0",
            "sessions-MIN_NUM_FORMS": "1",
            "sessions-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "Booking must close after it opens." in response.content.decode()
    assert not Run.objects.filter(title="Backwards").exists()


def test_editor_cannot_manage_runs(client, staff, programme):
    run = RunFactory(programme=programme)
    client.force_login(staff(HUB_EDITORS))
    assert client.get(RUNS_URL).status_code in {302, 403}
    assert client.get(f"{RUNS_URL}edit/{run.pk}/").status_code in {302, 403}
    response = client.post(f"{RUNS_URL}delete/{run.pk}/")
    assert response.status_code in {302, 403}
    assert Run.objects.filter(pk=run.pk).exists()


def test_anonymous_visitor_is_sent_to_log_in(client, programme):
    response = client.get(RUNS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")


def test_run_export_neutralises_titles_and_leaves_no_limit_blank(client, staff, programme):
    RunFactory(programme=programme, title="=1+2 summer", capacity=12, per_school_cap=None)
    client.force_login(staff(HUB_COORDINATORS))
    response = client.get(RUNS_URL, {"export": "csv"})
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Title"] == "'=1+2 summer"
    assert row["Places"] == "12"
    assert row["Most places one school can book"] == ""
