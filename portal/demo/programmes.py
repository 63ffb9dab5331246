from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from directory.models import Organisation
from programmes.choices import Audience, BookingMode
from programmes.models import ProgrammeIndexPage, ProgrammePage, Run, Session

from .images import ensure_image
from .pages import ensure_child, rich, stream

LONDON = ZoneInfo("Europe/London")
CENTRE = "Westfield Community Centre"
CENTRE_ADDRESS = "12 Church Lane, Westfield WF2 3BB"
FELLSIDE = "fellside-outdoor-trust"
CAP = "westfield-community-alcohol-partnership"


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def next_weekday(day, weekday):
    return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)


def seed_programmes(home, today, report):
    index, created = ensure_child(
        home,
        ProgrammeIndexPage,
        "programmes",
        title="Programmes",
        intro="<p>Preventive programmes for young people, schools and communities, run by the hub partners.</p>",
        show_in_menus=True,
    )
    if created:
        report.append("Created the programme index.")
    residential = _residential(index)
    pathways = _future_pathways(index)
    cap = _community_alcohol_partnership(index)
    _link_delivery_partner(residential, FELLSIDE, report)
    _link_delivery_partner(cap, CAP, report)
    _seed_runs(residential, pathways, cap, today, report)
    return index


def _directory_entry(slug):
    return Organisation.objects.filter(slug=slug).first()


def _link_delivery_partner(programme, slug, report):
    """Programmes seeded before the directory existed get their partner's entry once it does."""
    if programme.delivery_partner_id is not None or (partner := _directory_entry(slug)) is None:
        return
    programme.delivery_partner = partner
    programme.save_revision().publish()
    report.append(f"Linked {programme.title} to {partner.name} in the directory.")


def _residential(index):
    page, _ = ensure_child(
        index,
        ProgrammePage,
        "outdoor-residential",
        title="Outdoor residential",
        summary="Three nights of outdoor challenge in the fells for 13 to 16 year olds, building confidence, "
        "teamwork and trust with adults.",
        audience=Audience.SCHOOLS,
        min_age=13,
        max_age=16,
        eligibility=rich(
            "Young people aged 13 to 16 who are at risk of becoming involved in anti-social behaviour, nominated "
            "by their school, a youth worker or a hub partner.",
            "Schools nominate pupils and book their places. The hub confirms each booking with the school.",
        ),
        what_happens=rich(
            "Groups of up to 24 young people spend three nights at the Fellside Outdoor Centre with instructors "
            "from the Fellside Outdoor Trust, police officers and youth workers.",
            "Days include gorge walking, climbing, canoeing and a night navigation challenge. Evenings are spent "
            "reflecting on choices, consequences and what each young person wants to do next.",
        ),
        delivery_partner_name="Fellside Outdoor Trust",
        delivery_partner_url="https://fellside-outdoor.example.org/",
        delivery_partner=_directory_entry(FELLSIDE),
        image=ensure_image("Fells at dawn", ((135, 190, 235), (52, 110, 70), (40, 80, 50))),
        body=stream(
            ("heading", "What to bring"),
            (
                "paragraph",
                "<ul><li>waterproof jacket and trousers</li><li>walking boots or trainers</li>"
                "<li>warm layers</li><li>any medication, labelled</li></ul>",
            ),
            ("inset_text", {"text": "<p>All specialist kit, food and transport from Westfield are provided free.</p>"}),
        ),
    )
    return page


def _future_pathways(index):
    page, _ = ensure_child(
        index,
        ProgrammePage,
        "future-pathways",
        title="Future Pathways",
        summary="A nine-session employability and life-skills programme for secondary school pupils.",
        audience=Audience.SCHOOLS,
        min_age=13,
        max_age=16,
        eligibility=rich(
            "Secondary school pupils in years 9 to 11 who would benefit from help with confidence, motivation and "
            "planning for work or college. Schools book places for a group of pupils.",
        ),
        what_happens=rich(
            "Nine weekly sessions cover teamwork, communication, money, staying safe online, first aid with the "
            "fire and rescue service, and a mock interview with local employers.",
            "Pupils who complete the programme receive a certificate and a reference from the hub.",
        ),
        delivery_partner_name="Westfield Borough Council youth service",
        image=ensure_image("Future Pathways workshop", ((200, 220, 240), (29, 112, 184), (11, 12, 12))),
    )
    return page


def _community_alcohol_partnership(index):
    page, _ = ensure_child(
        index,
        ProgrammePage,
        "community-alcohol-partnership",
        title="Community Alcohol Partnership",
        summary="Retailers, police, schools and youth services working together against underage drinking "
        "and street drinking, with free Friday evening activities for young people.",
        audience=Audience.YOUNG_PEOPLE,
        min_age=12,
        max_age=17,
        eligibility=rich(
            "Friday evening activities are open to any young person aged 12 to 17 living in Westfield. Young people "
            "register themselves; under 16s need a parent or guardian's consent.",
        ),
        what_happens=rich(
            "The partnership trains shop staff on proof of age, runs test purchases with licensing officers and "
            "offers diversionary activities where street drinking has been reported.",
        ),
        delivery_partner_name="Westfield Community Alcohol Partnership",
        delivery_partner=_directory_entry(CAP),
        image=ensure_image("Friday evening sports", ((250, 200, 120), (130, 60, 140), (60, 40, 70))),
    )
    return page


def _seed_runs(residential, pathways, cap, today, report):
    opened = at(today - timedelta(days=14), 9)
    residential_start = next_weekday(today + timedelta(days=42), 4)
    _ensure_run(
        residential,
        "Next residential",
        capacity=24,
        booking_mode=BookingMode.SCHOOL,
        per_school_cap=6,
        needs_approval=True,
        booking_opens=opened,
        booking_closes=at(residential_start - timedelta(days=14), 17),
        sessions=[
            (
                f"Day {n + 1}",
                at(residential_start + timedelta(days=n), 9 if n else 10),
                at(residential_start + timedelta(days=n), 15 if n == 3 else 21),
                "Fellside Outdoor Centre",
                "Fell Road, Westfield WF9 9ZZ",
            )
            for n in range(4)
        ],
        report=report,
    )
    pathways_start = next_weekday(today + timedelta(days=21), 2)
    _ensure_run(
        pathways,
        "Cohort 1",
        capacity=30,
        booking_mode=BookingMode.SCHOOL,
        per_school_cap=10,
        booking_opens=opened,
        booking_closes=at(pathways_start - timedelta(days=7), 17),
        sessions=_weekly(pathways_start, 9, 13, 15),
        report=report,
    )
    next_term = next_weekday(today + timedelta(days=120), 2)
    _ensure_run(
        pathways,
        "Cohort 2",
        capacity=30,
        booking_mode=BookingMode.SCHOOL,
        per_school_cap=10,
        booking_opens=at(today + timedelta(days=60), 9),
        booking_closes=at(next_term - timedelta(days=7), 17),
        sessions=_weekly(next_term, 9, 13, 15),
        report=report,
    )
    friday = next_weekday(today + timedelta(days=7), 4)
    _ensure_run(
        cap,
        "Friday night activities",
        capacity=20,
        booking_mode=BookingMode.PARTICIPANT,
        booking_opens=opened,
        booking_closes=at(friday - timedelta(days=2), 17),
        sessions=_weekly(friday, 4, 18, 21),
        report=report,
    )


def _weekly(first_day, count, start_hour, end_hour):
    return [
        (
            f"Session {n + 1}",
            at(first_day + timedelta(weeks=n), start_hour),
            at(first_day + timedelta(weeks=n), end_hour),
            CENTRE,
            CENTRE_ADDRESS,
        )
        for n in range(count)
    ]


def _ensure_run(programme, title, *, sessions, report, **fields):
    if Run.objects.filter(programme=programme, title=title).exists():
        return
    run = Run.objects.create(programme=programme, title=title, **fields)
    Session.objects.bulk_create(
        Session(run=run, title=name, start=start, end=end, venue=venue, venue_address=address)
        for name, start, end, venue, address in sessions
    )
    report.append(f"Created the run {run}.")
