"""Staff groups, shared by the data migrations that create and extend them.

Migrations call these with the historical ``apps`` registry. Permissions are normally created
after migrations finish, so they are created here first for the apps involved.
"""

from django.contrib.auth.management import create_permissions

HUB_EDITORS = "Hub editors"
HUB_COORDINATORS = "Hub coordinators"
HUB_SAFEGUARDING_LEADS = "Hub safeguarding leads"


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def model_permissions(apps, *labels):
    """Permission objects for labels like "programmes.change_run"."""
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for label in labels:
        app_label, codename = label.split(".")
        permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return permissions


def grant(apps, group_name, *labels):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*model_permissions(apps, *labels))
    return group


def grant_pages(apps, group_name, *actions):
    """Page permissions (add, change, publish, ...) over the whole tree, from the root page down."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _ = Group.objects.get_or_create(name=group_name)
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for permission in model_permissions(apps, *(f"wagtailcore.{action}_page" for action in actions)):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def grant_collections(apps, group_name, *labels):
    """Image and document permissions over the root collection and everything under it."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group, _ = Group.objects.get_or_create(name=group_name)
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for permission in model_permissions(apps, *labels):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)
