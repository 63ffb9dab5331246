from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from directory.models import Organisation, Service, ServiceStatus, TaxonomyTerm
from tests.factories import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_hubs_vocabulary_is_created_by_a_migration():
    names = set(TaxonomyTerm.objects.values_list("name", flat=True))
    assert {"Community safety", "Drugs and alcohol", "Older people", "Fire safety", "Licensing"} <= names


def test_published_services_exclude_drafts_closed_services_and_unpublished_organisations():
    shown = ServiceFactory()
    ServiceFactory(live=False)
    ServiceFactory(status=ServiceStatus.DEFUNCT)
    ServiceFactory(organisation=OrganisationFactory(live=False))
    assert list(Service.objects.published()) == [shown]


def test_review_is_due_after_twelve_months_or_when_never_reviewed():
    today = timezone.localdate()
    fresh = OrganisationFactory(last_reviewed_at=today - timedelta(days=300))
    stale = OrganisationFactory(last_reviewed_at=today - timedelta(days=400))
    never = OrganisationFactory(last_reviewed_at=None)
    assert not fresh.review_due
    assert stale.review_due and never.review_due
    assert set(Organisation.objects.review_due()) == {stale, never}


def test_a_draft_revision_leaves_the_live_entry_alone_until_published():
    organisation = OrganisationFactory(summary="Live summary", last_reviewed_at=None)
    organisation.summary = "Draft summary"
    revision = organisation.save_revision()
    organisation.refresh_from_db()
    assert organisation.summary == "Live summary"
    assert organisation.has_unpublished_changes

    revision.publish()
    organisation.refresh_from_db()
    assert organisation.summary == "Draft summary"
    assert organisation.last_reviewed_at == timezone.localdate()


def test_publishing_a_service_makes_its_text_findable_through_its_organisation():
    organisation = OrganisationFactory(name="Westfield Council", last_reviewed_at=None)
    service = ServiceFactory(organisation=organisation, live=False, name="Pest control", terms=["housing"])
    service.keywords = "rats mice wasps"
    service.save_revision().publish()
    assert "rats mice wasps" in organisation.services_text()
    assert "Housing" in organisation.services_text()
    assert list(Organisation.objects.published().search("wasps")) == [organisation]
    organisation.refresh_from_db()
    assert organisation.last_reviewed_at == timezone.localdate()


def test_a_service_age_range_must_be_in_order():
    with pytest.raises(IntegrityError):
        ServiceFactory(minimum_age=18, maximum_age=11)
