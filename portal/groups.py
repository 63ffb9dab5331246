"""Staff groups, shared by the data migrations that create and extend them.

Migrations call these with the historical ``apps`` registry. Permissions are normally created
after migrations finish, so they are created here first for the apps involved.
"""

from django.contrib.auth.management import create_permissions

HUB_EDITORS = "Hub editors"
HUB_COORDINATORS = "Hub coordinators"
HUB_SAFEGUARDING_LEADS = "Hub safeguarding leads"
COUNTY_ANALYSTS = "County analysts"


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


# The page permissions a hub's editors hold over their own hub's pages (the role group once held them over
# every page; since hubs, page permissions are per hub).
HUB_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
SITE_SETTINGS_PERMISSION = "home.change_sitesettings"


def create_hub(apps, *, site, name, slug, sort_order=0):
    """A hub for ``site`` with its two groups, "<name> hub editors" (page permissions over the site's pages) and
    "<name> hub staff". Works with a migration's historical ``apps`` and with ``django.apps.apps``."""
    Group = apps.get_model("auth", "Group")
    Hub = apps.get_model("portal", "Hub")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    existing = Hub.objects.filter(site_id=site.pk).first()
    if existing is not None:
        # The site's hub keeps its own groups (renaming a hub does not rename them): grant to those.
        editors, staff = existing.editors_group, existing.staff_group
    else:
        editors, _ = Group.objects.get_or_create(name=f"{name} hub editors")
        staff, _ = Group.objects.get_or_create(name=f"{name} hub staff")
    permissions = model_permissions(apps, *(f"wagtailcore.{action}_page" for action in HUB_PAGE_PERMISSIONS))
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=editors, page_id=site.root_page_id, permission=permission)
    # Coordinators keep programme pages current: the hub's staff may change (not publish) its pages.
    change = model_permissions(apps, "wagtailcore.change_page")[0]
    GroupPagePermission.objects.get_or_create(group=staff, page_id=site.root_page_id, permission=change)
    # The hub's editors change its own site settings (name, phones, banner) and no other hub's.
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    for permission in model_permissions(apps, SITE_SETTINGS_PERMISSION):
        GroupSitePermission.objects.get_or_create(group=editors, site_id=site.pk, permission=permission)
    hub, _ = Hub.objects.get_or_create(
        site_id=site.pk,
        defaults={
            "name": name,
            "slug": slug,
            "editors_group": editors,
            "staff_group": staff,
            "sort_order": sort_order,
        },
    )
    return hub


def first_hub(apps):
    """The hub an existing single-hub database's records belong to (the default site's)."""
    Hub = apps.get_model("portal", "Hub")
    return Hub.objects.filter(site__is_default_site=True).first() or Hub.objects.order_by("pk").first()
