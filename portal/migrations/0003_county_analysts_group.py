"""The "County analysts" group: into the admin, to the county figures (every hub's counts, nothing personal)."""

from django.db import migrations

from portal.groups import COUNTY_ANALYSTS, ensure_permissions, grant


def create_group(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, COUNTY_ANALYSTS, "portal.view_county_figures", "wagtailadmin.access_admin")


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COUNTY_ANALYSTS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_hub"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
