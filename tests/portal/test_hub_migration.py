"""A single-hub database (the state before portal 0002_hub) migrates to one hub with nothing lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.support import restore_wagtail_roots

BEFORE_HUBS = [("portal", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    loader = MigrationExecutor(connection).loader
    applied = [node for node in loader.applied_migrations if node in loader.graph.nodes]
    return loader.project_state(applied).apps


@pytest.mark.django_db(transaction=True)
def test_a_single_hub_database_becomes_one_hub_with_nothing_lost():
    restore_wagtail_roots()
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE_HUBS)
        Site = old.get_model("wagtailcore", "Site")
        Page = old.get_model("wagtailcore", "Page")
        Group = old.get_model("auth", "Group")
        User = old.get_model("auth", "User")
        root = Page.objects.get(depth=1)
        home = Page.objects.filter(depth=2).first() or root
        Site.objects.all().delete()
        site = Site.objects.create(
            hostname="copeland.example.org", port=443, root_page_id=home.pk, is_default_site=True
        )
        old.get_model("home", "SiteSettings").objects.create(site_id=site.pk, hub_name="Copeland")
        editor = User.objects.create(username="editor", email="editor@example.org")
        coordinator = User.objects.create(username="coordinator", email="coordinator@example.org")
        editor.groups.add(Group.objects.get(name="Hub editors"))
        coordinator.groups.add(Group.objects.get(name="Hub coordinators"))
        area = old.get_model("directory", "Area").objects.create(name="Town centre", slug="town-centre")
        organisation = old.get_model("directory", "Organisation").objects.create(name="Council", slug="council")
        referral = old.get_model("referrals", "Referral").objects.create(
            reference="HUB-AAAA-BBBB",
            source="public",
            category="nuisance",
            report_type="noise",
            location_description="The square",
            description="Loud music",
            area_id=area.pk,
            submitted_at=timezone.now(),
        )

        new = migrate(leaves)
        Hub = new.get_model("portal", "Hub")
        hub = Hub.objects.get()
        assert (hub.site_id, hub.name, hub.slug) == (site.pk, "Copeland", "copeland")
        NewUser = new.get_model("auth", "User")
        assert NewUser.objects.filter(pk=editor.pk, groups=hub.editors_group_id).exists()
        assert NewUser.objects.filter(pk=coordinator.pk, groups=hub.staff_group_id).exists()
        assert NewUser.objects.filter(pk=editor.pk, groups__name="Hub editors").exists(), "roles are kept"
        assert new.get_model("referrals", "Referral").objects.get(pk=referral.pk).hub_id == hub.pk
        assert new.get_model("referrals", "Referral").objects.get(pk=referral.pk).reference == "HUB-AAAA-BBBB"
        assert new.get_model("directory", "Area").objects.get(pk=area.pk).hub_id == hub.pk
        partnerships = new.get_model("partners", "HubPartnership").objects.filter(organisation_id=organisation.pk)
        assert list(partnerships.values_list("hub_id", flat=True)) == [hub.pk]
        GroupPagePermission = new.get_model("wagtailcore", "GroupPagePermission")
        assert GroupPagePermission.objects.filter(group_id=hub.editors_group_id, page_id=home.pk).exists()
        assert new.get_model("auth", "Group").objects.filter(name="County analysts").exists()
    finally:
        MigrationExecutor(connection).migrate(leaves)
        restore_wagtail_roots()
