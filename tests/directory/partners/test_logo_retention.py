"""Logos partners uploaded and nothing uses any more are deleted after a week; every image in use is kept."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import Image
from wagtail.models import Collection, ReferenceIndex

from directory.models import Organisation
from directory.partners import services
from directory.partners.retention import ORPHAN_GRACE, delete_unused_partner_logos
from portal.groups import HUB_EDITORS
from portal.retention import apply_retention
from tests.factories import OrganisationFactory, ProgrammePageFactory, StandardPageFactory

from .dashboard_support import make_partner

pytestmark = pytest.mark.django_db

LATER = timezone.now() + ORPHAN_GRACE + timedelta(hours=1)


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20)).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Westfield Housing Trust")


@pytest.fixture
def partner(organisation):
    return make_partner(organisation)


def upload_logo(organisation, partner):
    """A partner's save with a new logo, as the dashboard makes it. Returns the new image."""
    draft = Organisation.objects.get(pk=organisation.pk).get_latest_revision_as_object()
    services.save_organisation_draft(organisation=draft, user=partner, logo_upload=png())
    return Organisation.objects.get(pk=organisation.pk).latest_revision.as_object().logo


def publish(organisation):
    Organisation.objects.get(pk=organisation.pk).latest_revision.publish()


def remaining(*images):
    return set(Image.objects.filter(pk__in=[image.pk for image in images]).values_list("pk", flat=True))


def test_a_logo_whose_draft_was_replaced_goes_after_the_grace_period(organisation, partner):
    first = upload_logo(organisation, partner)
    second = upload_logo(organisation, partner)
    assert delete_unused_partner_logos(now=timezone.now() + ORPHAN_GRACE - timedelta(hours=1)) == 0
    assert remaining(first, second) == {first.pk, second.pk}, "nothing goes within the grace period"
    assert delete_unused_partner_logos(now=LATER) == 1
    assert remaining(first, second) == {second.pk}, "the draft awaiting review keeps its logo"
    assert delete_unused_partner_logos(now=LATER) == 0


def test_a_logo_removed_in_a_draft_goes_and_its_file_with_it(organisation, partner, django_capture_on_commit_callbacks):
    logo = upload_logo(organisation, partner)
    storage, name = logo.file.storage, logo.file.name
    draft = Organisation.objects.get(pk=organisation.pk).get_latest_revision_as_object()
    services.save_organisation_draft(organisation=draft, user=partner, remove_logo=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert delete_unused_partner_logos(now=LATER) == 1
    assert not remaining(logo)
    assert not storage.exists(name)


def test_the_live_logo_is_kept_and_the_one_it_replaced_goes(organisation, partner):
    old = upload_logo(organisation, partner)
    publish(organisation)
    new = upload_logo(organisation, partner)
    assert delete_unused_partner_logos(now=LATER) == 0, "one is live, the other awaits review"
    publish(organisation)
    assert delete_unused_partner_logos(now=LATER) == 1
    assert remaining(old, new) == {new.pk}
    assert Organisation.objects.get(pk=organisation.pk).logo == new


def test_a_logo_in_a_revision_scheduled_to_go_live_is_kept(organisation, partner):
    scheduled = upload_logo(organisation, partner)
    revision = Organisation.objects.get(pk=organisation.pk).latest_revision
    revision.approved_go_live_at = LATER + timedelta(days=30)
    revision.save(update_fields=["approved_go_live_at"])
    upload_logo(organisation, partner)
    assert delete_unused_partner_logos(now=LATER) == 0
    assert remaining(scheduled) == {scheduled.pk}


def test_a_partner_logo_staff_used_on_a_page_is_kept(organisation, partner, home_page, programme_index):
    on_programme = upload_logo(organisation, partner)
    ProgrammePageFactory(parent=programme_index, image=on_programme)
    in_body = upload_logo(organisation, partner)
    StandardPageFactory(parent=home_page, body=[("image", {"image": in_body, "alt_text": "Logo", "decorative": False})])
    in_page_draft = upload_logo(organisation, partner)
    page = StandardPageFactory(parent=home_page)
    page.body = [("image", {"image": in_page_draft, "alt_text": "Logo", "decorative": False})]
    page.save_revision()
    upload_logo(organisation, partner)
    assert delete_unused_partner_logos(now=LATER) == 0
    assert remaining(on_programme, in_body, in_page_draft) == {on_programme.pk, in_body.pk, in_page_draft.pk}


def test_a_row_pointing_at_a_logo_keeps_it_while_the_reference_index_is_behind(organisation, partner, programme_index):
    """The index is updated by a background task; the foreign keys themselves are the ground truth."""
    logo = upload_logo(organisation, partner)
    ProgrammePageFactory(parent=programme_index, image=logo)
    upload_logo(organisation, partner)
    ReferenceIndex.objects.all().delete()
    assert delete_unused_partner_logos(now=LATER) == 0
    assert remaining(logo) == {logo.pk}


def test_staff_uploads_are_never_partner_uploads(organisation, partner, staff):
    by_staff = Image.objects.create(
        title="Staff", file=png(), collection=services.partner_logo_collection(), uploaded_by_user=staff(HUB_EDITORS)
    )
    moved = upload_logo(organisation, partner)
    moved.collection = Collection.get_first_root_node().add_child(name="Hub artwork")
    moved.save()
    draft = Organisation.objects.get(pk=organisation.pk).get_latest_revision_as_object()
    services.save_organisation_draft(organisation=draft, user=partner, remove_logo=True)
    assert delete_unused_partner_logos(now=LATER) == 0
    assert remaining(by_staff, moved) == {by_staff.pk, moved.pk}


def test_apply_retention_runs_the_step(organisation, partner):
    first = upload_logo(organisation, partner)
    upload_logo(organisation, partner)
    assert ("unused partner logos deleted", 1) in apply_retention(now=LATER)
    assert not get_image_model().objects.filter(pk=first.pk).exists()
