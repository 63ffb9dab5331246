"""What a browser would post from a page's form: read the rendered HTML, post it back unchanged (or changed)."""

from bs4 import BeautifulSoup

SKIPPED_INPUTS = {"submit", "image", "button", "reset", "file"}


def page_form(html, *, action=""):
    """The page's POST form with this ``action`` attribute (by default the one posting to the page itself, not the
    header's sign-out form)."""
    forms = [
        form
        for form in BeautifulSoup(html, "html.parser").find_all("form")
        if form.get("method", "get").lower() == "post" and form.get("action", "") == action
    ]
    assert len(forms) == 1, f"expected one POST form with action {action!r}, found {len(forms)}"
    return forms[0]


def posted_values(element, button=None):
    """What the browser posts for one form control: a list of values, empty when it posts nothing."""
    if not element.get("name") or element.has_attr("disabled"):
        return []
    if element.name == "textarea":
        text = element.get_text()
        return [text[1:] if text.startswith("\n") else text]
    if element.name == "select":
        options = element.find_all("option")
        chosen = [option for option in options if option.has_attr("selected")]
        if not element.has_attr("multiple"):
            chosen = chosen[-1:] or options[:1]
        return [option.get("value", option.get_text()) for option in chosen]
    if element.name == "button":
        return [element.get("value", "")] if element["name"] == button else []
    kind = element.get("type", "text").lower()
    if kind in SKIPPED_INPUTS or (kind in ("checkbox", "radio") and not element.has_attr("checked")):
        return []
    return [element.get("value", "on" if kind in ("checkbox", "radio") else "")]


def form_values(html, *, action="", button=None):
    """``{name: [values]}`` as a browser posts the form: text and hidden inputs, checked boxes and radios, each
    select's selected options (its first option when none is), textareas (less the newline that follows the tag,
    as HTML parsing drops it), and the named ``button`` if one is pressed. Django's test client posts each list as
    repeated values."""
    values = {}
    for element in page_form(html, action=action).find_all(["input", "textarea", "select", "button"]):
        for value in posted_values(element, button):
            values.setdefault(element["name"], []).append(value)
    return values
