"""Site settings are per hub: each hub's editors' group may change its own site's settings (a Wagtail site
permission), and the Hub editors role no longer changes every site's."""

from django.db import migrations

from portal.groups import HUB_EDITORS, SITE_SETTINGS_PERMISSION, model_permissions


def settings_per_hub(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Hub = apps.get_model("portal", "Hub")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    (permission,) = model_permissions(apps, SITE_SETTINGS_PERMISSION)
    for hub in Hub.objects.all():
        GroupSitePermission.objects.get_or_create(group_id=hub.editors_group_id, site_id=hub.site_id, permission=permission)
    role = Group.objects.filter(name=HUB_EDITORS).first()
    if role is not None:
        role.permissions.remove(permission)


def settings_for_every_site(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    (permission,) = model_permissions(apps, SITE_SETTINGS_PERMISSION)
    role = Group.objects.filter(name=HUB_EDITORS).first()
    if role is not None:
        role.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_hub_staff_groups"),
        ("portal", "0002_hub"),
    ]

    operations = [migrations.RunPython(settings_per_hub, settings_for_every_site)]
