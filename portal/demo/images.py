import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image


def ensure_image(title, colours):
    """A generated landscape picture (hills and sky in the given colours), created once per title."""
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    sky, hills, ground = colours
    width, height = 1200, 675
    picture = PILImage.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((860, 80, 1000, 220), fill=(255, 221, 0))
    draw.polygon([(0, 420), (260, 230), (520, 400), (820, 190), (1200, 430), (1200, 675), (0, 675)], fill=hills)
    draw.rectangle((0, 560, width, height), fill=ground)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    filename = title.lower().replace(" ", "-") + ".jpg"
    return Image.objects.create(title=title, file=ImageFile(buffer, name=filename), description="")
