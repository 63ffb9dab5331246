"""The police, fire, housing, health, justice and voluntary partners of the demo hub (fictional contact details)."""

from .directory_places import (
    EVERY_DAY,
    EVERYWHERE,
    FIRE_STATION,
    NORTHGATE_HUB,
    POLICE_STATION,
    RIVERSIDE_OFFICE,
    TOWN,
    hours,
)

EMERGENCY_SERVICES = [
    {
        "slug": "westfield-neighbourhood-policing-team",
        "name": "Westfield Neighbourhood Policing Team",
        "summary": "Police officers and PCSOs who patrol Westfield's neighbourhoods and tackle local crime and "
        "anti-social behaviour.",
        "description": "The neighbourhood team works from Westfield police station. It agrees local priorities "
        "with residents at monthly meetings, patrols hot spots, and uses dispersal orders and criminal "
        "behaviour orders alongside the hub partners.",
        "how_to_refer": "Call 999 in an emergency or 101 otherwise. Partner agencies can also refer to the "
        "neighbourhood team through the hub.",
        "email": "neighbourhood.westfield@example.org",
        "phone": "01632 960200",
        "website": "https://police.example.org/westfield",
        "address": "Westfield police station\n1 Market Street\nWestfield WF1 1AA",
        "keywords": "police, PCSO, crime, report a crime, 101, patrols, dispersal order, rowdy youths",
        "services": [
            {
                "name": "Neighbourhood policing",
                "description": "Local officers and PCSOs who patrol, attend neighbourhood meetings and work on "
                "the hub's priority locations.",
                "terms": ["policing", "community-safety"],
                "areas": EVERYWHERE,
                "how_to_access": "Call 101 or visit the police station front counter.",
                "schedules": hours((8, 0), (20, 0), days=EVERY_DAY, notes="Front counter"),
                "locations": [POLICE_STATION],
                "contacts": [
                    (
                        "Sgt Chris Dalton",
                        "Neighbourhood sergeant",
                        "01632 960201",
                        "neighbourhood.westfield@example.org",
                    )
                ],
            },
        ],
    },
    {
        "slug": "westshire-fire-and-rescue",
        "name": "Westshire Fire and Rescue Service",
        "summary": "Free home fire safety checks and smoke alarms, and work with young people to prevent "
        "deliberate fires.",
        "description": "Firefighters and community safety advocates visit homes to fit smoke alarms and give fire "
        "safety advice, and work with the hub where deliberate fires, bin fires or fireworks are a problem.",
        "how_to_refer": "Anyone can ask for a home fire safety check by phone or online. Partners should refer "
        "people at higher risk: older people living alone, smokers, people with limited mobility or hoarding.",
        "email": "firesafety@example.org",
        "phone": "01632 960210",
        "website": "https://fire.example.org/",
        "address": "Westfield fire station\nBransty Road\nWestfield WF1 4QX",
        "keywords": "fire safety, fire safety check, smoke alarm, deliberate fire, arson, bin fires, fireworks, "
        "firesetting",
        "services": [
            {
                "name": "Home fire safety checks",
                "description": "A free visit to check your home for fire risks and fit smoke alarms.",
                "terms": ["fire-safety", "older-people"],
                "areas": EVERYWHERE,
                "keywords": "free smoke alarms, fire safety visit",
                "schedules": hours((9, 0), (17, 0)),
                "locations": [FIRE_STATION],
                "contacts": [
                    ("Mark Kneale", "Community fire safety manager", "01632 960211", "firesafety@example.org")
                ],
            },
            {
                "name": "Firesetters and deliberate fires programme",
                "description": "One-to-one sessions for children and young people who set fires, and patrols "
                "with the police where deliberate fires are reported.",
                "terms": ["fire-safety", "young-people"],
                "areas": EVERYWHERE,
                "minimum_age": 5,
                "maximum_age": 17,
                "eligibility": "Children and young people aged 5 to 17, referred by a parent, school or agency.",
                "keywords": "arson, fire setting",
                "schedules": hours((9, 0), (17, 0)),
                "locations": [FIRE_STATION],
            },
        ],
    },
]

HOUSING_PROVIDERS = [
    {
        "slug": "westfield-homes",
        "name": "Westfield Homes",
        "summary": "The borough's largest social landlord, with a tenancy enforcement team for anti-social "
        "behaviour on its estates.",
        "description": "Westfield Homes manages 6,000 homes. Its neighbourhood officers deal with tenancy "
        "breaches, neighbour disputes and estate problems, and support tenants to keep their tenancy.",
        "how_to_refer": "Tenants call the customer line. Partners refer through the hub or email the "
        "neighbourhood team.",
        "email": "neighbourhoods@westfield-homes.example.org",
        "phone": "01632 960300",
        "website": "https://westfield-homes.example.org/",
        "address": "Westfield Homes\n22 Beck Road\nWestfield WF4 2RT",
        "keywords": "housing, social housing, housing association, council housing, tenancy, tenant, landlord, "
        "neighbour dispute, repairs",
        "services": [
            {
                "name": "Tenancy and neighbourhood management",
                "description": "Neighbourhood officers act on tenancy breaches and neighbour disputes on "
                "Westfield Homes estates.",
                "terms": ["housing", "community-safety"],
                "areas": TOWN,
                "eligibility": "Westfield Homes tenants and their neighbours.",
                "schedules": hours((8, 30), (17, 0)),
                "locations": [RIVERSIDE_OFFICE],
                "contacts": [
                    (
                        "Sue Nicholson",
                        "Neighbourhood officer",
                        "01632 960301",
                        "neighbourhoods@westfield-homes.example.org",
                    )
                ],
            },
            {
                "name": "Tenancy sustainment",
                "description": "Support for tenants struggling with rent, debts or managing their home.",
                "terms": ["housing", "homelessness"],
                "areas": TOWN,
                "minimum_age": 16,
                "schedules": hours((9, 0), (17, 0)),
                "locations": [RIVERSIDE_OFFICE],
            },
        ],
    },
    {
        "slug": "fellview-housing-association",
        "name": "Fellview Housing Association",
        "summary": "Affordable homes and supported housing for young people and older people in the north of "
        "the borough.",
        "description": "Fellview owns 1,800 homes in Northgate and the Fellside villages, including supported "
        "housing for young people leaving care and sheltered housing for older tenants.",
        "how_to_refer": "Apply through the council's housing register. Support workers can refer young people "
        "to the supported housing scheme directly.",
        "email": "hello@fellview.example.org",
        "phone": "01632 960310",
        "website": "https://fellview.example.org/",
        "address": "Fellview Housing Association\n4 Kells Lane\nWestfield WF3 7PD",
        "keywords": "housing, housing association, supported housing, sheltered housing, tenancy, landlord",
        "services": [
            {
                "name": "Supported housing for young people",
                "description": "Flats with a support worker for young people aged 16 to 24, including care leavers.",
                "terms": ["housing", "young-people", "homelessness"],
                "areas": ["northgate", "fellside-villages"],
                "minimum_age": 16,
                "maximum_age": 24,
                "schedules": hours((9, 0), (17, 0)),
                "locations": [NORTHGATE_HUB],
                "contacts": [
                    ("Kerry Graham", "Supported housing manager", "01632 960311", "hello@fellview.example.org")
                ],
            },
            {
                "name": "Sheltered housing",
                "description": "Independent flats with a scheme manager and an alarm service for tenants aged "
                "55 and over.",
                "terms": ["housing", "older-people"],
                "areas": ["northgate", "fellside-villages"],
                "minimum_age": 55,
                "is_free": False,
                "fees": "Rent and a weekly service charge; housing benefit can cover most of it.",
                "schedules": hours((9, 0), (16, 0)),
                "locations": [NORTHGATE_HUB],
            },
        ],
    },
]
