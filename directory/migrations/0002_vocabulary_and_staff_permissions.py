from django.db import migrations

from portal.groups import HUB_COORDINATORS, HUB_EDITORS, ensure_permissions, grant

TAXONOMY = {
    "name": "Local Focus Hub categories",
    "description": "The kinds of help the hub's partner agencies give, in the hub's own words.",
    "version": "1.0",
}
# (slug, name, description); the slugs are stable codes that the public filters and the API use.
TERMS = [
    ("community-safety", "Community safety", "Preventing and tackling anti-social behaviour and crime in a neighbourhood."),
    ("housing", "Housing", "Social housing, tenancy support and problems with a home or a neighbour's tenancy."),
    ("homelessness", "Homelessness", "Help for people who are homeless or at risk of losing their home."),
    ("health-and-wellbeing", "Health and wellbeing", "Physical health, healthy lifestyles and wellbeing support."),
    ("mental-health", "Mental health", "Support for people in mental distress and the services that help them."),
    ("drugs-and-alcohol", "Drugs and alcohol", "Treatment, harm reduction and advice about drugs and alcohol."),
    ("young-people", "Young people", "Activities, support and diversion for children and young people."),
    ("older-people", "Older people", "Support for older people, including loneliness and isolation."),
    ("victims-and-witnesses", "Victims and witnesses", "Support for people harmed by crime or anti-social behaviour."),
    (
        "environment-and-enforcement",
        "Environment and enforcement",
        "Noise, litter, fly-tipping, graffiti, dog fouling, abandoned vehicles and other environmental problems.",
    ),
    ("licensing", "Licensing", "Licensed premises, alcohol sales, taxis and street trading."),
    ("fire-safety", "Fire safety", "Home fire safety checks, deliberate fires and fire prevention."),
    ("policing", "Policing", "Neighbourhood policing and reporting crime."),
    ("offending-and-rehabilitation", "Offending and rehabilitation", "Probation, liaison and diversion, and resettlement."),
    ("parks-and-green-spaces", "Parks and green spaces", "Parks, play areas, open spaces and their upkeep."),
    ("employment-and-skills", "Employment and skills", "Training, employability and getting into work."),
]

EDITOR_PERMISSIONS = tuple(
    f"directory.{action}_{model}"
    for model in ("organisation", "service")
    for action in ("add", "change", "delete", "publish")
) + tuple(
    f"directory.{action}_{model}" for model in ("taxonomy", "taxonomyterm", "area") for action in ("add", "change", "delete")
)
COORDINATOR_PERMISSIONS = (
    "directory.change_organisation",
    "directory.publish_organisation",
    "directory.change_service",
    "directory.publish_service",
)


def create_vocabulary(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    taxonomy, _ = Taxonomy.objects.get_or_create(name=TAXONOMY["name"], defaults=TAXONOMY)
    for slug, name, description in TERMS:
        TaxonomyTerm.objects.get_or_create(
            slug=slug, defaults={"taxonomy": taxonomy, "name": name, "code": slug, "description": description}
        )


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
