"""Only triage staff (Hub coordinators, superusers) reach any referral admin page: the wrong user for every view."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.referrals import services
from directory.referrals.choices import Priority, Status
from directory.referrals.models import Referral, ReferralNote
from portal.groups import HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS
from portal.models import HubLogEntry
from tests.factories.hubs import the_default_hub

pytestmark = pytest.mark.django_db

ADMIN = "/admin/referrals/referral/"


@pytest.fixture
def in_progress(report_details, agency):
    referral, _ = services.submit_report(hub=the_default_hub(), details=report_details())
    services.accept_referral(referral_id=referral.pk, user=None, priority=Priority.P2, lead_agency_id=agency.pk)
    action = services.add_action(
        referral_id=referral.pk,
        user=None,
        organisation_id=agency.pk,
        description="Visit",
        due_date=timezone.localdate(),
    )
    return Referral.objects.get(pk=referral.pk), action


def page_urls(referral, action):
    return {
        "list": ADMIN,
        "inspect": f"{ADMIN}inspect/{referral.pk}/",
        "history": f"{ADMIN}history/{referral.pk}/",
        **{
            name: reverse(f"referrals_admin:{name}", args=[referral.pk])
            for name in ("accept", "decline", "add_action", "note", "link", "resolve", "close")
        },
        "update_action": reverse("referrals_admin:update_action", args=[action.pk]),
        "figures": reverse("referrals_admin:figures"),
        "figures_csv": reverse("referrals_admin:figures_csv"),
    }


POSTS = {
    "accept": {"priority": "P1"},
    "decline": {"reason": "not_asb"},
    "add_action": {"description": "Patrol", "due_date": "2099-01-01"},
    "note": {"text": "A note that must not be stored"},
    "link": {"reference": "HUB-XXXX-XXXX", "kind": "related"},
    "resolve": {"note": ""},
    "close": {"reason": "no_further_action"},
    "update_action": {"status": "done", "note": ""},
}


@pytest.fixture(params=["anonymous", HUB_EDITORS, HUB_SAFEGUARDING_LEADS, "partner", "staff without a group"])
def wrong_client(request, staff, partner):
    client = Client()
    if request.param == "partner":
        client.force_login(partner)
    elif request.param == "staff without a group":
        client.force_login(staff(None))
    elif request.param != "anonymous":
        client.force_login(staff(request.param))
    client.kind = request.param
    return client


def refused(response, client):
    if client.kind == "anonymous":
        return response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    # Wagtail turns PermissionDenied in an admin view into a redirect to the dashboard with a message.
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.mark.parametrize(
    "view",
    [
        "list",
        "inspect",
        "history",
        "accept",
        "decline",
        "add_action",
        "note",
        "link",
        "resolve",
        "close",
        "update_action",
        "figures",
        "figures_csv",
    ],
)
def test_every_page_refuses_the_wrong_user(wrong_client, in_progress, view):
    referral, action = in_progress
    response = wrong_client.get(page_urls(referral, action)[view])
    assert refused(response, wrong_client), (wrong_client.kind, response.status_code)
    assert referral.reference not in response.content.decode()
    assert not HubLogEntry.objects.filter(object_id=str(referral.pk), action="referrals.view").exists()


@pytest.mark.parametrize("view", list(POSTS))
def test_every_action_refuses_the_wrong_user_and_changes_nothing(wrong_client, in_progress, agency, view):
    referral, action = in_progress
    data = {**POSTS[view], "lead_agency": agency.pk, "organisation": agency.pk}
    before = HubLogEntry.objects.filter(object_id=str(referral.pk)).count()
    response = wrong_client.post(page_urls(referral, action)[view], data)
    assert refused(response, wrong_client), (wrong_client.kind, response.status_code)
    referral.refresh_from_db()
    action.refresh_from_db()
    assert referral.status == Status.IN_PROGRESS and action.status == "open"
    assert not ReferralNote.objects.exists()
    assert HubLogEntry.objects.filter(object_id=str(referral.pk)).count() == before


def test_editors_do_not_see_the_referrals_menu_and_coordinators_do(client, staff):
    client.force_login(staff(HUB_EDITORS))
    dashboard = client.get("/admin/").content.decode()
    assert client.get("/admin/").status_code == 200
    assert ADMIN not in dashboard and reverse("referrals_admin:figures") not in dashboard
    client.force_login(staff(HUB_COORDINATORS))
    dashboard = client.get("/admin/").content.decode()
    assert ADMIN in dashboard and reverse("referrals_admin:figures") in dashboard


def test_the_coordinators_group_has_triage_and_editors_nothing_on_referrals():
    coordinators = set(Group.objects.get(name=HUB_COORDINATORS).permissions.values_list("codename", flat=True))
    assert "triage_referral" in coordinators
    editors = Group.objects.get(name=HUB_EDITORS)
    assert not editors.permissions.filter(content_type__app_label="referrals").exists()


@pytest.mark.parametrize("path", ["create/", "edit/{pk}/", "delete/{pk}/"])
def test_nobody_adds_edits_or_deletes_referrals_outside_the_services(admin_client, admin_user, in_progress, path):
    referral, _ = in_progress
    url = ADMIN + path.format(pk=referral.pk)
    for response in (admin_client.get(url), admin_client.post(url, {"description": "changed"})):
        assert response.status_code in {302, 403}
        assert response.status_code == 403 or response["Location"] == "/admin/"
    referral.refresh_from_db()
    assert referral.description.startswith("A group drinks")


def test_a_superuser_triages(admin_client, admin_user, in_progress):
    referral, _ = in_progress
    assert admin_client.get(f"{ADMIN}inspect/{referral.pk}/").status_code == 200
    assert admin_client.get(reverse("referrals_admin:figures")).status_code == 200


def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client, staff, in_progress):
    referral, _ = in_progress
    client.force_login(staff(HUB_COORDINATORS, totp=False))
    response = client.get(f"{ADMIN}inspect/{referral.pk}/")
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]
    assert not HubLogEntry.objects.filter(object_id=str(referral.pk), action="referrals.view").exists()
