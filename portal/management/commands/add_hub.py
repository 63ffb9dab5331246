"""manage.py add_hub: a new hub on its own host name, with the standard pages a hub needs, its groups and its
site settings (the same pages the demo builds for each of its hubs)."""

import re

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, Site

from portal.demo.pages import root_page
from portal.demo.site import ensure_programme_index, facts_for_new_hub, new_home_page, seed_hub_pages
from portal.groups import create_hub
from portal.models import Hub

HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


class Command(BaseCommand):
    help = "Add a hub: its site on --hostname, a home page with the standard pages, its groups and settings."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='The hub\'s short name, e.g. "Eden".')
        parser.add_argument("--hostname", required=True, help="The host name its site answers, e.g. eden.example.org")
        parser.add_argument("--port", type=int, default=80, help="The port its site answers (default 80).")
        parser.add_argument("--hub-name", help='The name residents see (default "<name> Local Focus Hub").')
        parser.add_argument("--phone", default="", help="The hub's public phone number.")
        parser.add_argument("--email", default="", help="The hub's public email address.")

    def handle(self, *args, name, hostname, port, hub_name=None, phone="", email="", **options):
        name = name.strip()
        hostname = hostname.strip().lower()
        slug = slugify(name)
        self._check(name, slug, hostname, port, email)
        facts = facts_for_new_hub(name=name, hub_name=hub_name, phone=phone, email=email)
        with transaction.atomic():
            root = root_page()
            home = new_home_page(root, facts, slug=_free_slug(root, slug))
            site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=facts["hub_name"])
            sort_order = (Hub.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
            hub = create_hub(apps, site=site, name=name, slug=slug, sort_order=sort_order)
            seed_hub_pages(home, site, facts)
            ensure_programme_index(home)
        self.stdout.write(
            f"Added {facts['hub_name']} on {site.root_url}/ (groups: {hub.editors_group}, {hub.staff_group})."
        )
        self.stdout.write("Add its staff to those groups, then fill in its pages and settings in the admin.")

    def _check(self, name, slug, hostname, port, email):
        if not name or not slug:
            raise CommandError("Give the hub a name with letters or digits, e.g. --name Eden.")
        if not HOSTNAME.match(hostname):
            raise CommandError(f"{hostname!r} is not a host name: use letters, digits, dots and hyphens only.")
        if not 0 < port < 65536:
            raise CommandError(f"Port {port} is out of range (1 to 65535).")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"{email!r} is not an email address.") from None
        if Site.objects.filter(hostname=hostname, port=port).exists():
            raise CommandError(f"{hostname}:{port} is taken: another site already answers it.")
        if Hub.objects.filter(name__iexact=name).exists() or Hub.objects.filter(slug=slug).exists():
            raise CommandError(f"A hub called {name!r} already exists.")
        if Group.objects.filter(name__in=[f"{name} hub editors", f"{name} hub staff"]).exists():
            raise CommandError(f"The groups for a hub called {name!r} already exist: choose another name.")


def _free_slug(root, slug):
    taken = set(Page.objects.child_of(root).values_list("slug", flat=True))
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate
