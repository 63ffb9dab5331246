"""Where the demo hub's partners work: the areas it covers, their offices, and their usual opening hours."""

from datetime import time

AREAS = [
    ("all-of-westfield-borough", "All of Westfield borough", "Every ward and village in the borough."),
    ("westfield-town-centre", "Westfield town centre", "The shopping streets, the bus station and the harbour."),
    ("northgate", "Northgate", "The Northgate and Kells estates north of the town centre."),
    ("riverside", "Riverside", "The Riverside ward along the Beck, including Mirehouse."),
    ("moorhouse", "Moorhouse", "Moorhouse village and the farms around it."),
    ("fellside-villages", "Fellside villages", "Fellside, Ennerdale Bridge and the villages below the fells."),
]
EVERYWHERE = [slug for slug, _name, _description in AREAS]
TOWN = ["westfield-town-centre", "northgate", "riverside"]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]
EVERY_DAY = [*WEEKDAYS, "SA", "SU"]


def hours(opens, closes, days=WEEKDAYS, notes=""):
    """Weekly opening times as (weekday, opens, closes, notes) rows."""
    return [(day, time(*opens), time(*closes), notes) for day in days]


def place(name, address, postcode, latitude, longitude, accessibility="Step-free access and an accessible toilet."):
    return {
        "name": name,
        "address_1": address,
        "city": "Westfield",
        "postcode": postcode,
        "latitude": latitude,
        "longitude": longitude,
        "accessibility": accessibility,
    }


def online(name):
    return {"location_type": "virtual", "name": name}


CIVIC_CENTRE = place("Westfield Civic Centre", "Lowther Street", "WF1 2EJ", "54.548720", "-3.586310")
POLICE_STATION = place("Westfield police station", "1 Market Street", "WF1 1AA", "54.549410", "-3.589020")
FIRE_STATION = place("Westfield fire station", "Bransty Road", "WF1 4QX", "54.556830", "-3.583940")
HEALTH_CENTRE = place("Westfield Health Centre", "Flatt Walks", "WF1 3SL", "54.546150", "-3.582270")
COMMUNITY_CENTRE = place("Westfield Community Centre", "12 Church Lane", "WF2 3BB", "54.551230", "-3.579880")
NORTHGATE_HUB = place("Northgate Community Hub", "4 Kells Lane", "WF3 7PD", "54.560410", "-3.594120")
RIVERSIDE_OFFICE = place("Riverside Neighbourhood Office", "22 Beck Road", "WF4 2RT", "54.537960", "-3.575510")
FELLSIDE_CENTRE = place(
    "Fellside Outdoor Centre",
    "Fell Road",
    "WF9 9ZZ",
    "54.522640",
    "-3.412870",
    accessibility="Step-free access to the main building; the fell routes are rough ground.",
)
