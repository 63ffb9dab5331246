"""Keep the organisation's search entry and review date in step with what staff publish."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, published, unpublished

from portal.search import vocabulary

from .models import Area, Organisation, Service
from .partners.models import HubPartnership
from .search import coverage_changed


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
    # Which organisations each hub lists (directory.search.covering_slugs, cached).
    for model in (Organisation, Service, Area, HubPartnership):
        post_save.connect(coverage_changed, sender=model, dispatch_uid=f"directory-coverage-saved-{model.__name__}")
        post_delete.connect(coverage_changed, sender=model, dispatch_uid=f"directory-coverage-deleted-{model.__name__}")
    m2m_changed.connect(coverage_changed, sender=Service.areas.through, dispatch_uid="directory-coverage-areas")
    # The words the search forgives are those of published content (pages and directory entries alike).
    for signal in (published, unpublished, page_published, page_unpublished):
        signal.connect(vocabulary.changed, dispatch_uid=f"search-vocabulary-{id(signal)}")
    post_delete.connect(vocabulary.changed, sender=Organisation, dispatch_uid="search-vocabulary-organisation-deleted")
    post_delete.connect(vocabulary.changed, sender=Service, dispatch_uid="search-vocabulary-service-deleted")
