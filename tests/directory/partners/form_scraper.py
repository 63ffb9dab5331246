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


def form_values(html, *, action="", button=None):
    """``{name: [values]}`` as a browser posts the form: text and hidden inputs, checked boxes and radios, each
    select's selected options (its first option when none is), textareas (less the newline that follows the tag,
    as HTML parsing drops it), and the named ``button`` if one is pressed. Django's test client posts each list as
    repeated values."""
    values = {}

    def add(name, value):
        values.setdefault(name, []).append(value)

    for element in page_form(html, action=action).find_all(["input", "textarea", "select", "button"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "input":
            kind = element.get("type", "text").lower()
            if kind in SKIPPED_INPUTS:
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    add(name, element.get("value", "on"))
                continue
            add(name, element.get("value", ""))
        elif element.name == "textarea":
            text = element.get_text()
            add(name, text[1:] if text.startswith("\n") else text)
        elif element.name == "select":
            options = element.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not element.has_attr("multiple"):
                chosen = chosen[-1:] or options[:1]
            for option in chosen:
                add(name, option.get("value", option.get_text()))
        elif element.name == "button" and name == button:
            add(name, element.get("value", ""))
    return values
