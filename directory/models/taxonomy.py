"""The hub's own vocabulary and the areas it covers, shaped for Open Referral UK taxonomies and service areas."""

from uuid import uuid4

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Taxonomy(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"))
    uri = models.URLField(_("address of its definition"), blank=True)
    version = models.CharField(_("version"), max_length=20, blank=True)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("uri"), FieldPanel("version")]

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TaxonomyTerm(index.Indexed, models.Model):
    """A category of help, e.g. "Drugs and alcohol". Services carry one or more."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, verbose_name=_("taxonomy"), on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    code = models.CharField(_("code"), max_length=50, blank=True, help_text=_("The term's code in its taxonomy."))
    description = models.TextField(_("description"))
    parent = models.ForeignKey(
        "self", verbose_name=_("broader term"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    panels = [
        FieldPanel("taxonomy"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("parent"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "name"], name="unique_term_name_per_taxonomy")]

    def __str__(self):
        return self.name


class Area(models.Model):
    """A place a hub covers (a town, a ward, or the whole district). A service covers the hubs of its areas."""

    hub = models.ForeignKey("portal.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="areas")
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.CharField(_("description"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=0)

    panels = [
        FieldPanel("hub"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
