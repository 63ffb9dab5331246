from django.db import migrations

from portal.groups import HUB_COORDINATORS, HUB_EDITORS, ensure_permissions, grant, grant_collections, grant_pages

MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
RUNS = (
    "programmes.add_run",
    "programmes.change_run",
    "programmes.delete_run",
    "programmes.view_run",
    "programmes.add_session",
    "programmes.change_session",
    "programmes.delete_session",
    "programmes.view_session",
)


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    grant(
        apps,
        HUB_EDITORS,
        "wagtailadmin.access_admin",
        "home.change_sitesettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    )
    grant_pages(apps, HUB_EDITORS, "add", "change", "publish", "lock", "unlock")
    grant_collections(apps, HUB_EDITORS, *MEDIA)

    grant(apps, HUB_COORDINATORS, "wagtailadmin.access_admin", *RUNS)
    grant_pages(apps, HUB_COORDINATORS, "change")
    grant_collections(apps, HUB_COORDINATORS, "wagtailimages.choose_image", "wagtaildocs.choose_document")


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[HUB_EDITORS, HUB_COORDINATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_initial"),
        ("programmes", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
