"""Partner logos that nothing uses any more are deleted, a grace period after they were uploaded.

Every logo a partner uploads becomes a Wagtail image, kept even when the draft that brought it is replaced or
discarded. Only partner uploads are candidates: images in the "Partner logos" collection uploaded by a partner, so
a staff upload, or a partner's image staff moved to another collection, is never deleted. A candidate is kept
while anything uses it: a row that points at it (any organisation, live or holding a draft, a programme page), live
content that refers to it (Wagtail's reference index: page bodies, snippets, settings), or a revision that may still
go live (the latest of any page or snippet, which is also what a workflow reviews, or one scheduled). Older
revisions are history: reverting to one whose logo was deleted gives the entry no logo.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import ForeignObjectRel, Max, Q
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.models import AbstractRendition
from wagtail.models import ReferenceIndex, Revision

from .services import PARTNER_LOGOS

ORPHAN_GRACE = timedelta(days=7)


def partner_uploads():
    """Images partners uploaded: in the top-level "Partner logos" collection, uploaded by a partner."""
    return (
        get_image_model()
        .objects.filter(
            collection__name=PARTNER_LOGOS, collection__depth=2, uploaded_by_user__partner_memberships__isnull=False
        )
        .distinct()
    )


def _pointed_at(image_ids):
    """Images a row points at (a foreign key to the image model), renditions aside."""
    used = set()
    for relation in get_image_model()._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ForeignObjectRel) or issubclass(relation.related_model, AbstractRendition):
            continue
        rows = relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": image_ids})
        used.update(rows.values_list(relation.field.name, flat=True))
    return used


def _referenced_live(image_ids):
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_image_model()),
        to_object_id__in=[str(pk) for pk in image_ids],
    )
    return {int(pk) for pk in references.values_list("to_object_id", flat=True)}


def _pending_revisions(since):
    latest = Revision.objects.values("base_content_type_id", "object_id").annotate(latest=Max("pk")).values("latest")
    may_go_live = Q(pk__in=latest) | Q(approved_go_live_at__isnull=False)
    return Revision.objects.filter(may_go_live, created_at__gte=since)


def _referenced_by_revisions(image_ids, since):
    """Images that a revision made since ``since`` and still able to go live refers to. The reference index holds
    only live content, so each such revision is read with the extractor Wagtail fills that index with."""
    image_type = ContentType.objects.get_for_model(get_image_model()).pk
    used = set()
    for revision in _pending_revisions(since).iterator():
        for content_type_id, object_id, *_ in ReferenceIndex._extract_references_from_object(revision.as_object()):
            if content_type_id == image_type and int(object_id) in image_ids:
                used.add(int(object_id))
    return used


def delete_unused_partner_logos(*, now=None):
    """Delete the partner uploads older than ORPHAN_GRACE that nothing uses (see above); the files go with them.
    Idempotent. Returns the number of images deleted."""
    now = now or timezone.now()
    candidates = {image.pk: image for image in partner_uploads().filter(created_at__lt=now - ORPHAN_GRACE)}
    unused = set(candidates) - _pointed_at(set(candidates)) - _referenced_live(set(candidates))
    if unused:
        # A revision that refers to an image was made after the image was uploaded.
        since = min(candidates[pk].created_at for pk in unused)
        unused -= _referenced_by_revisions(unused, since)
    for pk in unused:
        candidates[pk].delete()
    return len(unused)
