"""A referral is resolved or closed only once no agency has an action open on it: the step is refused, naming the
open actions, unless the person ticks "Cancel the open actions", which cancels each (an update and an audit-log
entry apiece) in the same transaction. The inspect page says how many are open beside the buttons."""

import pytest
from django.test import Client
from django.urls import reverse

from directory.referrals import services
from directory.referrals.choices import ActionStatus, ClosureReason, Priority, Status
from directory.referrals.errors import OpenActions
from directory.referrals.models import ActionUpdate, Referral, ReferralAction
from portal.models import HubLogEntry
from tests.factories import OrganisationFactory
from tests.factories.hubs import the_default_hub

pytestmark = pytest.mark.django_db

ADMIN = "/admin/referrals/referral/"
STEPS = [("resolve", {"note": "Group moved on"}), ("close", {"reason": ClosureReason.NO_FURTHER_ACTION})]


@pytest.fixture
def coordinator_client(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def fire(db):
    return OrganisationFactory(name="Fire service")


@pytest.fixture
def referral_with_actions(report_details, agency, fire, coordinator):
    """An in-progress referral with two open actions (one not started, one in progress) and one done."""
    referral, _ = services.submit_report(hub=the_default_hub(), details=report_details())
    services.accept_referral(referral_id=referral.pk, user=None, priority=Priority.P2, lead_agency_id=agency.pk)

    def add(organisation, description):
        return services.add_action(
            referral_id=referral.pk,
            user=None,
            organisation_id=organisation.pk,
            description=description,
            due_date=referral.submitted_at.date(),
        )

    not_started = add(agency, "Patrol the square on Friday evenings")
    in_progress = add(fire, "Home safety visit")
    done = add(fire, "Fit a smoke alarm")
    services.update_action(action_id=in_progress.pk, user=coordinator, status=ActionStatus.IN_PROGRESS)
    services.update_action(action_id=done.pk, user=coordinator, status=ActionStatus.DONE)
    return Referral.objects.get(pk=referral.pk), (not_started, in_progress), done


def finish(step, referral, user, **kwargs):
    if step == "resolve":
        return services.resolve_referral(referral_id=referral.pk, user=user, **kwargs)
    return services.close_referral(referral_id=referral.pk, user=user, reason=ClosureReason.NO_CONTACT, **kwargs)


@pytest.mark.parametrize("step", ["resolve", "close"])
def test_a_referral_with_open_actions_is_not_finished(referral_with_actions, coordinator, step):
    referral, (not_started, in_progress), _done = referral_with_actions
    with pytest.raises(OpenActions) as refused:
        finish(step, referral, coordinator)
    message = str(refused.value.message)
    assert message.startswith("2 actions are still open: ")
    assert "Westfield Council ASB team: Patrol the square on Friday evenings" in message
    assert "Fire service: Home safety visit" in message and "smoke alarm" not in message
    assert "Mark them done or cancelled first" in message
    referral.refresh_from_db()
    assert referral.status == Status.IN_PROGRESS and referral.finished_at is None
    assert set(ReferralAction.objects.open().values_list("pk", flat=True)) == {not_started.pk, in_progress.pk}
    assert not HubLogEntry.objects.filter(action=f"referrals.{step}").exists()


def test_finished_actions_do_not_stop_a_referral_being_resolved(referral_with_actions, coordinator):
    referral, open_actions, _done = referral_with_actions
    for action in open_actions:
        services.update_action(action_id=action.pk, user=coordinator, status=ActionStatus.DONE)
    assert finish("resolve", referral, coordinator).status == Status.RESOLVED


@pytest.mark.parametrize(("step", "data"), STEPS)
def test_the_form_refuses_without_the_choice_and_keeps_the_referral_open(
    coordinator_client, referral_with_actions, step, data
):
    referral, _open_actions, _done = referral_with_actions
    url = reverse(f"referrals_admin:{step}", args=[referral.pk])
    form = coordinator_client.get(url).content.decode()
    assert 'data-open-actions="2"' in form and 'name="cancel_open_actions"' in form
    assert "Patrol the square on Friday evenings" in form and "Fit a smoke alarm" not in form

    response = coordinator_client.post(url, data)
    content = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in content
    assert "2 actions are still open: " in content and "Mark them done or cancelled first" in content
    referral.refresh_from_db()
    assert referral.status == Status.IN_PROGRESS
    assert ReferralAction.objects.open().filter(referral=referral).count() == 2


@pytest.mark.parametrize(("step", "data"), STEPS)
def test_choosing_to_cancel_the_open_actions_finishes_the_referral(
    coordinator_client, coordinator, partner, referral_with_actions, step, data
):
    referral, open_actions, done = referral_with_actions
    partner_client = Client()
    partner_client.force_login(partner)
    before = partner_client.get(reverse("partners:referrals"))
    assert [action.pk for action in before.context["open_actions"]] == [open_actions[0].pk]

    url = reverse(f"referrals_admin:{step}", args=[referral.pk])
    response = coordinator_client.post(url, {**data, "cancel_open_actions": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]

    referral.refresh_from_db()
    assert referral.status == (Status.RESOLVED if step == "resolve" else Status.CLOSED) and referral.finished_at
    for action in open_actions:
        action.refresh_from_db()
        assert action.status == ActionStatus.CANCELLED and action.completed_at == referral.finished_at
        update = ActionUpdate.objects.filter(action=action).latest("pk")
        assert (update.status, update.author) == (ActionStatus.CANCELLED, coordinator)
        assert "Cancelled when the referral was" in update.note
        entry = HubLogEntry.objects.get(
            object_id=str(referral.pk), data__action_id=action.pk, data__action_status=ActionStatus.CANCELLED
        )
        assert (entry.action, entry.user) == ("referrals.update_action", coordinator)
    done.refresh_from_db()
    assert done.status == ActionStatus.DONE, "a finished action stays as it was"
    assert HubLogEntry.objects.filter(object_id=str(referral.pk), action=f"referrals.{step}").count() == 1

    after = partner_client.get(reverse("partners:referrals"))
    assert after.context["open_actions"] == []
    assert open_actions[0] in after.context["finished_actions"]


def test_a_refused_step_cancels_nothing(referral_with_actions, coordinator, other_hub):
    """The cancelling and the finishing are one transaction: a step refused for another reason changes nothing."""
    referral, _open_actions, _done = referral_with_actions
    Referral.objects.filter(pk=referral.pk).update(hub=other_hub)
    with pytest.raises(services.NotPermitted):
        finish("close", referral, coordinator, cancel_open_actions=True)
    assert ReferralAction.objects.open().filter(referral=referral).count() == 2
    assert not ActionUpdate.objects.filter(status=ActionStatus.CANCELLED).exists()


def test_the_inspect_page_says_how_many_actions_are_open_beside_the_buttons(
    coordinator_client, coordinator, referral_with_actions
):
    referral, open_actions, _done = referral_with_actions
    page = coordinator_client.get(f"{ADMIN}inspect/{referral.pk}/").content.decode()
    footer = page[page.index('<footer class="footer">') :]
    assert 'data-open-actions="2"' in footer and "2 actions are still open" in footer
    assert reverse("referrals_admin:resolve", args=[referral.pk]) in footer

    services.update_action(action_id=open_actions[0].pk, user=coordinator, status=ActionStatus.DONE)
    page = coordinator_client.get(f"{ADMIN}inspect/{referral.pk}/").content.decode()
    assert 'data-open-actions="1"' in page and "1 action is still open" in page

    services.update_action(action_id=open_actions[1].pk, user=coordinator, status=ActionStatus.CANCELLED)
    page = coordinator_client.get(f"{ADMIN}inspect/{referral.pk}/").content.decode()
    assert "data-open-actions" not in page
    form = coordinator_client.get(reverse("referrals_admin:resolve", args=[referral.pk])).content.decode()
    assert "cancel_open_actions" not in form, "nothing to cancel: no choice offered"
