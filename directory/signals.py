"""Keep the organisation's search entry and review date in step with what staff publish."""

from django.db.models.signals import post_delete
from django.utils import timezone
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, published, unpublished

from portal.search import vocabulary

from .models import Organisation, Service


def _mark_reviewed(organisation_id):
    Organisation.objects.filter(pk=organisation_id).update(last_reviewed_at=timezone.localdate())


def organisation_published(sender, instance, **kwargs):
    _mark_reviewed(instance.pk)


def service_changed(sender, instance, **kwargs):
    """A service's text is part of its organisation's search entry."""
    if kwargs.get("signal") is published:
        _mark_reviewed(instance.organisation_id)
    organisation = Organisation.objects.filter(pk=instance.organisation_id).first()
    if organisation is not None:
        index.insert_or_update_object(organisation)


def connect():
    published.connect(organisation_published, sender=Organisation, dispatch_uid="directory-organisation-published")
    published.connect(service_changed, sender=Service, dispatch_uid="directory-service-published")
    unpublished.connect(service_changed, sender=Service, dispatch_uid="directory-service-unpublished")
    post_delete.connect(service_changed, sender=Service, dispatch_uid="directory-service-deleted")
    # The words the search forgives are those of published content (pages and directory entries alike).
    for signal in (published, unpublished, page_published, page_unpublished):
        signal.connect(vocabulary.changed, dispatch_uid=f"search-vocabulary-{id(signal)}")
    post_delete.connect(vocabulary.changed, sender=Organisation, dispatch_uid="search-vocabulary-organisation-deleted")
    post_delete.connect(vocabulary.changed, sender=Service, dispatch_uid="search-vocabulary-service-deleted")
