"""Editing the organisation: a draft revision for staff to publish, a link to staff, hostile input refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from directory.models import Organisation
from portal.groups import HUB_COORDINATORS, HUB_EDITORS
from portal.models import OutboundEmail
from tests.factories import OrganisationFactory

from ..dashboard_support import HOSTILE_SCRIPT, TEN_THOUSAND, make_partner, organisation_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Westfield Housing Trust", summary="Live summary")


def edit_url(organisation):
    return reverse("partners:edit_organisation", args=[organisation.pk])


def png(width=40, height=20, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_save_is_a_draft_revision_and_the_live_entry_is_unchanged(client, organisation, partner):
    response = client.post(edit_url(organisation), organisation_data(summary="Draft summary 🏠"))
    assert response.status_code == 302 and response["Location"] == reverse("partners:dashboard")
    organisation.refresh_from_db()
    assert organisation.summary == "Live summary"
    assert organisation.has_unpublished_changes
    revision = organisation.latest_revision
    assert revision.user == partner
    assert revision.as_object().summary == "Draft summary 🏠"
    assert Organisation.objects.published().get().summary == "Live summary"


def test_the_form_starts_from_the_latest_draft_and_publishing_makes_it_live(client, organisation, partner):
    client.post(edit_url(organisation), organisation_data(summary="Draft summary"))
    page = client.get(edit_url(organisation))
    assert "Draft summary" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    organisation.refresh_from_db()
    organisation.latest_revision.publish()
    organisation.refresh_from_db()
    assert organisation.summary == "Draft summary" and not organisation.has_unpublished_changes


def test_staff_only_fields_cannot_be_changed_by_a_partner(client, organisation, partner):
    posted = organisation_data(name="New name", slug="new-slug", keywords="spam", last_reviewed_at="2000-01-01")
    client.post(edit_url(organisation), posted)
    draft = Organisation.objects.get(pk=organisation.pk).latest_revision.as_object()
    assert (draft.name, draft.slug, draft.keywords) == (organisation.name, organisation.slug, organisation.keywords)
    assert draft.last_reviewed_at == organisation.last_reviewed_at


def test_reviewers_are_emailed_a_link_to_the_admin_and_none_of_the_partners_text(
    client, organisation, partner, staff, django_user_model
):
    editor, coordinator = staff(HUB_EDITORS), staff(HUB_COORDINATORS)
    staff(None)
    django_user_model.objects.create_user(username="gone", email="gone@example.org", is_active=False).groups.add(
        editor.groups.get(name=HUB_EDITORS)
    )
    client.post(edit_url(organisation), organisation_data(summary="Secret draft text"))
    emails = OutboundEmail.objects.order_by("to")
    assert [email.to for email in emails] == sorted([editor.email, coordinator.email])
    link = f"http://testserver/admin/snippets/directory/organisation/history/{organisation.pk}/revisions/compare/live...latest/"
    for email in emails:
        assert link in email.body
        assert "Secret draft text" not in email.body and "Secret draft text" not in email.subject
        assert "Westfield Housing Trust" in email.subject
    client.post(edit_url(organisation), organisation_data(summary="Another draft"))
    assert OutboundEmail.objects.count() == 2, "one email per reviewer until the draft is published"


def test_a_valid_logo_is_stored_as_a_wagtail_image_in_the_partner_logos_collection(client, organisation, partner):
    upload = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    response = client.post(edit_url(organisation), {**organisation_data(), "logo_file": upload})
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.collection.name == "Partner logos"
    assert (image.width, image.height) == (40, 20)
    assert image.uploaded_by_user == partner
    organisation.refresh_from_db()
    assert organisation.logo is None
    assert organisation.latest_revision.as_object().logo == image


def logo_rejected(client, organisation, upload, message):
    response = client.post(edit_url(organisation), {**organisation_data(summary="Kept answer"), "logo_file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "There is a problem" in body and "Kept answer" in body
    assert not get_image_model().objects.exists()
    assert not Organisation.objects.get(pk=organisation.pk).revisions.exists()


def test_a_text_file_named_png_is_refused(client, organisation, partner):
    upload = SimpleUploadedFile("logo.png", b"this is not an image at all", content_type="image/png")
    logo_rejected(client, organisation, upload, "Upload a valid image")


def test_a_file_of_another_kind_is_refused(client, organisation, partner):
    upload = SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml")
    logo_rejected(client, organisation, upload, "Not a supported image format")


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
def test_an_oversized_file_is_refused(client, organisation, partner):
    upload = SimpleUploadedFile("logo.png", png(600, 600, "RGBA") + b"\0" * 2048, content_type="image/png")
    logo_rejected(client, organisation, upload, "This file is too big")


def test_a_huge_pixel_count_is_refused(client, organisation, partner):
    upload = SimpleUploadedFile("logo.png", png(8000, 8000, "1"), content_type="image/png")
    logo_rejected(client, organisation, upload, "This file has too many pixels")


def gif(width, height, frames):
    """An animated GIF whose frames differ, so none is merged into another."""
    images = [PILImage.new("P", (width, height), color=index) for index in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=40, loop=0)
    return buffer.getvalue()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=40_000_000)
def test_an_animation_counts_every_frame_against_the_pixel_limit(client, organisation, partner):
    """1500 x 1500 is 2.25 million pixels, but 30 frames of it are 67.5 million to decode."""
    upload = SimpleUploadedFile("logo.gif", gif(1500, 1500, 30), content_type="image/gif")
    logo_rejected(
        client,
        organisation,
        upload,
        "This animation is too large: 30 frames of 1500 by 1500 pixels make 67,500,000 pixels, and the most is "
        "40,000,000. Upload a still image or a smaller animation",
    )


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=40_000_000)
def test_a_small_animation_is_a_logo_like_any_other(client, organisation, partner):
    upload = SimpleUploadedFile("logo.gif", gif(1500, 1500, 17), content_type="image/gif")
    response = client.post(edit_url(organisation), {**organisation_data(), "logo_file": upload})
    assert response.status_code == 302
    assert (get_image_model().objects.get().width, get_image_model().objects.get().height) == (1500, 1500)


def test_removing_the_logo_is_a_draft_too(client, organisation, partner):
    client.post(edit_url(organisation), {**organisation_data(), "logo_file": SimpleUploadedFile("l.png", png())})
    image = get_image_model().objects.get()
    client.post(edit_url(organisation), {**organisation_data(), "remove_logo": "yes"})
    organisation.refresh_from_db()
    assert organisation.latest_revision.as_object().logo is None
    assert get_image_model().objects.filter(pk=image.pk).exists()


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"summary": ""}, "Enter a summary of what the organisation does"),
        ({"summary": TEN_THOUSAND}, "Summary must be 300 characters or fewer"),
        ({"description": TEN_THOUSAND}, "What they do must be 5000 characters or fewer"),
        ({"description": HOSTILE_SCRIPT}, "Remove the HTML tags"),
        ({"how_to_refer": '<a href="https://evil.example">Click</a>'}, "Remove the HTML tags"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"email": HOSTILE_SCRIPT}, "Enter an email address in the correct format"),
        ({"website": "javascript:alert(1)"}, "Enter a full web address"),
        ({"website": "not a web address"}, "Enter a full web address"),
        ({"website": "ftp://example.org/"}, "Enter a full web address"),
        ({"phone": "call me maybe"}, "Enter a telephone number"),
        ({"address": TEN_THOUSAND}, "Address must be 500 characters or fewer"),
    ],
)
def test_bad_answers_get_a_clear_error_nothing_is_stored_and_other_answers_are_kept(
    client, organisation, partner, answers, message
):
    response = client.post(edit_url(organisation), organisation_data(**{"how_to_refer": "Kept answer 🙂", **answers}))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count(message) == 2, "in the error summary and beside the field"
    assert "<title>Error:" in body
    assert HOSTILE_SCRIPT not in body
    if "how_to_refer" not in answers:
        assert "Kept answer 🙂" in body
    organisation.refresh_from_db()
    assert not organisation.revisions.exists() and not organisation.has_unpublished_changes
    assert not OutboundEmail.objects.exists()


def test_a_web_address_without_a_scheme_is_taken_as_https(client, organisation, partner):
    client.post(edit_url(organisation), organisation_data(website="www.example.org"))
    organisation.refresh_from_db()
    assert organisation.latest_revision.as_object().website == "https://www.example.org"


def test_the_post_needs_the_csrf_token(organisation):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_partner(organisation))
    assert client.post(edit_url(organisation), organisation_data()).status_code == 403
    assert not organisation.revisions.exists()
