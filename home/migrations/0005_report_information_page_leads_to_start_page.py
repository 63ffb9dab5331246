"""One way into reporting: the menu leads to the report's start page (/report/), which says what the hub's
information page "Report anti-social behaviour" said. Each hub's information page, as the demo and `add_hub`
made it, is unpublished (editors still find it in the page tree) and its address redirects to the start page."""

from django.db import migrations

INFORMATION_SLUG = "report-anti-social-behaviour"
START_PATH = "/report/"


def retire_information_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    for site in Site.objects.select_related("root_page"):
        root = site.root_page
        pages = Page.objects.filter(
            path__startswith=root.path, depth=root.depth + 1, slug=INFORMATION_SLUG, live=True
        )
        if not pages.exists():
            continue
        pages.update(live=False, has_unpublished_changes=True, show_in_menus=False)
        Redirect.objects.get_or_create(
            old_path=f"/{INFORMATION_SLUG}",
            site=site,
            defaults={"redirect_link": START_PATH, "is_permanent": True},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_site_settings_per_hub"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(retire_information_pages, migrations.RunPython.noop)]
