import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The UK postcode format (Royal Mail's rules for areas, districts and units), spaces optional.
UK_POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?|[0-9][A-HJKPS-UW])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})$",
    re.IGNORECASE,
)


def validate_uk_postcode(value):
    if not UK_POSTCODE.match(" ".join((value or "").split())):
        raise ValidationError(_("Enter a real postcode, like WF1 1AA"), code="invalid_postcode")
