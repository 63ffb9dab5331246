from django.apps import apps
from django.urls import reverse
from wagtail.models import Page, Site

from home.models import FeaturedProgramme, HomePage, SiteSettings, StandardPage
from portal.groups import create_hub
from portal.hubs import hub_for_site
from portal.models import Hub
from programmes.models import ProgrammeIndexPage, ProgrammePage

from .data import load
from .pages import ensure_child, rich, root_page, stream

HUB_NAME = "Westfield Local Focus Hub"


def hub_facts():
    """The demo's hubs (data/hubs.json), the default site's first."""
    return load("hubs")["hubs"]


def about(f):
    return stream(
        (
            "paragraph",
            rich(
                f"The {f['hub_name']} brings together the council, the police, the fire and rescue service, "
                " housing providers, health services, probation and voluntary groups to "
                "tackle anti-social behaviour and low-level crime before it escalates.",
                "Partners share information under the Crime and Disorder Act 1998, meet every month to agree priority "
                "locations, and work on each referral together instead of passing it from one agency to another.",
            ),
        ),
        ("heading", "What the hub does"),
        (
            "paragraph",
            "<ul><li>runs preventive programmes with schools and young people</li>"
            "<li>takes referrals from residents and partner agencies about local issues</li>"
            "<li>agrees a lead agency and actions for every accepted referral</li>"
            "<li>keeps a directory of the partner agencies residents can turn to</li></ul>",
        ),
        ("heading", "Where we are"),
        ("paragraph", rich(f"The hub team is based at {f['base']} and meets partners there every week.")),
    )


def privacy(f):
    return stream(
        (
            "paragraph",
            rich(
                f"{f['council']} is the data controller for this website. The hub partners process "
                "personal data to prevent crime and disorder under the Crime and Disorder Act 1998 (section 115) "
                "and the UK GDPR, Article 6(1)(e): a task carried out in the public interest.",
            ),
        ),
        ("heading", "What we collect"),
        (
            "paragraph",
            rich(
                "When you book a programme place we record the school or the young person, contact details, and "
                "any needs you tell us about so the session is safe. When you report anti-social behaviour you can "
                "stay anonymous; if you give your details we use them only to contact you about your report.",
            ),
        ),
        ("heading", "How long we keep it"),
        (
            "paragraph",
            rich(
                "Participants' personal details are removed 12 months after their programme ends. Reports are "
                "anonymised 24 months after they are closed; we keep the category, area and dates for statistics.",
            ),
        ),
        ("heading", "Your rights"),
        (
            "paragraph",
            rich(
                "You can ask to see, correct or delete the information we hold about you. Contact the council's "
                "data protection officer at dpo@example.org. You can complain to the Information Commissioner's "
                "Office.",
            ),
        ),
    )


def accessibility(f):
    return stream(
        (
            "paragraph",
            rich(
                "We want as many people as possible to be able to use this website. You should be able to change "
                "colours and fonts, zoom in up to 400% without the text spilling off the screen, navigate with just "
                "a keyboard or speech recognition software, and listen to the website using a screen reader.",
            ),
        ),
        ("heading", "Compliance status"),
        (
            "paragraph",
            rich(
                "This website is designed to meet the Web Content Accessibility Guidelines version 2.2 AA standard. "
                "Every public page is checked automatically in a real browser before each release.",
            ),
        ),
        ("heading", "Reporting accessibility problems"),
        (
            "paragraph",
            rich(
                "If you find a problem, or need information in a different format such as large print or easy "
                f"read, email {f['email']} or call {f['phone']}. We will reply within 5 working days.",
            ),
        ),
    )


def contact(f):
    return stream(
        (
            "paragraph",
            rich(
                f"Hub team, {', '.join(f['address'])}.",
                f"Telephone {f['phone']} (Monday to Friday, 9am to 5pm). Email {f['email']}.",
            ),
        ),
        ("warning_text", {"text": "In an emergency always call 999. Do not use email to report an emergency."}),
    )


def partners(f):
    return stream(
        (
            "paragraph",
            rich(
                "The hub works with the council's enforcement, licensing, environmental health, homelessness "
                f"and greenspaces teams; {f['police']}; the fire and rescue service; local housing providers; NHS "
                f"and mental health services; probation; liaison and diversion; {f['local_partners']}.",
            ),
        ),
    )


def facts_for_new_hub(*, name, hub_name=None, phone="", email="", address=None):
    """The facts `seed_hub_site` needs for a hub made by `manage.py add_hub` (placeholders the editors replace)."""
    return {
        "name": name,
        "hub_name": hub_name or f"{name} Local Focus Hub",
        "place": name,
        "council": f"{name} Council",
        "police": f"{name} police",
        "base": f"the {name} hub office",
        "address": address or [],
        "phone": phone,
        "email": email,
        "intro": f"Partners working together against anti-social behaviour in {name}.",
        "local_partners": "and local voluntary groups",
    }


def seed_site(report):
    """Every demo hub's site (the default site's first); returns [(facts, hub, home)]."""
    built = []
    for position, facts in enumerate(hub_facts()):
        site, home = _demo_site(facts, report)
        _rename_placeholder_hub(site, facts)
        hub = create_hub(apps, site=site, name=facts["name"], slug=facts["slug"], sort_order=position)
        seed_hub_pages(home, site, facts)
        built.append((facts, hub, home))
    return built


def _rename_placeholder_hub(site, facts):
    """The hub the migrations made for the installer's site is named after its host ("localhost"): the demo
    names it, and its groups, as data/hubs.json says."""
    hub = hub_for_site(site)
    if hub is None or hub.name == facts["name"] or Hub.objects.filter(name=facts["name"]).exists():
        return
    for group, role in ((hub.editors_group, "editors"), (hub.staff_group, "staff")):
        if group.name == f"{hub.name} hub {role}":
            group.name = f"{facts['name']} hub {role}"
            group.save(update_fields=["name"])
    hub.name, hub.slug = facts["name"], facts["slug"]
    hub.save(update_fields=["name", "slug"])


def _demo_site(facts, report):
    root = root_page()
    home = HomePage.objects.child_of(root).filter(slug=facts["home_slug"]).first()
    if facts.get("default"):
        site = Site.objects.filter(is_default_site=True).first()
        if home is None and site is not None and isinstance(site.root_page.specific, HomePage):
            home = site.root_page.specific
        if home is None:
            # The default site (and its hub) stays: it points at the root while its installer page goes.
            Site.objects.filter(is_default_site=True).update(root_page=root)
            _remove_wagtail_welcome_page(root)
    else:
        site = Site.objects.filter(hostname=facts["hostname"], port=facts["port"]).first()
    if home is None:
        home = new_home_page(root, facts)
        report.append(f"Created the home page of {facts['hub_name']}.")
    if site is None:
        site = Site.objects.create(
            hostname=facts["hostname"],
            port=facts["port"],
            root_page=home,
            is_default_site=bool(facts.get("default")),
            site_name=facts["hub_name"],
        )
    wanted = {"root_page_id": home.pk, "site_name": facts["hub_name"]}
    if facts.get("default"):
        wanted |= {"hostname": facts["hostname"], "port": facts["port"]}
    if any(getattr(site, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(site, key, value)
        site.save()
    return site, home


def new_home_page(root, facts, slug=None):
    home = HomePage(
        title=facts["hub_name"],
        slug=slug or facts["home_slug"],
        intro=f"<p>{facts['intro']}</p>",
        featured_heading="Programmes for young people and schools",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def seed_hub_pages(home, site, facts):
    """The standard pages every hub has (about, partners, privacy, accessibility, contact, programmes)
    under ``home``, and ``site``'s settings pointing at them. Adds only what is missing."""
    ensure_child(
        home,
        StandardPage,
        "about",
        title="About the hub",
        intro="Who we are and how we work.",
        body=about(facts),
        show_in_menus=True,
    )
    ensure_child(
        home,
        StandardPage,
        "partner-agencies",
        title="Partner agencies",
        intro="The organisations the hub works with.",
        body=partners(facts),
    )
    privacy_page, _ = ensure_child(
        home,
        StandardPage,
        "privacy-notice",
        title="Privacy notice",
        intro="How the hub partners use your personal information.",
        body=privacy(facts),
    )
    accessibility_page, _ = ensure_child(
        home,
        StandardPage,
        "accessibility-statement",
        title="Accessibility statement",
        intro="How accessible this website is.",
        body=accessibility(facts),
    )
    contact_page, _ = ensure_child(home, StandardPage, "contact", title="Contact the hub", body=contact(facts))
    _seed_settings(site, facts, privacy_page, accessibility_page, contact_page)
    return home


def ensure_programme_index(home):
    return ensure_child(
        home,
        ProgrammeIndexPage,
        "programmes",
        title="Programmes",
        intro="<p>Preventive programmes for young people, schools and communities, run by the hub partners.</p>",
        show_in_menus=True,
    )


def _remove_wagtail_welcome_page(root):
    """Wagtail's installer leaves a plain "Welcome" page (and a site pointing at it) where the home page goes."""
    Page.objects.child_of(root).filter(content_type__app_label="wagtailcore", slug="home").delete()


def _seed_settings(site, facts, privacy_page, accessibility_page, contact_page):
    settings = SiteSettings.for_site(site)
    settings.hub_name = facts["hub_name"]
    settings.hub_phone = settings.hub_phone or facts["phone"]
    settings.hub_email = settings.hub_email or facts["email"]
    settings.hub_address = settings.hub_address or "\n".join(facts["address"])
    settings.privacy_page = settings.privacy_page or privacy_page
    settings.accessibility_page = settings.accessibility_page or accessibility_page
    settings.contact_page = settings.contact_page or contact_page
    settings.save()


def seed_home_routes(home, report):
    home = HomePage.objects.get(pk=home.pk)
    if home.routes:
        return
    index = ProgrammeIndexPage.objects.child_of(home).first()
    home.routes = [
        (
            "route",
            {
                "title": "Book a programme",
                "description": "Places for schools and young people on the hub's programmes.",
                "page": index,
                "url": "",
            },
        ),
        (
            "route",
            {
                "title": "Report anti-social behaviour",
                "description": "Tell the hub about a problem where you live. You can stay anonymous.",
                "page": None,
                "url": reverse("referrals:start"),
            },
        ),
        (
            "route",
            {
                "title": "Find a partner agency",
                "description": "The council teams, services and charities that work with the hub.",
                "page": None,
                "url": reverse("directory:index"),
            },
        ),
    ]
    home.featured_programmes = [
        FeaturedProgramme(programme=programme)
        for programme in ProgrammePage.objects.live().child_of(index).order_by("title")
    ]
    home.save_revision().publish()
    report.append("Added the home page routes and featured programmes.")
