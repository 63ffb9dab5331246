"""The hub's own vocabulary of categories. A migration creates it; tests that flush the database put it back."""

TAXONOMY = {
    "name": "Local Focus Hub categories",
    "description": "The kinds of help the hub's partner agencies give, in the hub's own words.",
    "version": "1.0",
}
# (slug, name, description); the slugs are stable codes that the public filters and the API use.
TERMS = [
    (
        "community-safety",
        "Community safety",
        "Preventing and tackling anti-social behaviour and crime in a neighbourhood.",
    ),
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
    (
        "offending-and-rehabilitation",
        "Offending and rehabilitation",
        "Probation, liaison and diversion, and resettlement.",
    ),
    ("parks-and-green-spaces", "Parks and green spaces", "Parks, play areas, open spaces and their upkeep."),
    ("employment-and-skills", "Employment and skills", "Training, employability and getting into work."),
]


def ensure_vocabulary(taxonomy_model=None, term_model=None):
    """Create the taxonomy and any missing terms (historical models in migrations, the real ones elsewhere)."""
    if taxonomy_model is None:
        from directory.models import Taxonomy as taxonomy_model
        from directory.models import TaxonomyTerm as term_model
    taxonomy, _ = taxonomy_model.objects.get_or_create(name=TAXONOMY["name"], defaults=TAXONOMY)
    for slug, name, description in TERMS:
        term_model.objects.get_or_create(
            slug=slug, defaults={"taxonomy": taxonomy, "name": name, "code": slug, "description": description}
        )
