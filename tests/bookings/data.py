"""Booking answers shared by the booking tests."""

from datetime import date

MEDICAL_NEEDS = "Carries an asthma inhaler"
EMERGENCY_PHONE = "07700 900123"

PARTICIPANT_DETAILS = {
    "contact_name": "Alex Parent",
    "contact_email": "alex@example.org",
    "contact_phone": "01632 960456",
    "participant_name": "Jamie Young",
    "date_of_birth": date(2012, 5, 1),
    "guardian_consent": True,
    "emergency_contact_name": "Robin Parent",
    "emergency_contact_phone": EMERGENCY_PHONE,
    "medical_needs": MEDICAL_NEEDS,
    "dietary_needs": "Vegetarian",
    "access_needs": "Step-free access",
    "photo_consent": False,
}
