from django.db import migrations

from portal.groups import HUB_COORDINATORS, ensure_permissions, grant

COORDINATOR_PERMISSIONS = (
    "referrals.view_referral",
    "referrals.change_referral",
    "referrals.triage_referral",
    "referrals.view_referralaction",
)


def grant_referral_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, HUB_COORDINATORS, *COORDINATOR_PERMISSIONS)


def revoke_referral_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name=HUB_COORDINATORS).first()
    if coordinators:
        coordinators.permissions.remove(*Permission.objects.filter(content_type__app_label="referrals"))


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0001_initial"),
        ("directory", "0002_vocabulary_and_staff_permissions"),
    ]

    operations = [migrations.RunPython(grant_referral_permissions, revoke_referral_permissions)]
