from django.db import migrations

from portal.groups import HUB_COORDINATORS, HUB_EDITORS, ensure_permissions, grant

INVITATION_PERMISSIONS = (
    "partners.view_invitation",
    "partners.add_invitation",
    "partners.change_invitation",
)


def grant_invitation_permissions(apps, schema_editor):
    ensure_permissions(apps)
    for group_name in (HUB_COORDINATORS, HUB_EDITORS):
        grant(apps, group_name, *INVITATION_PERMISSIONS)


def revoke_invitation_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [label.split(".")[1] for label in INVITATION_PERMISSIONS]
    permissions = Permission.objects.filter(content_type__app_label="partners", codename__in=codenames)
    for group in Group.objects.filter(name__in=[HUB_COORDINATORS, HUB_EDITORS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("home", "0003_hub_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_invitation_permissions, revoke_invitation_permissions)]
