from django.db import migrations

from portal.groups import HUB_COORDINATORS, HUB_SAFEGUARDING_LEADS, ensure_permissions, grant

COORDINATOR_PERMISSIONS = (
    "bookings.view_booking",
    "bookings.change_booking",
    "bookings.view_attendance",
    "bookings.add_attendance",
    "bookings.change_attendance",
)
SAFEGUARDING_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "bookings.view_booking",
    "bookings.view_health_details",
)


def grant_booking_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, HUB_COORDINATORS, *COORDINATOR_PERMISSIONS)
    grant(apps, HUB_SAFEGUARDING_LEADS, *SAFEGUARDING_PERMISSIONS)


def revoke_booking_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=HUB_SAFEGUARDING_LEADS).delete()
    coordinators = Group.objects.filter(name=HUB_COORDINATORS).first()
    if coordinators:
        codenames = [label.split(".")[1] for label in COORDINATOR_PERMISSIONS]
        coordinators.permissions.remove(
            *Permission.objects.filter(content_type__app_label="bookings", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0001_initial"),
        ("home", "0003_hub_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_booking_permissions, revoke_booking_permissions)]
