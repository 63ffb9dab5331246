"""Row ids from URLs, query strings and posted forms, checked before any query sees them.

Django refuses an out-of-range number in an exact lookup on a model's own integer key, but not through a
foreign key or one-to-one key (``programme_id=``, a page subclass's ``pk``) nor in an ``__in`` lookup: there
SQLite raises OverflowError and PostgreSQL DataError, a server error for what is only a wrong address. Every
id from outside is read here first, so a number no table can hold is "not found" or a form error.
"""

from django import forms

# The largest 64-bit signed integer: every key here (BigAutoField, Wagtail's AutoField) is within it, and both
# databases compare any number up to it with any integer column.
MAX_ID = 9_223_372_036_854_775_807


def parse_id(value):
    """``value`` as a row id (a whole number, ASCII digits only, from 1 to MAX_ID), else None."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdConverter:
    """``<id:name>`` in a URL: like ``<int:name>``, but a number beyond MAX_ID does not match (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id: a value that is not an id anything could have is refused as an invalid
    choice before the ``__in`` query that would fail on it."""

    def _check_values(self, value):
        if self.to_field_name is None and isinstance(value, (list, tuple)):
            for pk in value:
                if parse_id(pk) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                    )
        return super()._check_values(value)
