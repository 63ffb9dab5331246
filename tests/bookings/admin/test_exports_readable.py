"""Booking exports read like a council spreadsheet (issue 14): headings as people write them, statuses as words,
local times to the minute, ticks as Yes or No, empty cells empty."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from bookings.choices import BookingStatus
from portal.groups import HUB_SAFEGUARDING_LEADS
from programmes.choices import BookingMode

pytestmark = pytest.mark.django_db

BOOKINGS_URL = "/admin/bookings/booking/"
# 14:05:09.123456 in London in summer: 13:05 UTC.
BOOKED_AT = datetime(2026, 7, 1, 14, 5, 9, 123456, tzinfo=ZoneInfo("Europe/London"))


def export(client, fmt):
    return b"".join(client.get(BOOKINGS_URL, {"export": fmt}).streaming_content)


def test_csv_reads_like_a_spreadsheet_people_write(client, staff, make_run, add_booking):
    add_booking(
        make_run(), status=BookingStatus.WAITLISTED, created_at=BOOKED_AT, school_urn="", school_name="Westfield"
    )
    add_booking(
        make_run(booking_mode=BookingMode.PARTICIPANT), places=1, created_at=BOOKED_AT, status=BookingStatus.PENDING
    )
    client.force_login(staff(HUB_SAFEGUARDING_LEADS))

    rows = list(csv.DictReader(io.StringIO(export(client, "csv").decode())))

    header = list(rows[0])
    for heading in ("Young person's name", "School URN", "Booked at", "Contact email", "Parent or guardian consent"):
        assert heading in header, header
    assert not any("'S" in heading or "Urn" in heading for heading in header)
    school = next(row for row in rows if row["School"] == "Westfield")
    young = next(row for row in rows if row["Young person's name"])
    assert school["Status"] == "On the waiting list" and young["Status"] == "Awaiting approval"
    assert school["Booked at"] == "2026-07-01 14:05"
    assert school["School URN"] == "" and school["Offer expires"] == "" and school["Young person's name"] == ""
    assert young["Parent or guardian consent"] == "Yes" and young["Photo consent"] == "No"


def test_xlsx_has_local_times_to_the_minute_and_words(client, staff, make_run, add_booking):
    add_booking(make_run(), status=BookingStatus.CONFIRMED, created_at=BOOKED_AT)
    client.force_login(staff(HUB_SAFEGUARDING_LEADS))

    header, row = openpyxl.load_workbook(io.BytesIO(export(client, "xlsx"))).active.values

    assert row[header.index("Booked at")] == datetime(2026, 7, 1, 14, 5)
    assert row[header.index("Status")] == "Confirmed"
    assert row[header.index("School URN")] is None or row[header.index("School URN")]
