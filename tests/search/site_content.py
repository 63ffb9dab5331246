"""A realistic small hub for the search tests, built with the factories: partner agencies as residents meet them,
the hub's pages and its programmes. Build it once per module (``build_site_content``)."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import OrganisationFactory, ProgrammePageFactory, ServiceFactory, StandardPageFactory
from tests.factories.programmes import RunFactory, SessionFactory

# slug: (name, summary, keywords, [(service name, description, keywords, [terms])])
AGENCIES = {
    "environmental-health": (
        "Westfield Council Environmental Health",
        "Investigates noise nuisance, bonfire smoke and pests affecting homes.",
        "noise, nuisance, loud music, barking dogs, parties, alarms",
        [
            (
                "Noise nuisance service",
                "Loud music, parties, barking dogs and alarms at night.",
                "noise",
                ["environment-and-enforcement"],
            ),
            ("Pest control", "Rats, mice, wasps and bed bugs in homes.", "pests", ["environment-and-enforcement"]),
        ],
    ),
    "street-cleansing": (
        "Westfield Council Street Cleansing",
        "Clears fly-tipping, litter and graffiti from streets and public land.",
        "fly-tipping, dumped rubbish, graffiti, litter, needles",
        [
            (
                "Fly-tipping clearance",
                "Report dumped rubbish, mattresses and household waste left on the street.",
                "fly-tipping",
                ["environment-and-enforcement"],
            ),
            (
                "Graffiti removal",
                "Removes graffiti and offensive tags from walls and bus shelters.",
                "graffiti",
                ["environment-and-enforcement"],
            ),
        ],
    ),
    "housing-options": (
        "Westfield Council Housing Options",
        "Homelessness advice, emergency accommodation and help for people sleeping rough.",
        "homeless, homelessness, housing advice, eviction",
        [
            (
                "Homelessness prevention",
                "Advice if you are homeless or about to lose your home.",
                "eviction",
                ["homelessness", "housing"],
            ),
            (
                "Rough sleeper outreach",
                "Street outreach for rough sleepers, every morning.",
                "rough sleeping",
                ["homelessness"],
            ),
        ],
    ),
    "westfield-homes": (
        "Westfield Homes",
        "The social housing landlord for tenants across Westfield: repairs and tenancies.",
        "tenancy, repairs, council house",
        [("Tenancy support", "Help for tenants to keep their tenancy and manage their home.", "", ["housing"])],
    ),
    "alcohol-partnership": (
        "Westfield Community Alcohol Partnership",
        "Tackles underage drinking and street drinking with shops, schools and police.",
        "underage drinking, street drinking, off-licence",
        [
            (
                "Underage drinking prevention",
                "Work with off-licences and parents against young people drinking in parks.",
                "",
                ["drugs-and-alcohol", "young-people"],
            )
        ],
    ),
    "drug-and-alcohol-service": (
        "Westfield Drug and Alcohol Service",
        "Free confidential treatment for drug and alcohol addiction, and needle exchange.",
        "drugs, addiction, substance misuse, alcohol",
        [
            (
                "Addiction treatment",
                "Support to cut down or stop using drugs or alcohol.",
                "recovery",
                ["drugs-and-alcohol"],
            )
        ],
    ),
    "fire-and-rescue": (
        "Westshire Fire and Rescue",
        "Free home fire safety visits, smoke alarms and arson reduction.",
        "fire safety, smoke alarm, arson",
        [
            (
                "Home fire safety visit",
                "A firefighter checks your home and fits smoke alarms for free.",
                "",
                ["fire-safety"],
            )
        ],
    ),
    "neighbourhood-police": (
        "Westshire Police Neighbourhood Team",
        "Neighbourhood officers patrol hotspots and deal with off-road bikes and dispersal orders.",
        "police, patrols, off-road bikes, motorbikes",
        [
            (
                "Neighbourhood policing",
                "Local officers and PCSOs who attend community meetings.",
                "",
                ["policing", "community-safety"],
            )
        ],
    ),
    "age-uk": (
        "Age UK Westfield",
        "Befriending and practical help for lonely older people.",
        "lonely, loneliness, older people, elderly",
        [("Befriending", "A weekly visit or call for older people living alone.", "", ["older-people"])],
    ),
    "victim-support": (
        "Westshire Victim Support",
        "Free, confidential support for victims and witnesses of crime, including hate crime.",
        "victim, witness, hate crime",
        [
            (
                "Support after crime",
                "Emotional and practical support for victims of crime.",
                "",
                ["victims-and-witnesses"],
            )
        ],
    ),
    "mental-health-crisis": (
        "Westshire Mental Health Crisis and Wellbeing",
        "A 24-hour mental health crisis line and wellbeing cafés.",
        "mental health, crisis, anxiety, depression",
        [
            (
                "Crisis line",
                "Call any time if you or someone you know is in a mental health crisis.",
                "",
                ["mental-health"],
            )
        ],
    ),
    "domestic-abuse": (
        "Westshire Domestic Abuse Service",
        "Safe accommodation, advocates and a helpline for anyone experiencing domestic abuse.",
        "domestic abuse, domestic violence, refuge, coercive control",
        [
            (
                "Domestic abuse helpline",
                "Confidential advice for victims of domestic abuse.",
                "",
                ["victims-and-witnesses"],
            )
        ],
    ),
    "youth-service": (
        "Westfield Youth Service",
        "Youth clubs, detached youth workers and activities for teenagers.",
        "youth club, teenagers, young people, activities",
        [
            (
                "Youth clubs",
                "Evening youth clubs in Westfield, Harbourside and Fellside for 11 to 18 year olds.",
                "",
                ["young-people"],
            )
        ],
    ),
    "citizens-advice": (
        "Citizens Advice Westfield",
        "Free advice on debt, benefits, work and consumer problems.",
        "debt, benefits, money advice",
        [("Debt advice", "Help to deal with debts and bailiffs.", "money", ["community-safety"])],
    ),
    "food-bank": (
        "Westfield Food Bank",
        "Emergency food parcels for people in crisis, by referral.",
        "food bank, food parcels, hungry",
        [
            (
                "Emergency food parcels",
                "Three days of food for people referred by an agency.",
                "",
                ["health-and-wellbeing"],
            )
        ],
    ),
    "dog-warden": (
        "Westfield Council Dog Warden",
        "Collects stray dogs and fines people who leave dog fouling.",
        "stray dogs, dog fouling, dangerous dogs",
        [
            (
                "Stray dogs",
                "Collects stray and lost dogs and reunites them with owners.",
                "",
                ["environment-and-enforcement"],
            )
        ],
    ),
    "highways": (
        "Westshire Highways",
        "Abandoned vehicles, potholes and broken street lights.",
        "abandoned vehicles, potholes, street lights",
        [
            (
                "Abandoned vehicles",
                "Removes untaxed and abandoned vehicles from roads.",
                "",
                ["environment-and-enforcement"],
            )
        ],
    ),
    "trading-standards": (
        "Westshire Trading Standards",
        "Protects residents from scams, rogue traders and doorstep crime.",
        "scams, rogue traders, doorstep crime, underage sales",
        [("Scams advice", "Advice if you have been targeted by a scam or rogue trader.", "", ["community-safety"])],
    ),
    "licensing": (
        "Westfield Council Licensing",
        "Licences pubs, clubs, taxis and street traders, and reviews problem premises.",
        "licensing, pubs, taxis, premises",
        [("Premises licences", "Licences for pubs, clubs and late-night takeaways.", "", ["licensing"])],
    ),
    "probation": (
        "Westshire Probation Service",
        "Supervises people on probation and runs community payback.",
        "probation, offenders, community payback, unpaid work",
        [
            (
                "Community payback",
                "Unpaid work by people on probation, cleaning up neighbourhoods.",
                "",
                ["offending-and-rehabilitation"],
            )
        ],
    ),
    "mediation": (
        "Westfield Mediation Service",
        "Helps neighbours settle disputes about noise, boundaries and parking.",
        "neighbour disputes, mediation, neighbours",
        [("Neighbour mediation", "Trained mediators help neighbours agree a way forward.", "", ["community-safety"])],
    ),
    "greenspaces": (
        "Westfield Council Greenspaces",
        "Looks after parks and play areas and repairs vandalism.",
        "parks, play areas, vandalism, playgrounds",
        [
            (
                "Parks and play areas",
                "Repairs damaged play equipment and vandalised benches.",
                "",
                ["parks-and-green-spaces"],
            )
        ],
    ),
}

PAGES = {
    "report-asb": (
        "Report anti-social behaviour",
        "Tell the hub about anti-social behaviour where you live, anonymously if you wish.",
    ),
    "about-the-hub": (
        "About the Local Focus Hub",
        "Partner agencies working together against anti-social behaviour and low-level crime.",
    ),
    "privacy": ("Privacy notice", "How the hub uses personal information and your rights."),
    "accessibility": ("Accessibility statement", "How accessible this website is and how to report a problem with it."),
    "community-safety-advice": (
        "Community safety advice",
        "Keeping your home and street safe: locks, lighting and cold callers.",
    ),
}

PROGRAMMES = {
    "outdoor-residential": (
        "Outdoor residential",
        "A three-night outdoor residential for 13 to 16 year olds: canoeing, climbing and teamwork.",
    ),
    "future-pathways": ("Future Pathways", "Nine sessions of employability and life skills for secondary pupils."),
    "fire-cadets": ("Fire cadets", "Weekly fire cadets at the fire station: first aid, fire safety and drills."),
    "kick-about": ("Friday night football", "Free football on Friday nights for young people, with youth workers."),
}


def build_site_content(home_page, programme_index):
    """Every agency (covering every hub), page and programme above; each programme with one open run."""
    for slug, (name, summary, keywords, services) in AGENCIES.items():
        organisation = OrganisationFactory(name=name, slug=slug, summary=summary, keywords=keywords, description="")
        for service_name, description, service_keywords, terms in services:
            ServiceFactory(
                organisation=organisation,
                name=service_name,
                description=description,
                keywords=service_keywords,
                terms=terms,
            )
        organisation.save()
    for slug, (title, intro) in PAGES.items():
        StandardPageFactory(parent=home_page, title=title, slug=slug, intro=intro)
    start = timezone.now() + timedelta(days=30)
    for slug, (title, summary) in PROGRAMMES.items():
        programme = ProgrammePageFactory(parent=programme_index, title=title, slug=slug, summary=summary, image=None)
        run = RunFactory(programme=programme, title=f"{title} spring", capacity=20)
        SessionFactory(run=run, start=start)
