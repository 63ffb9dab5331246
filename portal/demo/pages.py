from wagtail.models import Page


def ensure_child(parent, model, slug, publish=True, **fields):
    """The child page of ``parent`` with ``slug``, created and published when missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page, True


def rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def stream(*blocks):
    """StreamField raw data from (type, value) pairs."""
    return [{"type": block_type, "value": value} for block_type, value in blocks]


def root_page():
    return Page.get_first_root_node()
