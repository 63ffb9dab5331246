"""A hub's editors promote search results for their hub (home.admin.promotions scopes Wagtail's screens to the
pages of their hubs' sites)."""

from django.db import migrations

from portal.groups import HUB_EDITORS, ensure_permissions, grant, model_permissions

PROMOTIONS = tuple(f"wagtailsearchpromotions.{action}_searchpromotion" for action in ("add", "change", "delete"))


def grant_promotions(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, HUB_EDITORS, *PROMOTIONS)


def revoke_promotions(apps, schema_editor):
    role = apps.get_model("auth", "Group").objects.filter(name=HUB_EDITORS).first()
    if role is not None:
        role.permissions.remove(*model_permissions(apps, *PROMOTIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_search_synonyms_and_tally"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant_promotions, revoke_promotions)]
