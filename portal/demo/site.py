from django.apps import apps
from django.urls import reverse
from wagtail.models import Page, Site

from home.models import FeaturedProgramme, HomePage, SiteSettings, StandardPage
from portal.groups import create_hub
from portal.hubs import hub_for_site
from programmes.models import ProgrammeIndexPage, ProgrammePage

from .pages import ensure_child, rich, root_page, stream

HUB_NAME = "Westfield Local Focus Hub"

ABOUT = stream(
    (
        "paragraph",
        rich(
            "The Westfield Local Focus Hub brings together the borough council, the police, the fire and rescue "
            "service, housing providers, health services, probation and voluntary groups to tackle anti-social "
            "behaviour and low-level crime before it escalates.",
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
    ("paragraph", rich("The hub team is based at Westfield police station and meets partners there every week.")),
)

PRIVACY = stream(
    (
        "paragraph",
        rich(
            "Westfield Borough Council is the data controller for this website. The hub partners process "
            "personal data to prevent crime and disorder under the Crime and Disorder Act 1998 (section 115) "
            "and the UK GDPR, Article 6(1)(e): a task carried out in the public interest.",
        ),
    ),
    ("heading", "What we collect"),
    (
        "paragraph",
        rich(
            "When you book a programme place we record the school or the young person, contact details, and any "
            "needs you tell us about so the session is safe. When you report anti-social behaviour you can stay "
            "anonymous; if you give your details we use them only to contact you about your report.",
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
            "You can ask to see, correct or delete the information we hold about you. Contact the council's data "
            "protection officer at dpo@example.org. You can complain to the Information Commissioner's Office.",
        ),
    ),
)

ACCESSIBILITY = stream(
    (
        "paragraph",
        rich(
            "We want as many people as possible to be able to use this website. You should be able to change "
            "colours and fonts, zoom in up to 400% without the text spilling off the screen, navigate with just a "
            "keyboard or speech recognition software, and listen to the website using a screen reader.",
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
            "If you find a problem, or need information in a different format such as large print or easy read, "
            "email hub@example.org or call 01632 960000. We will reply within 5 working days.",
        ),
    ),
)

CONTACT = stream(
    (
        "paragraph",
        rich(
            "Hub team, Westfield police station, 1 Market Street, Westfield WF1 1AA.",
            "Telephone 01632 960000 (Monday to Friday, 9am to 5pm). Email hub@example.org.",
        ),
    ),
    ("warning_text", {"text": "In an emergency always call 999. Do not use email to report an emergency."}),
)

REPORT = stream(
    ("warning_text", {"text": "If someone is in immediate danger or a crime is happening now, call 999."}),
    (
        "paragraph",
        rich(
            "To report anti-social behaviour that is not an emergency, call the police on 101 or contact the hub "
            "team on 01632 960000. To report a crime anonymously, call Crimestoppers on 0800 555 111.",
        ),
    ),
    (
        "button",
        {"text": "Report anti-social behaviour online", "page": None, "url": "/report/"},
    ),
    (
        "details",
        {
            "summary": "What counts as anti-social behaviour",
            "text": rich(
                "Behaviour that causes, or is likely to cause, harassment, alarm or distress: for example noise, "
                "rowdy behaviour, street drinking, drug use, vandalism and graffiti, fly tipping or intimidation.",
                "Everyday living noise, parking disputes and children playing are not usually anti-social behaviour.",
            ),
        },
    ),
)

PARTNERS = stream(
    (
        "paragraph",
        rich(
            "The hub works with the borough council's enforcement, licensing, environmental health, homelessness "
            "and greenspaces teams; Westfield police; the fire and rescue service; local housing providers; NHS "
            "and mental health services; probation; liaison and diversion; Age UK; drug and alcohol services; "
            "the Fellside Outdoor Trust and the Westfield Community Alcohol Partnership.",
        ),
    ),
)


def seed_site(report):
    root = root_page()
    home = HomePage.objects.first()
    if home is None:
        # The default site (and its hub) stays: it points at the root while its installer page goes.
        Site.objects.filter(is_default_site=True).update(root_page=root)
        _remove_wagtail_welcome_page(root)
        home = HomePage(
            title=HUB_NAME,
            slug="home",
            intro=(
                "<p>Council, police, fire, housing, health, probation and voluntary partners working together "
                "against anti-social behaviour in Westfield.</p>"
            ),
            featured_heading="Programmes for young people and schools",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report.append("Created the home page.")
    _point_site_at(home)

    ensure_child(
        home,
        StandardPage,
        "about",
        title="About the hub",
        intro="Who we are and how we work.",
        body=ABOUT,
        show_in_menus=True,
    )
    ensure_child(
        home,
        StandardPage,
        "report-anti-social-behaviour",
        title="Report anti-social behaviour",
        intro="How to tell us about anti-social behaviour where you live.",
        body=REPORT,
        show_in_menus=True,
    )
    ensure_child(
        home,
        StandardPage,
        "partner-agencies",
        title="Partner agencies",
        intro="The organisations the hub works with.",
        body=PARTNERS,
    )
    privacy, _ = ensure_child(
        home,
        StandardPage,
        "privacy-notice",
        title="Privacy notice",
        intro="How the hub partners use your personal information.",
        body=PRIVACY,
    )
    accessibility, _ = ensure_child(
        home,
        StandardPage,
        "accessibility-statement",
        title="Accessibility statement",
        intro="How accessible this website is.",
        body=ACCESSIBILITY,
    )
    contact, _ = ensure_child(home, StandardPage, "contact", title="Contact the hub", body=CONTACT)
    _seed_settings(home, privacy, accessibility, contact)
    return home


def _point_site_at(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=HUB_NAME)
    elif site.root_page_id != home.pk or site.site_name != HUB_NAME:
        site.root_page = home
        site.site_name = HUB_NAME
        site.save()
    hub = hub_for_site(site) if site else None
    if hub is None:
        create_hub(apps, site=Site.objects.get(is_default_site=True), name="Westfield", slug="westfield")
    else:
        create_hub(apps, site=site, name=hub.name, slug=hub.slug)  # its groups' page permissions on the home page


def _remove_wagtail_welcome_page(root):
    """Wagtail's installer leaves a plain "Welcome" page (and a site pointing at it) where the home page goes."""
    Page.objects.child_of(root).filter(content_type__app_label="wagtailcore", slug="home").delete()


def _seed_settings(home, privacy, accessibility, contact):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    settings.hub_name = HUB_NAME
    settings.hub_phone = settings.hub_phone or "01632 960000"
    settings.hub_email = settings.hub_email or "hub@example.org"
    settings.hub_address = settings.hub_address or "Westfield police station\n1 Market Street\nWestfield WF1 1AA"
    settings.privacy_page = settings.privacy_page or privacy
    settings.accessibility_page = settings.accessibility_page or accessibility
    settings.contact_page = settings.contact_page or contact
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
