"""Partner organisations and their services: snippets with drafts and revisions.

The database row holds what is live; a partner's or an editor's unpublished change is a revision until
hub staff publish it (DESIGN: partner edits are drafts). Field names follow Open Referral UK where they can.
"""

from uuid import uuid4

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from directory.choices import PUBLIC_SERVICE_STATUSES, LocationType, ServiceStatus, Weekday
from portal.admin_forms import BoundedRowsAdminForm

from .taxonomy import Area, TaxonomyTerm

MAX_AGE = 120
# The most rows a service has of each kind, on the partner form and in the admin alike.
ROW_LIMITS = {"locations": 20, "schedules": 50, "contacts": 20}


def review_interval():
    return relativedelta(months=settings.DIRECTORY_REVIEW_MONTHS)


class OrganisationQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def review_due(self, *, today=None):
        today = today or timezone.localdate()
        cutoff = today - review_interval()
        return self.filter(Q(last_reviewed_at__isnull=True) | Q(last_reviewed_at__lt=cutoff))


class Organisation(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, help_text=_("The last part of its web address."))
    summary = models.CharField(_("summary"), max_length=300, help_text=_("What the organisation does, in a sentence."))
    description = models.TextField(_("what they do"), max_length=5000, blank=True)
    how_to_refer = models.TextField(
        _("how to refer"), max_length=3000, blank=True, help_text=_("How residents and partners can refer someone.")
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), max_length=500, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    keywords = models.CharField(
        _("search keywords"),
        max_length=500,
        blank=True,
        help_text=_("Words people search with that the text does not use, e.g. 'noise, loud music, parties'."),
    )
    last_reviewed_at = models.DateField(_("last reviewed"), null=True, blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organisation")

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("how_to_refer"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website"), FieldPanel("address")],
            heading=_("Contact details"),
        ),
        FieldPanel("logo"),
        FieldPanel("keywords"),
        FieldPanel("last_reviewed_at"),
    ]

    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("keywords", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("services_text"),
        index.FilterField("live"),
        index.FilterField("slug"),
    ]

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def review_due(self):
        return self.last_reviewed_at is None or self.last_reviewed_at < timezone.localdate() - review_interval()

    @property
    def hub_names(self):
        """The hubs the organisation works with (its hub partnerships), as one line."""
        partnerships = sorted(self.hub_partnerships.all(), key=lambda p: (p.hub.sort_order, p.hub.name))
        return ", ".join(partnership.hub.name for partnership in partnerships)

    def services_text(self):
        """What the organisation's published services say, so a search for a service finds its organisation."""
        parts = []
        for service in self.services.filter(live=True, status__in=PUBLIC_SERVICE_STATUSES).prefetch_related(
            "taxonomy_terms"
        ):
            parts.extend([service.name, service.description, service.keywords])
            parts.extend(term.name for term in service.taxonomy_terms.all())
        return " ".join(part for part in parts if part)


class ServiceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(live=True, organisation__live=True, status__in=PUBLIC_SERVICE_STATUSES)


class Service(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), max_length=5000)
    status = models.CharField(_("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("youngest age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("oldest age"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(MAX_AGE)]
    )
    eligibility = models.TextField(_("who it is for"), max_length=2000, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    fees = models.CharField(_("costs"), max_length=300, blank=True, help_text=_("What it costs, if anything."))
    how_to_access = models.TextField(_("how to get help"), max_length=2000, blank=True)
    alert = models.CharField(
        _("alert"), max_length=300, blank=True, help_text=_("A temporary notice, e.g. a change of opening times.")
    )
    taxonomy_terms = ParentalManyToManyField(TaxonomyTerm, verbose_name=_("categories"), related_name="services")
    areas = ParentalManyToManyField(Area, verbose_name=_("areas covered"), blank=True, related_name="services")
    keywords = models.CharField(_("search keywords"), max_length=500, blank=True)
    last_modified = models.DateTimeField(_("last changed"), auto_now=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="service")

    objects = ServiceQuerySet.as_manager()

    base_form_class = BoundedRowsAdminForm
    panels = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("status"),
        FieldPanel("alert"),
        FieldPanel("taxonomy_terms"),
        FieldPanel("areas"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
                FieldPanel("eligibility"),
            ],
            heading=_("Who it is for"),
        ),
        MultiFieldPanel([FieldPanel("is_free"), FieldPanel("fees")], heading=_("Cost")),
        FieldPanel("how_to_access"),
        MultiFieldPanel([FieldPanel("url"), FieldPanel("email"), FieldPanel("phone")], heading=_("Contact details")),
        InlinePanel("locations", heading=_("Locations"), label=_("location"), max_num=ROW_LIMITS["locations"]),
        InlinePanel("schedules", heading=_("Opening times"), label=_("opening time"), max_num=ROW_LIMITS["schedules"]),
        InlinePanel("contacts", heading=_("Named contacts"), label=_("contact"), max_num=ROW_LIMITS["contacts"]),
        FieldPanel("keywords"),
    ]

    search_fields = [
        index.SearchField("name", boost=4),
        index.AutocompleteField("name"),
        index.SearchField("keywords", boost=3),
        index.SearchField("description"),
        index.SearchField("eligibility"),
        index.RelatedFields("taxonomy_terms", [index.SearchField("name")]),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("live"),
        index.FilterField("status"),
        index.FilterField("organisation_id"),
        index.FilterField("minimum_age"),
        index.FilterField("maximum_age"),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range_in_order",
            )
        ]

    def __str__(self):
        return self.name


class ServiceLocation(Orderable):
    """Where a service is offered. One row is both the Open Referral location and its service_at_location."""

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="locations")
    uuid = models.UUIDField(_("location id"), default=uuid4, unique=True, editable=False)
    service_at_location_uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    location_type = models.CharField(
        _("type"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    address_1 = models.CharField(_("address line 1"), max_length=150, blank=True)
    city = models.CharField(_("town or city"), max_length=80, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility = models.CharField(_("access"), max_length=300, blank=True, help_text=_("Step-free access etc."))

    panels = [
        FieldPanel("location_type"),
        FieldPanel("name"),
        FieldPanel("address_1"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("postcode")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("accessibility"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return ", ".join(part for part in (self.name, self.address_1, self.city, self.postcode) if part) or str(
            self.get_location_type_display()
        )


class ServiceSchedule(Orderable):
    """A weekly opening time (RRULE FREQ=WEEKLY;BYDAY=...)."""

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="schedules")
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    weekday = models.CharField(_("day"), max_length=2, choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))
    notes = models.CharField(_("notes"), max_length=200, blank=True, help_text=_("e.g. 'drop-in, no appointment'"))

    panels = [
        FieldPanel("weekday"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening time")
        verbose_name_plural = _("opening times")
        constraints = [
            models.CheckConstraint(condition=Q(opens_at__lt=models.F("closes_at")), name="schedule_opens_before_close")
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class ServiceContact(Orderable):
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="contacts")
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=120, blank=True)
    title = models.CharField(_("job title or team"), max_length=120, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("phone"), FieldPanel("email")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name or self.title
