"""Health, justice and voluntary partners of the demo hub (fictional contact details)."""

from .directory_places import (
    COMMUNITY_CENTRE,
    EVERY_DAY,
    EVERYWHERE,
    FELLSIDE_CENTRE,
    HEALTH_CENTRE,
    NORTHGATE_HUB,
    POLICE_STATION,
    TOWN,
    hours,
    online,
)

HEALTH_AND_JUSTICE = [
    {
        "slug": "westshire-mental-health-crisis-and-wellbeing",
        "name": "Westshire Mental Health Crisis and Wellbeing Service (NHS)",
        "summary": "Round-the-clock NHS help for people in mental health crisis, and wellbeing support for "
        "anxiety, low mood and stress.",
        "description": "Part of the NHS foundation trust. The crisis team assesses and supports people in mental "
        "health crisis at home; the wellbeing service offers talking therapies and groups.",
        "how_to_refer": "Anyone can call the 24-hour crisis line. GPs, police and partners can refer; people can "
        "refer themselves to the wellbeing service online.",
        "email": "crisis.referrals@nhs.example.org",
        "phone": "01632 960400",
        "website": "https://mentalhealth.example.org/",
        "address": "Westfield Health Centre\nFlatt Walks\nWestfield WF1 3SL",
        "keywords": "mental health, crisis, suicidal, self-harm, anxiety, depression, low mood, stress, NHS",
        "services": [
            {
                "name": "24-hour mental health crisis line",
                "description": "Call any time, day or night, if you or someone you know is in mental health crisis.",
                "terms": ["mental-health", "health-and-wellbeing"],
                "areas": EVERYWHERE,
                "schedules": hours((0, 0), (23, 59), days=EVERY_DAY, notes="24 hours"),
                "locations": [online("By phone")],
                "contacts": [("Crisis team", "Duty worker", "01632 960401", "crisis.referrals@nhs.example.org")],
            },
            {
                "name": "Wellbeing and talking therapies",
                "description": "Talking therapies, courses and groups for anxiety, low mood and stress.",
                "terms": ["mental-health", "health-and-wellbeing"],
                "areas": EVERYWHERE,
                "minimum_age": 16,
                "schedules": hours((9, 0), (17, 0)),
                "locations": [HEALTH_CENTRE],
            },
        ],
    },
    {
        "slug": "probation-service-westfield",
        "name": "Probation Service: Westfield",
        "summary": "Supervises people on community sentences and after release from prison, and runs unpaid "
        "work in the community.",
        "description": "Probation practitioners manage the risk people on probation pose and help them stop "
        "offending. Community payback teams clear graffiti, litter and overgrown land nominated by residents.",
        "how_to_refer": "Partners share information about people on probation through the hub. Residents can "
        "nominate a community payback project.",
        "email": "westfield.probation@justice.example.org",
        "phone": "01632 960410",
        "website": "https://probation.example.org/westfield",
        "address": "Probation office\n8 Duke Street\nWestfield WF1 2HP",
        "keywords": "probation, offender, community sentence, unpaid work, community payback, resettlement",
        "reviewed_days_ago": 400,
        "services": [
            {
                "name": "Community payback",
                "description": "People on community sentences do unpaid work on projects residents nominate.",
                "terms": ["offending-and-rehabilitation", "environment-and-enforcement"],
                "areas": EVERYWHERE,
                "minimum_age": 18,
                "schedules": hours((9, 0), (17, 0)),
                "locations": [online("Projects across the borough")],
                "contacts": [
                    (
                        "Helen Sharp",
                        "Community payback supervisor",
                        "01632 960411",
                        "westfield.probation@justice.example.org",
                    )
                ],
            },
        ],
    },
    {
        "slug": "westshire-liaison-and-diversion",
        "name": "Westshire Liaison and Diversion Service",
        "summary": "Health workers in police custody and courts who identify vulnerable people and divert them "
        "into support.",
        "description": "The service assesses people of all ages in police custody and at court for mental health "
        "needs, learning disabilities, substance misuse and other vulnerabilities, and links them to services.",
        "how_to_refer": "Police custody staff, courts, youth offending and probation refer directly.",
        "email": "liaison.diversion@nhs.example.org",
        "phone": "01632 960420",
        "website": "https://liaison-diversion.example.org/",
        "address": "Westfield police station\n1 Market Street\nWestfield WF1 1AA",
        "keywords": "liaison and diversion, custody, court, vulnerable, learning disability, diversion",
        "services": [
            {
                "name": "Custody and court liaison",
                "description": "Assessment and referral for vulnerable people in custody or at court.",
                "terms": ["offending-and-rehabilitation", "mental-health"],
                "areas": EVERYWHERE,
                "schedules": hours((8, 0), (20, 0), days=EVERY_DAY),
                "locations": [POLICE_STATION],
                "contacts": [
                    (
                        "Owen Price",
                        "Liaison and diversion practitioner",
                        "01632 960421",
                        "liaison.diversion@nhs.example.org",
                    )
                ],
            },
        ],
    },
    {
        "slug": "westfield-drug-and-alcohol-service",
        "name": "Westfield Drug and Alcohol Service",
        "summary": "Free, confidential help with drugs and alcohol: advice, treatment, needle exchange and "
        "recovery groups.",
        "description": "The service helps adults and young people who use drugs or alcohol, and their families. "
        "It offers assessment, prescribing, harm reduction, a needle exchange and peer-led recovery groups.",
        "how_to_refer": "Refer yourself by phone or drop in. Professionals can refer with the person's consent.",
        "email": "recovery@example.org",
        "phone": "01632 960430",
        "website": "https://recovery.example.org/",
        "address": "Westfield Health Centre\nFlatt Walks\nWestfield WF1 3SL",
        "keywords": "drugs, drug use, drug treatment, alcohol, drinking, addiction, substance misuse, cannabis, "
        "needle exchange, recovery",
        "services": [
            {
                "name": "Adult drug and alcohol treatment",
                "description": "Assessment, treatment and recovery support for adults who use drugs or alcohol.",
                "terms": ["drugs-and-alcohol", "health-and-wellbeing"],
                "areas": EVERYWHERE,
                "minimum_age": 18,
                "how_to_access": "Drop in or call to book an assessment.",
                "keywords": "drugs, addiction, detox",
                "schedules": hours((9, 0), (17, 0), notes="Drop-in 10am to 12pm"),
                "locations": [HEALTH_CENTRE],
                "contacts": [("Nadia Rahman", "Recovery coordinator", "01632 960431", "recovery@example.org")],
            },
            {
                "name": "Young people's drugs and alcohol service",
                "description": "Confidential advice and support for young people worried about drugs or "
                "alcohol, in school or in the community.",
                "terms": ["drugs-and-alcohol", "young-people"],
                "areas": EVERYWHERE,
                "minimum_age": 11,
                "maximum_age": 18,
                "keywords": "drugs, vaping, cannabis",
                "schedules": hours((9, 0), (17, 0)),
                "locations": [COMMUNITY_CENTRE],
            },
        ],
    },
]

VOLUNTARY = [
    {
        "slug": "age-uk-westfield",
        "name": "Age UK Westfield",
        "summary": "Befriending, advice and activities for older people, including help for anyone who is "
        "lonely or isolated.",
        "description": "Age UK Westfield supports older people to live well: befriending visits and calls for "
        "older people who are lonely, a lunch club, information and advice on benefits, and help after a scam "
        "or a fall.",
        "how_to_refer": "Older people, families and professionals can call or email. Tell us if the person "
        "would like a befriender to visit.",
        "email": "befriending@ageuk-westfield.example.org",
        "phone": "01632 960500",
        "website": "https://ageuk-westfield.example.org/",
        "address": "Age UK Westfield\n3 Roper Street\nWestfield WF1 2BL",
        "keywords": "lonely, loneliness, isolated, isolation, older person, older people, elderly, pensioner, "
        "befriending, scams",
        "services": [
            {
                "name": "Befriending for older people",
                "description": "A volunteer visits or phones an older person who is lonely or isolated every week.",
                "terms": ["older-people", "health-and-wellbeing"],
                "areas": EVERYWHERE,
                "minimum_age": 60,
                "eligibility": "Older people aged 60 and over who feel lonely or isolated.",
                "keywords": "lonely, isolated, companionship",
                "schedules": hours((9, 30), (16, 30)),
                "locations": [COMMUNITY_CENTRE],
                "contacts": [
                    (
                        "Brenda Moore",
                        "Befriending coordinator",
                        "01632 960501",
                        "befriending@ageuk-westfield.example.org",
                    )
                ],
            },
            {
                "name": "Information and advice for older people",
                "description": "Help with benefits, care, scams and staying safe at home.",
                "terms": ["older-people", "victims-and-witnesses"],
                "areas": EVERYWHERE,
                "minimum_age": 60,
                "schedules": hours((10, 0), (14, 0), days=["MO", "WE", "FR"], notes="Drop-in"),
                "locations": [COMMUNITY_CENTRE],
            },
        ],
    },
    {
        "slug": "fellside-outdoor-trust",
        "name": "Fellside Outdoor Trust",
        "summary": "An outdoor learning charity that runs residentials and adventure days for young people in "
        "the fells.",
        "description": "The trust's instructors deliver the hub's three-night outdoor residential for 13 to 16 "
        "year olds, and adventure days for schools and youth groups: climbing, canoeing, gorge walking and "
        "navigation.",
        "how_to_refer": "Schools and youth workers nominate young people for the residential through the hub's "
        "programme booking.",
        "email": "bookings@fellside-outdoor.example.org",
        "phone": "01632 960510",
        "website": "https://fellside-outdoor.example.org/",
        "address": "Fellside Outdoor Centre\nFell Road\nWestfield WF9 9ZZ",
        "keywords": "outdoor activities, residential, adventure, climbing, canoeing, youth, teenagers",
        "services": [
            {
                "name": "Outdoor residentials for young people",
                "description": "Three nights of outdoor challenge building confidence and teamwork.",
                "terms": ["young-people"],
                "areas": EVERYWHERE,
                "minimum_age": 13,
                "maximum_age": 16,
                "eligibility": "Young people aged 13 to 16 nominated by their school or a hub partner.",
                "schedules": hours((9, 0), (17, 0)),
                "locations": [FELLSIDE_CENTRE],
                "contacts": [
                    ("Jo Armstrong", "Head of programmes", "01632 960511", "bookings@fellside-outdoor.example.org")
                ],
            },
        ],
    },
    {
        "slug": "westfield-community-alcohol-partnership",
        "name": "Westfield Community Alcohol Partnership",
        "summary": "Retailers, police, schools and youth services working together against underage drinking "
        "and street drinking.",
        "description": "The partnership trains shop staff on proof of age, runs test purchases with licensing "
        "officers, and puts on Friday evening activities where street drinking by young people has been "
        "reported.",
        "how_to_refer": "Tell the partnership where young people are drinking in the street; shops can ask for "
        "proof of age training.",
        "email": "cap@example.org",
        "phone": "01632 960520",
        "website": "https://cap.example.org/westfield",
        "address": "Westfield Community Centre\n12 Church Lane\nWestfield WF2 3BB",
        "keywords": "street drinking, underage drinking, drinking in the street, teenage drinking, proof of age, "
        "Challenge 25, alcohol",
        "services": [
            {
                "name": "Street drinking and underage drinking",
                "description": "Action where young people are street drinking: patrols, retailer checks and "
                "diversionary activities.",
                "terms": ["drugs-and-alcohol", "young-people", "community-safety"],
                "areas": TOWN,
                "keywords": "street drinking, underage drinking",
                "schedules": hours((18, 0), (21, 0), days=["FR"], notes="Friday evening activities"),
                "locations": [COMMUNITY_CENTRE, NORTHGATE_HUB],
                "minimum_age": 12,
                "maximum_age": 17,
                "contacts": [("Paul Denwood", "Partnership coordinator", "01632 960521", "cap@example.org")],
            },
        ],
    },
    {
        "slug": "westshire-victim-support",
        "name": "Westshire Victim Support",
        "summary": "Free, confidential support for anyone affected by crime or anti-social behaviour, whether "
        "or not it was reported.",
        "description": "Trained caseworkers and volunteers give emotional and practical support to victims and "
        "witnesses, help with safety at home, and explain what happens in court.",
        "how_to_refer": "Refer yourself by phone or online. Police and partners refer with the person's consent.",
        "email": "westshire@victimsupport.example.org",
        "phone": "01632 960530",
        "website": "https://victimsupport.example.org/westshire",
        "address": "Westshire Victim Support\nPO Box 960\nWestfield WF1 9VS",
        "keywords": "victim, victim support, witness, hate crime, burglary, harassment, domestic abuse, court",
        "services": [
            {
                "name": "Support for victims and witnesses",
                "description": "Emotional and practical support after crime or anti-social behaviour.",
                "terms": ["victims-and-witnesses"],
                "areas": EVERYWHERE,
                "schedules": hours((8, 0), (20, 0)),
                "locations": [online("By phone, online or a home visit")],
                "contacts": [("Amira Begum", "Caseworker", "01632 960531", "westshire@victimsupport.example.org")],
            },
        ],
    },
]
