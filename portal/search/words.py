"""How every search box splits what people type: plain lower-case words. Quotes, brackets and operators (AND,
NEAR, *) mean nothing to the people searching, so they never reach a search backend."""

import re

WORD = re.compile(r"\w+")


def query_words(text):
    """The words of ``text``, lower-cased, in order."""
    return WORD.findall(text.lower())
