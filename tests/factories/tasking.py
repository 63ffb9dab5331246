from datetime import date

import factory

from directory.tasking.choices import ItemKind, LocationStatus
from directory.tasking.models import (
    AgendaItem,
    ForwardEvent,
    Meeting,
    PlaceKind,
    PriorityLocation,
    PriorityPlace,
    TaskingAction,
)

from .directory import OrganisationFactory
from .hubs import the_default_hub


class PriorityLocationFactory(factory.django.DjangoModelFactory):
    """An active priority location covering the postcode ``postcode`` (WF1 1AA unless given), made directly."""

    hub = factory.LazyFunction(the_default_hub)
    name = factory.Sequence(lambda n: f"Priority location {n}")
    reason = "Repeated street drinking reported by residents and traders."
    status = LocationStatus.ACTIVE

    class Meta:
        model = PriorityLocation
        skip_postgeneration_save = True

    @factory.post_generation
    def postcode(self, create, extracted, **kwargs):
        if create and extracted is not False:
            postcode = extracted or "WF1 1AA"
            PriorityPlace.objects.create(
                location=self, kind=PlaceKind.POSTCODE, label=postcode, key="pc:" + postcode.replace(" ", "")
            )


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting, long ago unless ``held_on`` says otherwise (so it is never "the last meeting")."""

    hub = factory.LazyFunction(the_default_hub)
    held_on = date(2020, 1, 7)
    chair = "Neighbourhood inspector"

    class Meta:
        model = Meeting


class AgendaItemFactory(factory.django.DjangoModelFactory):
    meeting = factory.SubFactory(MeetingFactory)
    kind = ItemKind.OTHER
    title = factory.Sequence(lambda n: f"Item {n}")

    class Meta:
        model = AgendaItem


class TaskingActionFactory(factory.django.DjangoModelFactory):
    """An open action on a meeting's agenda item (pass ``priority_location=...`` and ``item=None`` for a plan's)."""

    hub = factory.LazyFunction(the_default_hub)
    item = factory.SubFactory(AgendaItemFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    description = "Patrol the square on Friday evenings."
    due_date = date(2026, 4, 1)

    class Meta:
        model = TaskingAction


class ForwardEventFactory(factory.django.DjangoModelFactory):
    hub = factory.LazyFunction(the_default_hub)
    name = "Bonfire night"
    starts_on = date(2026, 11, 5)
    place = "Castle Park"

    class Meta:
        model = ForwardEvent
