"""Showing why a search result matched: its words marked, the text escaped first (never trusting the text)."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.search.vocabulary import stem

register = template.Library()

WORDS = re.compile(r"(\w+)")
EXCERPT_WORDS = 40


def stems_of(words):
    return {stem(word.lower()) for word in words or ()}


@register.filter
def highlight(text, words):
    """``text`` escaped, each word sharing a stem with one of ``words`` wrapped in ``<mark>``."""
    stems = stems_of(words)
    pieces = []
    for index, piece in enumerate(WORDS.split(str(text or ""))):
        escaped = escape(piece)
        matched = index % 2 and stem(piece.lower()) in stems
        pieces.append(f'<mark class="app-search-mark">{escaped}</mark>' if matched else escaped)
    return mark_safe("".join(pieces))  # noqa: S308 every piece is escaped above


@register.filter
def excerpt(text, words):
    """About ``EXCERPT_WORDS`` words of ``text`` around its first matching word, marked (see ``highlight``)."""
    tokens = str(text or "").split()
    stems = stems_of(words)
    first = next(
        (i for i, token in enumerate(tokens) if stems & {stem(word.lower()) for word in WORDS.findall(token)}), 0
    )
    start = max(first - EXCERPT_WORDS // 4, 0)
    shown = " ".join(tokens[start : start + EXCERPT_WORDS])
    before = "… " if start else ""
    after = " …" if start + EXCERPT_WORDS < len(tokens) else ""
    return mark_safe(escape(before) + highlight(shown, words) + escape(after))  # noqa: S308 escaped


@register.filter
def mentions(text, words):
    """Whether ``text`` has one of ``words`` (by stem)."""
    return bool(stems_of(words) & {stem(word.lower()) for word in WORDS.findall(str(text or ""))})


@register.filter
def matching(text, words):
    """The distinct words of ``text`` that match ``words`` (by stem), as they are written there."""
    stems, found = stems_of(words), {}
    for word in WORDS.findall(str(text or "")):
        key = stem(word.lower())
        if key in stems:
            found.setdefault(key, word.lower())
    return list(found.values())
