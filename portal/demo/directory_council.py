"""The borough council's teams the hub works with, as demo directory entries (fictional contact details)."""

from .directory_places import CIVIC_CENTRE, EVERY_DAY, EVERYWHERE, TOWN, hours, online

COUNCIL_ADDRESS = "Westfield Borough Council\nWestfield Civic Centre\nLowther Street\nWestfield WF1 2EJ"
COUNCIL_REFERRAL = (
    "Residents can report a problem online, by phone or at the Civic Centre. Partner agencies refer through the "
    "hub's referral form or by emailing the team; say what happened, where, when and who is affected."
)

COUNCIL_TEAMS = [
    {
        "slug": "westfield-council-asb-enforcement",
        "name": "Westfield Borough Council: Anti-social Behaviour and Enforcement Team",
        "summary": "Investigates persistent anti-social behaviour and uses warnings, community protection notices "
        "and injunctions to stop it.",
        "description": "The team works with the police and housing providers on repeated anti-social behaviour "
        "that affects a neighbourhood: intimidation, rowdy groups, nuisance vehicles and misuse of public spaces. "
        "Officers gather evidence, agree action plans with the hub and can issue community protection warnings "
        "and notices, public spaces protection orders and apply for civil injunctions.",
        "how_to_refer": COUNCIL_REFERRAL,
        "email": "asb@example.org",
        "phone": "01632 960101",
        "website": "https://council.example.org/asb",
        "address": COUNCIL_ADDRESS,
        "keywords": "antisocial behaviour, ASB, intimidation, harassment, rowdy groups, nuisance, community "
        "protection notice, injunction, case review, community trigger",
        "services": [
            {
                "name": "Anti-social behaviour casework",
                "description": "An officer investigates persistent anti-social behaviour, agrees an action plan "
                "with the victim and partners, and uses warnings, notices and injunctions where needed.",
                "terms": ["community-safety", "environment-and-enforcement", "victims-and-witnesses"],
                "areas": EVERYWHERE,
                "eligibility": "Anyone who lives or works in Westfield borough.",
                "how_to_access": "Report online or by phone. If the behaviour has been reported three times in "
                "six months you can ask for an anti-social behaviour case review.",
                "keywords": "case review, community trigger, warning letter",
                "schedules": hours((9, 0), (17, 0)),
                "locations": [CIVIC_CENTRE],
                "contacts": [
                    ("Dana Whitfield", "Anti-social behaviour team leader", "01632 960102", "asb@example.org")
                ],
            },
        ],
    },
    {
        "slug": "westfield-council-licensing",
        "name": "Westfield Borough Council: Licensing",
        "summary": "Licenses pubs, shops selling alcohol, taxis and street traders, and acts when they break the "
        "conditions of their licence.",
        "description": "Licensing officers visit licensed premises, review licences after problems with crime and "
        "disorder, and run test purchases with the police to stop sales of alcohol to under 18s.",
        "how_to_refer": COUNCIL_REFERRAL,
        "email": "licensing@example.org",
        "phone": "01632 960110",
        "website": "https://council.example.org/licensing",
        "address": COUNCIL_ADDRESS,
        "keywords": "pub, bar, off licence, late night, alcohol licence, underage sales, proof of age, taxi, "
        "street trading",
        "services": [
            {
                "name": "Licensed premises and alcohol sales",
                "description": "Complaints about pubs, bars, clubs and shops selling alcohol, including underage "
                "sales and disorder outside licensed premises.",
                "terms": ["licensing", "community-safety"],
                "areas": EVERYWHERE,
                "eligibility": "Residents, businesses and partner agencies.",
                "keywords": "licence review, closing time",
                "schedules": hours((9, 0), (17, 0)),
                "locations": [CIVIC_CENTRE],
                "contacts": [("Imran Hussain", "Licensing officer", "01632 960111", "licensing@example.org")],
            },
            {
                "name": "Taxi and private hire licensing",
                "description": "Licences for taxi and private hire drivers, vehicles and operators, and "
                "complaints about them.",
                "terms": ["licensing"],
                "areas": EVERYWHERE,
                "is_free": False,
                "fees": "Licence fees are on the council's website.",
                "schedules": hours((9, 0), (16, 30)),
                "locations": [CIVIC_CENTRE],
            },
        ],
    },
    {
        "slug": "westfield-council-environmental-health",
        "name": "Westfield Borough Council: Environmental Health",
        "summary": "Investigates noise nuisance from homes and businesses, including an out-of-hours noise "
        "service at weekends.",
        "description": "Environmental health officers investigate noise nuisance such as loud music, parties, "
        "barking dogs, alarms and noisy businesses. They can witness noise, install recording equipment and "
        "serve abatement notices. They also deal with filthy homes, pests and food hygiene.",
        "how_to_refer": "Report noise online or by phone. Keep a diary of when the noise happens; officers use it "
        "to plan visits. Partner agencies can refer through the hub.",
        "email": "noise@example.org",
        "phone": "01632 960120",
        "website": "https://council.example.org/noise",
        "address": COUNCIL_ADDRESS,
        "keywords": "noise, noise nuisance, noisy neighbours, loud music, parties, barking dogs, alarms, "
        "statutory nuisance",
        "services": [
            {
                "name": "Noise nuisance service",
                "description": "Investigates noise from homes, businesses and vehicles: loud music, parties, "
                "shouting, barking dogs and alarms. Officers can serve a noise abatement notice.",
                "terms": ["environment-and-enforcement", "community-safety"],
                "areas": EVERYWHERE,
                "eligibility": "Anyone affected by noise in Westfield borough.",
                "how_to_access": "Report online or by phone and keep a noise diary.",
                "keywords": "noise diary, abatement notice",
                "schedules": hours((9, 0), (17, 0)),
                "locations": [CIVIC_CENTRE],
                "contacts": [
                    ("Rachel Orr", "Senior environmental health officer", "01632 960121", "noise@example.org")
                ],
            },
            {
                "name": "Out-of-hours noise line",
                "description": "Officers on call on Friday and Saturday nights can visit to witness noise while "
                "it is happening.",
                "terms": ["environment-and-enforcement"],
                "areas": EVERYWHERE,
                "how_to_access": "Call while the noise is happening.",
                "keywords": "late night noise, weekend noise",
                "schedules": hours((22, 0), (23, 59), days=["FR", "SA"], notes="Call while the noise is happening"),
                "locations": [online("By phone")],
            },
        ],
    },
    {
        "slug": "westfield-council-housing-options",
        "name": "Westfield Borough Council: Housing Options and Homelessness",
        "summary": "Advice and help for people who are homeless or at risk of losing their home.",
        "description": "The housing options team helps people keep their home or find a new one: advice on "
        "eviction, rent arrears and relationship breakdown, emergency accommodation for people sleeping rough, "
        "and the housing register for social housing in the borough.",
        "how_to_refer": "People can call or visit the Civic Centre. Public bodies use the duty to refer: send the "
        "person's details, with their consent, to the housing options email address.",
        "email": "housingoptions@example.org",
        "phone": "01632 960130",
        "website": "https://council.example.org/housing",
        "address": COUNCIL_ADDRESS,
        "keywords": "housing, homeless, homelessness, eviction, rough sleeping, sofa surfing, housing register, "
        "duty to refer",
        "services": [
            {
                "name": "Housing advice and homelessness prevention",
                "description": "Help to keep your home or find somewhere else to live if you are homeless or "
                "may lose your home in the next eight weeks.",
                "terms": ["housing", "homelessness"],
                "areas": EVERYWHERE,
                "minimum_age": 16,
                "eligibility": "People aged 16 and over living in, or with a connection to, Westfield borough.",
                "how_to_access": "Call or drop in to the Civic Centre.",
                "schedules": hours((9, 0), (17, 0), notes="Drop-in until 4pm"),
                "locations": [CIVIC_CENTRE],
                "contacts": [("Tom Birkett", "Housing options manager", "01632 960131", "housingoptions@example.org")],
            },
            {
                "name": "Rough sleeper outreach",
                "description": "Outreach workers visit people sleeping rough, offer emergency accommodation and "
                "connect them with health and drug and alcohol services.",
                "terms": ["homelessness", "health-and-wellbeing"],
                "areas": TOWN,
                "minimum_age": 18,
                "how_to_access": "Tell the team where and when you saw someone sleeping rough.",
                "keywords": "sleeping rough, street homeless",
                "schedules": hours((7, 0), (10, 0), days=EVERY_DAY, notes="Early morning outreach"),
                "locations": [online("Outreach across the town")],
            },
        ],
    },
    {
        "slug": "westfield-council-greenspaces",
        "name": "Westfield Borough Council: Greenspaces",
        "summary": "Looks after the borough's parks, play areas and open spaces, and repairs damage to them.",
        "description": "The greenspaces team maintains parks, play areas, playing fields and cemeteries, works "
        "with friends of parks groups and repairs vandalised equipment.",
        "how_to_refer": COUNCIL_REFERRAL,
        "email": "greenspaces@example.org",
        "phone": "01632 960140",
        "website": "https://council.example.org/parks",
        "address": COUNCIL_ADDRESS,
        "keywords": "parks, playground, play area, park vandalism, damaged play equipment, overgrown, trees",
        "reviewed_days_ago": 430,
        "services": [
            {
                "name": "Parks and play areas",
                "description": "Report damaged play equipment, vandalism in a park, overgrown paths or dangerous "
                "trees, and get involved with a friends of parks group.",
                "terms": ["parks-and-green-spaces", "environment-and-enforcement"],
                "areas": EVERYWHERE,
                "schedules": hours((8, 0), (16, 0)),
                "locations": [CIVIC_CENTRE],
                "contacts": [("Gill Tyson", "Parks manager", "01632 960141", "greenspaces@example.org")],
            },
        ],
    },
    {
        "slug": "westfield-council-street-cleansing",
        "name": "Westfield Borough Council: Street Cleansing",
        "summary": "Removes graffiti, fly-tipping and litter, and fines people who drop litter or dump waste.",
        "description": "Street cleansing crews sweep the town centre every day, remove offensive graffiti within "
        "24 hours and other graffiti within five working days, and clear fly-tipping from public land. "
        "Enforcement officers investigate fly-tipping and issue fixed penalty notices for littering and dog "
        "fouling.",
        "how_to_refer": COUNCIL_REFERRAL,
        "email": "streetcleansing@example.org",
        "phone": "01632 960150",
        "website": "https://council.example.org/streets",
        "address": COUNCIL_ADDRESS,
        "keywords": "graffiti, graffiti removal, tagging, fly-tipping, fly tipping, dumped rubbish, litter, dog "
        "fouling, needles, sharps",
        "services": [
            {
                "name": "Graffiti and fly-tipping removal",
                "description": "Report graffiti, fly-tipping, dumped rubbish or needles on public land. Crews "
                "remove offensive graffiti within 24 hours.",
                "terms": ["environment-and-enforcement"],
                "areas": EVERYWHERE,
                "keywords": "graffiti, tagging, dumped mattress",
                "schedules": hours((7, 0), (19, 0), days=EVERY_DAY),
                "locations": [CIVIC_CENTRE],
                "contacts": [("Lee Fisher", "Street scene supervisor", "01632 960151", "streetcleansing@example.org")],
            },
            {
                "name": "Litter and dog fouling enforcement",
                "description": "Enforcement officers patrol hot spots and issue fixed penalty notices for "
                "dropping litter and dog fouling.",
                "terms": ["environment-and-enforcement", "community-safety"],
                "areas": TOWN,
                "schedules": hours((9, 0), (17, 0)),
                "locations": [CIVIC_CENTRE],
            },
        ],
    },
]
