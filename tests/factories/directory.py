from datetime import time

import factory
from django.utils import timezone

from directory.models import (
    Area,
    Organisation,
    Service,
    ServiceContact,
    ServiceLocation,
    ServiceSchedule,
    TaxonomyTerm,
    Weekday,
)
from directory.partners.models import HubPartnership

from .hubs import the_default_hub


class AreaFactory(factory.django.DjangoModelFactory):
    hub = factory.LazyFunction(the_default_hub)
    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")

    class Meta:
        model = Area
        django_get_or_create = ("slug",)


def term(slug):
    """A term of the hub's vocabulary, which a migration creates."""
    return TaxonomyTerm.objects.get(slug=slug)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A published organisation. Pass live=False for one that was never published."""

    name = factory.Sequence(lambda n: f"Partner agency {n}")
    slug = factory.Sequence(lambda n: f"partner-agency-{n}")
    summary = "Helps residents with local problems."
    description = "We work with the hub to keep neighbourhoods safe."
    email = factory.Sequence(lambda n: f"team{n}@example.org")
    phone = "01632 960000"
    website = "https://example.org/"
    live = True
    last_reviewed_at = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    @factory.post_generation
    def hubs(self, create, extracted, **kwargs):
        """The hubs it works with (``hubs=[...]``): the default hub unless told otherwise."""
        if create:
            for hub in the_default_hub_list() if extracted is None else extracted:
                HubPartnership.objects.get_or_create(hub=hub, organisation=self)


def the_default_hub_list():
    return [the_default_hub()]


class ServiceFactory(factory.django.DjangoModelFactory):
    """A published, active service. ``terms`` takes taxonomy slugs, ``areas`` Area objects."""

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "Advice and practical help."
    live = True

    class Meta:
        model = Service
        skip_postgeneration_save = True

    @factory.post_generation
    def terms(self, create, extracted, **kwargs):
        if extracted:
            self.taxonomy_terms.set([term(slug) for slug in extracted])
            if create:
                self.save()

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.areas.set(extracted)
            if create:
                self.save()


class ServiceLocationFactory(factory.django.DjangoModelFactory):
    service = factory.SubFactory(ServiceFactory)
    name = "Westfield Civic Centre"
    address_1 = "1 Market Street"
    city = "Westfield"
    postcode = "WF1 1AA"

    class Meta:
        model = ServiceLocation


class ServiceScheduleFactory(factory.django.DjangoModelFactory):
    service = factory.SubFactory(ServiceFactory)
    weekday = Weekday.MONDAY
    opens_at = time(9, 0)
    closes_at = time(17, 0)

    class Meta:
        model = ServiceSchedule


class ServiceContactFactory(factory.django.DjangoModelFactory):
    service = factory.SubFactory(ServiceFactory)
    name = "Sam Taylor"
    title = "Team leader"
    phone = "01632 960001"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")

    class Meta:
        model = ServiceContact
