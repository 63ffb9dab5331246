"""Forgiving queries: what a resident types, understood as the index's words.

Each word (or phrase on the hub's synonyms list) of a query becomes a *concept*: its alternatives are the phrase's
synonyms, the known words sharing its stem (homeless, homelessness) and, for a word the index does not hold, the
closest known word ("alchohol" finds "alcohol", and the page says so). A search asks for every concept (each by any
of its alternatives), then for any. The expansion happens before the backend, so the database backends and the
search servers answer the same question.
"""

from dataclasses import dataclass
from functools import lru_cache

from wagtail.search.query import And, Or, PlainText

from . import vocabulary as vocabularies
from .words import query_words

MAX_CONCEPTS = 10
MIN_CORRECTED_LENGTH = 4


@lru_cache(maxsize=64)
def parse_synonyms(text):
    """Groups of phrases meaning the same, from one group a line, phrases separated by commas or "=":
    ``ASB, anti-social behaviour``. Each phrase as a tuple of words; groups of fewer than two phrases are ignored."""
    groups = []
    for line in (text or "").splitlines():
        phrases = []
        for part in line.replace("=", ",").split(","):
            words = tuple(query_words(part))
            if words and words not in phrases:
                phrases.append(words)
        if len(phrases) > 1:
            groups.append(tuple(phrases))
    return tuple(groups)


@dataclass(frozen=True)
class Concept:
    said: str
    alternatives: tuple
    correction: str = ""


@dataclass(frozen=True)
class Understanding:
    query: str
    concepts: tuple

    def __bool__(self):
        return bool(self.concepts)

    def expression(self, operator="and"):
        """The Wagtail search query: every concept (``and``) or any (``or``), each concept by any alternative."""
        parts = [
            Or([PlainText(text, operator="and") for text in concept.alternatives])
            if len(concept.alternatives) > 1
            else PlainText(concept.alternatives[0], operator="and")
            for concept in self.concepts
        ]
        if len(parts) == 1:
            return parts[0]
        return And(parts) if operator == "and" else Or(parts)

    @property
    def corrections(self):
        return [(concept.said, concept.correction) for concept in self.concepts if concept.correction]

    def corrected_query(self):
        """The query with each misspelt word replaced by its correction (the "did you mean" link)."""
        fixes = dict(self.corrections)
        return " ".join(fixes.get(word, word) for word in query_words(self.query))

    @property
    def words(self):
        """Every word a result may have matched, for highlighting."""
        return frozenset(word for concept in self.concepts for text in concept.alternatives for word in text.split())

    def explained(self):
        """Concepts whose match may not be what was typed: ``[(said, [alternatives])]``. Only what the page does not
        already say: neither the words as typed nor a correction (the "did you mean" line says it)."""
        typed = f" {' '.join(query_words(self.query))} "
        explained = []
        for concept in self.concepts:
            others = [
                text
                for text in concept.alternatives
                if text not in (concept.said, concept.correction) and f" {text} " not in typed
            ]
            if others:
                explained.append((concept.said, others))
        return explained


def understand(query, *, synonyms="", vocabulary=None):
    """``query``'s concepts, with the hub's ``synonyms`` (text, see ``parse_synonyms``) and the index's words."""
    words = query_words(query)
    if not words:
        return Understanding(query, ())
    vocabulary = vocabulary or vocabularies.current()
    phrases = phrase_index(parse_synonyms(synonyms))
    concepts, position = [], 0
    while position < len(words) and len(concepts) < MAX_CONCEPTS:
        found = match_phrase(words, position, phrases)
        if found:
            phrase, group = found
            typed = " ".join(words[position : position + len(phrase)])
            alternatives = [typed, " ".join(phrase)] + [" ".join(other) for other in group if other != phrase]
            alternatives += with_forms([" ".join(other) for other in group if len(other) == 1], vocabulary)
            concepts.append(Concept(" ".join(phrase), unique(alternatives)))
            position += len(phrase)
        else:
            concepts.append(word_concept(words[position], vocabulary))
            position += 1
    return Understanding(query, tuple(concepts))


def word_concept(word, vocabulary):
    alternatives = [word, *vocabulary.forms(word)]
    correction = ""
    if not vocabulary.knows(word) and len(word) >= MIN_CORRECTED_LENGTH and word.isalpha():
        closest = vocabulary.closest(word)
        if closest:
            correction = closest[0]
            alternatives += [correction, *vocabulary.forms(correction)]
    return Concept(word, unique(alternatives), correction)


def with_forms(words, vocabulary):
    return [form for word in words for form in vocabulary.forms(word)]


def unique(items):
    return tuple(dict.fromkeys(items))


@lru_cache(maxsize=64)
def phrase_index(groups):
    """``{stemmed first word: [(phrase, group)]}``, longest phrases first."""
    found = {}
    for group in groups:
        for phrase in group:
            found.setdefault(vocabularies.stem(phrase[0]), []).append((phrase, group))
    for entries in found.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return found


def match_phrase(words, position, phrases):
    """The longest synonym phrase starting at ``position`` (compared by stems: "drunks" matches "drunk")."""
    for phrase, group in phrases.get(vocabularies.stem(words[position]), ()):
        end = position + len(phrase)
        if end <= len(words) and all(
            vocabularies.stem(said) == vocabularies.stem(word)
            for said, word in zip(words[position:end], phrase, strict=True)
        ):
            return phrase, group
    return None
