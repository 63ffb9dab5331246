"""Hubs: the install's one site becomes its first hub, with nothing lost.

Every existing site gets a hub (its name from the site settings). The role groups' page permissions over the whole
page tree move to each hub's own groups: members of Hub editors join the hub's editors' group, members of the
other staff groups its staff group, so everyone keeps what they could do on the one hub there was.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

from portal.groups import HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS, create_hub


def hub_name_for(apps, site):
    SiteSettings = apps.get_model("home", "SiteSettings")
    settings = SiteSettings.objects.filter(site_id=site.pk).first()
    return (settings.hub_name if settings else "") or site.site_name or site.hostname


def create_hubs(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Hub = apps.get_model("portal", "Hub")
    used = set(Hub.objects.values_list("slug", flat=True))
    for order, site in enumerate(Site.objects.order_by("-is_default_site", "pk")):
        if Hub.objects.filter(site_id=site.pk).exists():
            continue
        name = hub_name_for(apps, site)[:60]
        slug = slugify(name)[:70] or f"hub-{site.pk}"
        while slug in used:
            slug = f"{slug}-{site.pk}"
        used.add(slug)
        hub = create_hub(apps, site=site, name=name, slug=slug, sort_order=order)
        editors = Group.objects.filter(name=HUB_EDITORS).first()
        if editors is not None:
            hub.editors_group.user_set.add(*editors.user_set.all())
        for role in Group.objects.filter(name__in=[HUB_COORDINATORS, HUB_SAFEGUARDING_LEADS]):
            hub.staff_group.user_set.add(*role.user_set.all())
    # The roles keep their model permissions; page permissions are now per hub.
    GroupPagePermission.objects.filter(group__name__in=[HUB_EDITORS, HUB_COORDINATORS], page__depth=1).delete()


def remove_hubs(apps, schema_editor):
    apps.get_model("portal", "Hub").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("home", "0003_hub_staff_groups"),
        ("bookings", "0002_staff_permissions"),
        ("directory", "0002_vocabulary_and_staff_permissions"),
        ("partners", "0003_only_coordinators_invite"),
        ("referrals", "0003_status_link_cleared_by_retention"),
    ]

    operations = [
        migrations.CreateModel(
            name="Hub",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="The district, as staff tell hubs apart (e.g. Copeland).",
                        max_length=80,
                        unique=True,
                        verbose_name="name",
                    ),
                ),
                ("slug", models.SlugField(max_length=80, unique=True, verbose_name="slug")),
                (
                    "referral_retention_months",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Leave empty for the install's default.",
                        null=True,
                        verbose_name="keep finished referrals' personal data for (months)",
                    ),
                ),
                (
                    "booking_retention_months",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Leave empty for the install's default.",
                        null=True,
                        verbose_name="keep past bookings' personal data for (months)",
                    ),
                ),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="order in lists")),
                (
                    "editors_group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="edited_hubs",
                        to="auth.group",
                        verbose_name="editors' group",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="hub",
                        to="wagtailcore.site",
                        verbose_name="site",
                    ),
                ),
                (
                    "staff_group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="staffed_hubs",
                        to="auth.group",
                        verbose_name="staff group",
                    ),
                ),
            ],
            options={
                "verbose_name": "hub",
                "verbose_name_plural": "hubs",
                "ordering": ["sort_order", "name"],
                "permissions": [("view_county_figures", "Can see every hub's figures side by side (no personal data)")],
            },
        ),
        migrations.RunPython(create_hubs, remove_hubs),
    ]
