from django.db import migrations

from directory.vocabulary import ensure_vocabulary
from portal.groups import HUB_COORDINATORS, HUB_EDITORS, ensure_permissions, grant

EDITOR_PERMISSIONS = tuple(
    f"directory.{action}_{model}"
    for model in ("organisation", "service")
    for action in ("add", "change", "delete", "publish")
) + tuple(
    f"directory.{action}_{model}"
    for model in ("taxonomy", "taxonomyterm", "area")
    for action in ("add", "change", "delete")
)
COORDINATOR_PERMISSIONS = (
    "directory.change_organisation",
    "directory.publish_organisation",
    "directory.change_service",
    "directory.publish_service",
)


def create_vocabulary(apps, schema_editor):
    ensure_vocabulary(apps.get_model("directory", "Taxonomy"), apps.get_model("directory", "TaxonomyTerm"))


def create_publish_permissions(apps):
    """Wagtail adds publish_<model> for snippets with drafts after migrations; the groups need it now."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, verbose in (("organisation", "partner organisation"), ("service", "service")):
        content_type, _ = ContentType.objects.get_or_create(app_label="directory", model=model)
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"publish_{model}", defaults={"name": f"Can publish {verbose}"}
        )


def grant_directory_permissions(apps, schema_editor):
    ensure_permissions(apps)
    create_publish_permissions(apps)
    grant(apps, HUB_EDITORS, *EDITOR_PERMISSIONS)
    grant(apps, HUB_COORDINATORS, *COORDINATOR_PERMISSIONS)


def revoke_directory_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    directory_permissions = Permission.objects.filter(content_type__app_label="directory")
    for group in Group.objects.filter(name__in=[HUB_EDITORS, HUB_COORDINATORS]):
        group.permissions.remove(*directory_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("home", "0003_hub_staff_groups"),
        ("bookings", "0002_staff_permissions"),
    ]

    operations = [
        migrations.RunPython(create_vocabulary, migrations.RunPython.noop),
        migrations.RunPython(grant_directory_permissions, revoke_directory_permissions),
    ]
