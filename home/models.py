from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.navigation import CachedPageMixin, private_sections_q

from .blocks import BodyBlock, RouteBlock

SETTINGS_CACHE_TIMEOUT = 300
DEFAULT_SYNONYMS = """ASB, anti-social behaviour, antisocial behaviour
fly-tipping, flytipping, dumped rubbish, dumping, dumped waste
graffiti, tagging, spray paint
noise, noisy neighbours, loud music
drunk, drinking, alcohol, booze
drugs, substance misuse, cannabis, weed, dealing
homeless, rough sleeping, sleeping rough, nowhere to live
domestic abuse, domestic violence
youth club, youth group, young people's group
teenagers, teens, young people, youths, kids
older person, elderly, pensioner, older people
bullying, harassment, intimidation
vandalism, criminal damage, smashed windows
scrambler bikes, off-road bikes, quad bikes, nuisance bikes
fire, arson, fire setting
dog fouling, dog mess, dog poo"""


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    hub_name = models.CharField(_("hub name"), max_length=80, default="Local Focus Hub")
    hub_phone = models.CharField(_("hub phone number"), max_length=30, blank=True)
    hub_email = models.EmailField(_("hub email address"), blank=True)
    hub_address = models.TextField(_("hub address"), blank=True)
    non_emergency_phone = models.CharField(_("police non-emergency number"), max_length=30, default="101")
    crimestoppers_phone = models.CharField(_("Crimestoppers number"), max_length=30, default="0800 555 111")
    show_emergency_banner = models.BooleanField(_("show the emergency banner"), default=True)
    emergency_banner = models.CharField(
        _("emergency banner"),
        max_length=250,
        default=(
            "In an emergency call 999. To report a crime or anti-social behaviour that is not an emergency, call 101."
        ),
    )
    privacy_page = models.ForeignKey(
        Page, verbose_name=_("privacy notice"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        Page, verbose_name=_("contact page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_synonyms = models.TextField(
        _("search synonyms"),
        blank=True,
        default=DEFAULT_SYNONYMS,
        max_length=10000,
        help_text=_(
            "One group a line: words or phrases people use for the same thing, separated by commas, like "
            "“ASB, anti-social behaviour”. The site search and the directory search find any of them."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("hub_name"), FieldPanel("hub_phone"), FieldPanel("hub_email"), FieldPanel("hub_address")],
            heading=_("The hub"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("show_emergency_banner"),
                FieldPanel("emergency_banner"),
                FieldPanel("non_emergency_phone"),
                FieldPanel("crimestoppers_phone"),
            ],
            heading=_("Emergency and reporting numbers"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page"), FieldPanel("contact_page")],
            heading=_("Footer links"),
        ),
        MultiFieldPanel([FieldPanel("search_synonyms")], heading=_("Search")),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site):
        """Read on every page, so kept in the cache; saving clears it."""
        key = cls._cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, SETTINGS_CACHE_TIMEOUT)
        return instance

    @staticmethod
    def _cache_key(site_id):
        return f"portal:site-settings:{site_id}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self._cache_key(self.site_id))


class HomePage(CachedPageMixin, Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    routes = StreamField(
        [("route", RouteBlock())],
        verbose_name=_("routes"),
        blank=True,
        help_text=_(
            "The main things people come to do: book a programme, report anti-social behaviour, find a partner."
        ),
    )
    featured_heading = models.CharField(_("featured heading"), max_length=80, default="Our programmes")
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("routes"),
        MultiFieldPanel(
            [FieldPanel("featured_heading"), InlinePanel("featured_programmes", label=_("Programme"), max_num=6)],
            heading=_("Featured programmes"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = (
            self.featured_programmes.filter(programme__live=True)
            .exclude(private_sections_q("programme__"))
            .select_related("programme", "programme__image")
            .prefetch_related("programme__image__renditions")
            .order_by("sort_order")
        )
        context["featured_programmes"] = [item.programme for item in featured]
        return context


class FeaturedProgramme(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_programmes")
    programme = models.ForeignKey(
        "programmes.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("programme")]


class StandardPage(CachedPageMixin, Page):
    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class SearchTally(models.Model):
    """How many times a query was searched on a hub's site on a day, and how many of those found nothing: the hub's
    search report reads it (Wagtail's own ``Query`` log is not per site)."""

    hub = models.ForeignKey("portal.Hub", verbose_name=_("hub"), on_delete=models.CASCADE, related_name="+")
    query_string = models.CharField(_("search"), max_length=255)
    date = models.DateField(_("date"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    without_results = models.PositiveIntegerField(_("searches with no results"), default=0)

    class Meta:
        verbose_name = _("search tally")
        verbose_name_plural = _("search tallies")
        constraints = [
            models.UniqueConstraint(fields=["hub", "query_string", "date"], name="search_tally_once_a_day"),
        ]
        indexes = [models.Index(fields=["hub", "date"], name="search_tally_hub_date")]

    def __str__(self):
        return f"{self.query_string} ({self.date})"
