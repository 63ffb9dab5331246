"""The transition table in ``choices`` is the one source of which steps are allowed: the services refuse the
others, and the triage screen offers exactly the allowed ones."""

from datetime import timedelta

import pytest

from directory.referrals import services
from directory.referrals.admin.views import TRIAGE_ACTIONS, available_actions
from directory.referrals.choices import (
    ACTION_TARGETS,
    ACTION_TRANSITIONS,
    REFERRAL_STEPS,
    ActionStatus,
    ClosureReason,
    DeclineReason,
    LinkKind,
    Priority,
    Status,
    Taker,
    referral_steps,
)
from directory.referrals.errors import InvalidTransition
from directory.referrals.models import Referral
from tests.factories.hubs import the_default_hub

from .conftest import NOW

pytestmark = pytest.mark.django_db


def test_the_table_reads_as_the_hub_works():
    assert referral_steps(Status.SUBMITTED) == ["accept", "decline", "note", "link"]
    assert referral_steps(Status.ACCEPTED) == ["add_action", "note", "link", "resolve", "close"]
    assert referral_steps(Status.IN_PROGRESS) == ["add_action", "note", "link", "resolve", "close"]
    for finished in (Status.DECLINED, Status.RESOLVED, Status.CLOSED):
        assert referral_steps(finished) == ["note", "link"]
    assert all(referral_steps(status, Taker.PARTNER) == [] for status in Status), "partners triage nothing"
    assert ACTION_TARGETS == [ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED]
    assert not ACTION_TRANSITIONS.get(ActionStatus.DONE) and not ACTION_TRANSITIONS.get(ActionStatus.CANCELLED)


def test_every_step_has_its_admin_form():
    assert list(TRIAGE_ACTIONS) == list(REFERRAL_STEPS)


def take(name, referral, user, agency):
    steps = {
        "accept": lambda: services.accept_referral(
            referral_id=referral.pk, user=user, priority=Priority.P2, lead_agency_id=agency.pk, now=NOW
        ),
        "decline": lambda: services.decline_referral(
            referral_id=referral.pk, user=user, reason=DeclineReason.NOT_ASB, now=NOW
        ),
        "add_action": lambda: services.add_action(
            referral_id=referral.pk,
            user=user,
            organisation_id=agency.pk,
            description="Visit",
            due_date=NOW.date() + timedelta(days=7),
            now=NOW,
        ),
        "note": lambda: services.add_note(referral_id=referral.pk, user=user, text="Seen", now=NOW),
        "link": lambda: services.link_referrals(
            referral_id=referral.pk, other_reference=other_reference(referral), kind=LinkKind.RELATED, user=user
        ),
        "resolve": lambda: services.resolve_referral(referral_id=referral.pk, user=user, now=NOW),
        "close": lambda: services.close_referral(
            referral_id=referral.pk, user=user, reason=ClosureReason.NO_CONTACT, now=NOW
        ),
    }
    return steps[name]()


def other_reference(referral):
    return Referral.objects.exclude(pk=referral.pk).values_list("reference", flat=True).first()


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("name", list(REFERRAL_STEPS))
def test_the_services_take_exactly_the_steps_the_table_allows(report_details, coordinator, agency, status, name):
    services.submit_report(hub=the_default_hub(), details=report_details(postcode="WF2 2BB"), now=NOW)
    referral, _token = services.submit_report(hub=the_default_hub(), details=report_details(), now=NOW)
    Referral.objects.filter(pk=referral.pk).update(status=status)
    referral.refresh_from_db()
    step = REFERRAL_STEPS[name]
    shown = [action["name"] for action in available_actions(referral)]
    assert (name in shown) == step.allowed_from(status), "the triage screen offers what the services take"
    if step.allowed_from(status):
        take(name, referral, coordinator, agency)
        referral.refresh_from_db()
        assert referral.status == (step.target or status)
    else:
        with pytest.raises(InvalidTransition):
            take(name, referral, coordinator, agency)
        referral.refresh_from_db()
        assert referral.status == status, "a refused step changes nothing"
