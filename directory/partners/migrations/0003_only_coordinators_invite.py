"""Only hub coordinators invite partners or withdraw invitations.

An invitation lets a mailbox into an organisation and so to its referral actions, which hub editors must not
see; 0002 had given editors the invitation permissions too.
"""

from django.db import migrations

from portal.groups import HUB_EDITORS, ensure_permissions, grant, model_permissions

INVITATION_PERMISSIONS = (
    "partners.view_invitation",
    "partners.add_invitation",
    "partners.change_invitation",
)


def revoke_from_editors(apps, schema_editor):
    ensure_permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name=HUB_EDITORS):
        group.permissions.remove(*model_permissions(apps, *INVITATION_PERMISSIONS))


def grant_to_editors(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, HUB_EDITORS, *INVITATION_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_invitation_permissions"),
    ]

    operations = [migrations.RunPython(revoke_from_editors, grant_to_editors)]
