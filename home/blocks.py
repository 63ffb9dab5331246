from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class InsetTextBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "link"])

    class Meta:
        icon = "openquote"
        label = _("Inset text")
        template = "components/inset_text_block.html"


class WarningTextBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)

    class Meta:
        icon = "warning"
        label = _("Warning text")
        template = "components/warning_text_block.html"


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "collapse-down"
        label = _("Details (expandable)")
        template = "components/details_block.html"


class LinkTargetBlock(blocks.StructBlock):
    """A page on this site or an external address; the page wins when both are given."""

    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(required=False, max_length=500, help_text=_("A path such as /report/ or a full address."))

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        return result


class ButtonBlock(LinkTargetBlock):
    text = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "link"
        label = _("Button link")
        template = "components/button_block.html"


class CaptionedImageBlock(ImageBlock):
    class Meta:
        label = _("Image")
        template = "components/image_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, icon="title", template="components/heading_block.html")
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="components/paragraph_block.html")
    image = CaptionedImageBlock()
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    details = DetailsBlock()
    button = ButtonBlock()


class RouteBlock(LinkTargetBlock):
    """A call to action on the home page: 'Report anti-social behaviour', 'Book a programme'."""

    title = blocks.CharBlock(max_length=80)
    description = blocks.CharBlock(max_length=250)

    class Meta:
        icon = "arrow-right"
        label = _("Route")
