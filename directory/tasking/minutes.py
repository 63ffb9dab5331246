"""A meeting's minutes, for the printable page and the OpenDocument text partners download and file. One place
says what the minutes hold: the date, chair, agencies present, each item (references, places, agencies) with its
decision and actions (agency, what, due, status). Nothing a resident wrote and no resident's name."""

import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, P

from .choices import AGENDA_ORDER, ItemKind
from .models import AgendaItem, TaskingAction

ODT_TYPE = "application/vnd.oasis.opendocument.text"


@dataclass
class Section:
    kind: str
    label: str
    items: list = field(default_factory=list)


def minutes_of(meeting):
    """The meeting (hub, agencies present) and its agenda by section, items' actions with their agencies: three
    queries, whatever the size."""
    actions = Prefetch(
        "actions", queryset=TaskingAction.objects.select_related("organisation").order_by("due_date", "pk")
    )
    items = list(AgendaItem.objects.filter(meeting=meeting).prefetch_related(actions).order_by("position", "pk"))
    sections = {kind: Section(kind, ItemKind(kind).label) for kind in AGENDA_ORDER}
    for item in items:
        sections[item.kind].items.append(item)
    return [section for section in sections.values() if section.items]


def filename(meeting):
    return f"tasking-minutes-{meeting.held_on:%Y-%m-%d}.odt"


def _styles(document):
    heading = Style(name="Heading", family="paragraph")
    heading.addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    heading.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.2cm"))
    section = Style(name="Section", family="paragraph")
    section.addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    section.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.1cm"))
    bold = Style(name="Bold", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    wide = Style(name="Wide", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="8cm"))
    narrow = Style(name="Narrow", family="table-column")
    narrow.addElement(TableColumnProperties(columnwidth="3cm"))
    for style in (heading, section, bold):
        document.styles.addElement(style)
    for style in (wide, narrow):
        document.automaticstyles.addElement(style)
    return {"heading": heading, "section": section, "bold": bold, "wide": wide, "narrow": narrow}


def _cell(text, style=None):
    cell = TableCell()
    cell.addElement(P(text=str(text), stylename=style) if style else P(text=str(text)))
    return cell


def _actions_table(actions, styles, index):
    table = Table(name=f"Actions{index}")
    table.addElement(TableColumn(stylename=styles["narrow"]))
    table.addElement(TableColumn(stylename=styles["wide"]))
    table.addElement(TableColumn(stylename=styles["narrow"]))
    table.addElement(TableColumn(stylename=styles["narrow"]))
    header = TableRow()
    for text in (_("Agency"), _("Action"), _("Due"), _("Status")):
        header.addElement(_cell(text, styles["bold"]))
    table.addElement(header)
    for action in actions:
        row = TableRow()
        row.addElement(_cell(action.organisation.name))
        row.addElement(_cell(action.description))
        row.addElement(_cell(date_format(action.due_date, "j M Y")))
        row.addElement(_cell(action.get_status_display()))
        table.addElement(row)
    return table


def minutes_odt(meeting, hub_name, sections, agencies):
    """The minutes as an OpenDocument text (bytes)."""
    document = OpenDocumentText()
    styles = _styles(document)
    text = document.text
    text.addElement(
        H(outlinelevel=1, stylename=styles["heading"], text=_("%(hub)s tasking meeting") % {"hub": hub_name})
    )
    text.addElement(P(text=_("Date: %(date)s") % {"date": date_format(meeting.held_on, "j F Y")}))
    text.addElement(P(text=_("Chair: %(chair)s") % {"chair": meeting.chair}))
    text.addElement(P(text=_("Agencies present: %(agencies)s") % {"agencies": ", ".join(agencies) or "–"}))
    index = 0
    for section in sections:
        text.addElement(H(outlinelevel=2, stylename=styles["section"], text=str(section.label)))
        for item in section.items:
            index += 1
            text.addElement(P(stylename=styles["bold"], text=f"{index}. {item.title}"))
            text.addElement(P(text=_("Decision: %(decision)s") % {"decision": item.decision or "–"}))
            actions = list(item.actions.all())
            if actions:
                text.addElement(_actions_table(actions, styles, index))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
