"""Which hub a request is for, and which hubs a person works for.

Every hub-owned record (a referral, a run and its bookings, an area) is reached through these: a public request
belongs to the hub whose Wagtail ``Site`` answered it; a member of staff sees the hubs whose groups they are in
(superusers see every hub). Partners are not hub staff: the hubs an organisation works with are
``Organisation.hubs``, set by hub staff.
"""

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from .models import Hub
from .navigation import find_site

COUNTY_FIGURES_PERMISSION = "portal.view_county_figures"
CACHE_TIMEOUT = 300
_REQUEST_ATTR = "_portal_hub"
_USER_ATTR = "_portal_hub_ids"


def _cache_key(site_id):
    return f"portal:hub-for-site:{site_id}"


def hub_for_site(site):
    """The hub ``site`` serves (kept in the cache: read on every public request), or None."""
    if site is None:
        return None
    key = _cache_key(site.pk)
    hub = cache.get(key)
    if hub is None:
        hub = Hub.objects.select_related("site", "site__root_page").filter(site_id=site.pk).first()
        if hub is not None:
            cache.set(key, hub, CACHE_TIMEOUT)
    return hub


@receiver(post_save, sender=Hub)
@receiver(post_delete, sender=Hub)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _forget_hubs(sender, instance, **kwargs):
    site_ids = Site.objects.values_list("pk", flat=True)
    cache.delete_many([_cache_key(pk) for pk in {*site_ids, getattr(instance, "site_id", instance.pk)}])


def hub_for_request(request):
    """The hub whose site answered ``request`` (Wagtail's own site matching: host name, then the default site)."""
    if not hasattr(request, _REQUEST_ATTR):
        setattr(request, _REQUEST_ATTR, hub_for_site(find_site(request)))
    return getattr(request, _REQUEST_ATTR)


def default_hub():
    """The hub of the default site (the one unknown host names reach); the first hub if no site is the default."""
    hub = Hub.objects.select_related("site").filter(site__is_default_site=True).first()
    return hub or Hub.objects.select_related("site").first()


def default_hub_id():
    hub = default_hub()
    return hub.pk if hub else None


def membership_q(user, prefix=""):
    return Q(**{f"{prefix}editors_group__user": user}) | Q(**{f"{prefix}staff_group__user": user})


def hub_ids_for(user):
    """The ids of the hubs ``user`` works for: every hub for a superuser, none for anyone signed out. Kept on the
    user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    ids = getattr(user, _USER_ATTR, None)
    if ids is None:
        hubs = Hub.objects.all() if user.is_superuser else Hub.objects.filter(membership_q(user))
        ids = frozenset(hubs.values_list("pk", flat=True))
        setattr(user, _USER_ATTR, ids)
    return ids


def hubs_for(user):
    """The hubs ``user`` works for, in list order."""
    return Hub.objects.filter(pk__in=hub_ids_for(user)).select_related("site")


def works_for(user, hub):
    return hub is not None and getattr(hub, "pk", hub) in hub_ids_for(user)


def may_see_county(user):
    return user is not None and user.is_authenticated and user.has_perm(COUNTY_FIGURES_PERMISSION)


def pages_q(hubs, prefix=""):
    """A Q matching pages (or, with ``prefix`` like ``"programme__"``, rows whose page is) in ``hubs``' page trees:
    what belongs to a hub by where its page sits, such as a programme's runs and their bookings."""
    query = Q(pk__in=[])
    for hub in hubs:
        query |= Q(**{f"{prefix}path__startswith": hub.site.root_page.path})
    return query


def hub_of_page(page):
    """The hub whose page tree holds ``page`` (None if it sits outside every hub's tree)."""
    for hub in Hub.objects.select_related("site__root_page"):
        if page.path.startswith(hub.site.root_page.path):
            return hub
    return None


def site_root_url(hub):
    """The start of every link to ``hub``'s public site, e.g. ``https://copeland.example.org``."""
    return hub.site.root_url
