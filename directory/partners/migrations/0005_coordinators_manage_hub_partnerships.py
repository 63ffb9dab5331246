"""Hub coordinators list, add and remove the organisations working with their hubs (the admin scopes it to them)."""

from django.db import migrations

from portal.groups import HUB_COORDINATORS, ensure_permissions, grant, model_permissions

PARTNERSHIP_PERMISSIONS = (
    "partners.view_hubpartnership",
    "partners.add_hubpartnership",
    "partners.delete_hubpartnership",
)


def grant_to_coordinators(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, HUB_COORDINATORS, *PARTNERSHIP_PERMISSIONS)


def revoke_from_coordinators(apps, schema_editor):
    ensure_permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name=HUB_COORDINATORS):
        group.permissions.remove(*model_permissions(apps, *PARTNERSHIP_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_hubpartnership"),
    ]

    operations = [migrations.RunPython(grant_to_coordinators, revoke_from_coordinators)]
