"""Field checks shared by the partner forms: plain text only, clear messages, real phone numbers and web addresses,
images within the pixel limit counting every frame."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField

MARKUP = re.compile(r"<\s*/?\s*[a-z!?][^>]*>", re.IGNORECASE)
PHONE = re.compile(r"\+?[0-9 ()-]+", re.ASCII)


def partner_formfield(db_field, **kwargs):
    """Form fields for the partner forms: web addresses typed without a scheme are taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


def reject_markup(value):
    if isinstance(value, str) and MARKUP.search(value):
        raise ValidationError(
            _("Remove the HTML tags (text between < and >): the directory shows plain text only"), code="markup"
        )


def validate_phone(value):
    digits = sum(character.isdigit() for character in value)
    if not PHONE.fullmatch(value) or not 10 <= digits <= 15:
        raise ValidationError(_("Enter a telephone number, like 01632 960 001 or +44 808 157 0192"), code="invalid")


def _text_field(field, label):
    field.validators.append(reject_markup)
    if field.max_length:
        field.error_messages["max_length"] = _("%(label)s must be %(max)s characters or fewer") % {
            "label": label,
            "max": field.max_length,
        }


def plain_text_errors(form, phones=()):
    """Clear messages on every field of ``form``, the markup check on text, the phone check on ``phones``."""
    for name, field in form.fields.items():
        label = str(field.label or "")
        if isinstance(field, forms.CharField):
            _text_field(field, label)
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = _("Enter an email address in the correct format, like name@example.org")
        if isinstance(field, forms.URLField):
            field.error_messages["invalid"] = _("Enter a full web address, like https://www.example.org/")
            web_only = URLValidator(schemes=["http", "https"], message=field.error_messages["invalid"])
            field.validators = [v for v in field.validators if not isinstance(v, URLValidator)] + [web_only]
        if not field.required and not isinstance(field, forms.BooleanField) and label:
            field.label = _("%(label)s (optional)") % {"label": label}
        if name in phones:
            field.validators.append(validate_phone)
        if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
            # Never Django's "This field is required.": the error summary must name the answer that is missing.
            field.error_messages["required"] = _("Enter %(label)s") % {"label": label.lower()}


def frame_count(upload):
    """The frames in an uploaded image (an animated GIF, WebP or PNG has several), read from its headers."""
    source = upload.image.f
    source.seek(0)
    try:
        with PILImage.open(source) as image:
            return getattr(image, "n_frames", 1)
    finally:
        source.seek(0)


class FrameCountingImageField(WagtailImageField):
    """Wagtail's image field, with every frame of an animation counted against WAGTAILIMAGES_MAX_IMAGE_PIXELS.

    Wagtail multiplies width and height by the frame count Willow gives, but Willow's Pillow backend always
    answers 1, so a 1500 x 1500 GIF of 30 frames (67.5 million pixels to decode) passed a 40 million limit.
    """

    def check_image_pixel_size(self, f):
        super().check_image_pixel_size(f)
        if self.max_image_pixels is None:
            return
        width, height = f.image.get_size()
        frames = frame_count(f)
        if width * height * frames > self.max_image_pixels:
            raise ValidationError(
                _(
                    "This animation is too large: %(frames)s frames of %(width)s by %(height)s pixels make "
                    "%(pixels)s pixels, and the most is %(max)s. Upload a still image or a smaller animation"
                )
                % {
                    "frames": frames,
                    "width": width,
                    "height": height,
                    "pixels": number_format(width * height * frames, force_grouping=True),
                    "max": number_format(self.max_image_pixels, force_grouping=True),
                },
                code="file_too_many_pixels",
            )
