"""Who is emailed when a partner saves a draft: whoever may publish the entry in the admin, among the staff of
the hubs the organisation works with (and superusers); never a partner, an inactive account or another hub."""

import pytest
from django.contrib.auth.models import Permission

from directory.partners import services
from directory.partners.models import HubPartnership
from portal.groups import HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS
from portal.models import OutboundEmail
from tests.factories import OrganisationFactory, ServiceFactory, partner_of, staff_user, superuser

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(OutboundEmail.objects.values_list("to", flat=True))


def save_draft(organisation, partner, **changes):
    for name, value in changes.items():
        setattr(organisation, name, value)
    return services.save_organisation_draft(organisation=organisation, user=partner)


def user_permission(codename):
    app_label, codename = codename.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.fixture
def organisation(hub):
    return OrganisationFactory(name="Westfield Housing Trust", hubs=[hub])


@pytest.fixture
def partner(organisation):
    return partner_of(organisation, username="partner", email="partner@example.org")


def test_the_staff_of_the_partner_hubs_who_may_publish_and_superusers_are_emailed(
    organisation, partner, hub, other_hub
):
    editor = staff_user(HUB_EDITORS, hubs=[hub], username="editor", email="editor@example.org")
    coordinator = staff_user(HUB_COORDINATORS, hubs=[hub], username="coordinator", email="coordinator@example.org")
    admin = superuser(username="admin", email="admin@example.org")  # in no group, as in the demo
    staff_user(HUB_SAFEGUARDING_LEADS, hubs=[hub], username="lead", email="lead@example.org")  # may not publish
    staff_user(HUB_EDITORS, hubs=[other_hub], username="other-editor", email="other-editor@example.org")
    staff_user(HUB_COORDINATORS, hubs=[other_hub], username="other-coord", email="other-coord@example.org")

    save_draft(organisation, partner, summary="Draft summary")

    assert recipients() == sorted([editor.email, coordinator.email, admin.email])


def test_a_users_own_publish_permission_counts_as_a_groups_does(organisation, partner, hub):
    reviewer = staff_user(None, hubs=[hub], username="reviewer", email="reviewer@example.org")
    reviewer.user_permissions.add(
        user_permission("directory.publish_organisation"), user_permission("wagtailadmin.access_admin")
    )
    save_draft(organisation, partner, summary="Draft summary")
    assert recipients() == [reviewer.email]


def test_a_partner_is_never_emailed_as_a_reviewer_even_holding_a_publish_permission(organisation, partner, hub):
    partner.user_permissions.add(user_permission("directory.publish_organisation"))
    partner_of(organisation, username="colleague", email="colleague@example.org").user_permissions.add(
        user_permission("directory.publish_organisation")
    )
    editor = staff_user(HUB_EDITORS, hubs=[hub], username="editor", email="editor@example.org")
    save_draft(organisation, partner, summary="Draft summary")
    assert recipients() == [editor.email]


def test_inactive_and_addressless_staff_are_not_emailed(organisation, partner, hub):
    staff_user(HUB_EDITORS, hubs=[hub], username="gone", email="gone@example.org", is_active=False)
    superuser(username="gone-admin", email="gone-admin@example.org", is_active=False)
    staff_user(HUB_EDITORS, hubs=[hub], username="no-address", email="")
    save_draft(organisation, partner, summary="Draft summary")
    assert recipients() == []


def test_an_organisation_working_with_no_hub_goes_to_everyone_who_may_publish(partner, hub, other_hub):
    organisation = OrganisationFactory(name="County Mediation", hubs=[])
    partner = partner_of(organisation, username="mediator", email="mediator@example.org")
    editor = staff_user(HUB_EDITORS, hubs=[hub], username="editor", email="editor@example.org")
    other = staff_user(HUB_COORDINATORS, hubs=[other_hub], username="other-coord", email="other-coord@example.org")
    save_draft(organisation, partner, summary="Draft summary")
    assert recipients() == sorted([editor.email, other.email])


def test_an_organisation_working_with_two_hubs_reaches_both_hubs_staff_once_each(organisation, partner, hub, other_hub):
    HubPartnership.objects.create(hub=other_hub, organisation=organisation)
    both = staff_user(HUB_EDITORS, hubs=[hub, other_hub], username="both", email="both@example.org")
    other = staff_user(HUB_EDITORS, hubs=[other_hub], username="other-editor", email="other-editor@example.org")
    save_draft(organisation, partner, summary="Draft summary")
    save_draft(organisation, partner, summary="Second draft")
    assert recipients() == sorted([both.email, other.email]), "one email per reviewer per draft period"


def test_service_drafts_ask_for_the_service_publish_permission(organisation, partner, hub):
    service = ServiceFactory(organisation=organisation, name="Tenancy help")
    only_organisations = staff_user(None, hubs=[hub], username="org-only", email="org-only@example.org")
    only_organisations.user_permissions.add(
        user_permission("directory.publish_organisation"), user_permission("wagtailadmin.access_admin")
    )
    coordinator = staff_user(HUB_COORDINATORS, hubs=[hub], username="coordinator", email="coordinator@example.org")
    service.description = "Draft description"
    services.save_service_draft(service=service, organisation=organisation, user=partner)
    assert recipients() == [coordinator.email]


def test_the_link_opens_the_comparison_of_live_and_latest_and_a_new_entry_its_edit_page(organisation, partner, hub):
    staff_user(HUB_EDITORS, hubs=[hub], username="editor", email="editor@example.org")
    save_draft(organisation, partner, summary="Secret draft text")
    email = OutboundEmail.objects.get()
    compare = f"http://testserver/admin/snippets/directory/organisation/history/{organisation.pk}/revisions/compare/"
    assert f"{compare}live...latest/" in email.body
    assert "Secret draft text" not in email.body + email.subject

    OutboundEmail.objects.all().delete()
    service = ServiceFactory.build(organisation=organisation, name="New service", description="New")
    services.save_service_draft(service=service, organisation=organisation, user=partner)
    email = OutboundEmail.objects.get()
    assert f"http://testserver/admin/snippets/directory/service/edit/{service.pk}/" in email.body
