"""The words the search index holds, to forgive what people type: word forms that share a stem, and the closest
known word to a misspelt one ("did you mean").

Read from the published content of the indexed models (pages that are live, entries with ``live`` set), so it is
the same on every backend: a search server's analysers and the database's differ, the words people wrote do not.
Reading it is one query per indexed model over every published row (seconds on a directory of 20,000 agencies), so
the word counts are shared through the cache (Redis in production): read once for every process, again only when
published content changes (``changed()``, connected to publishing in ``directory.signals``) or after
``VOCABULARY_SECONDS``. Each process keeps its vocabulary in memory and asks the cache (no SQL) whether it changed at
most every ``CHECK_SECONDS``.
"""

import difflib
import re
import threading
import time
from collections import Counter
from functools import lru_cache

import snowballstemmer
from django.core.cache import cache
from django.db.models import CharField, TextField
from django.db.models.functions import Cast
from django.utils.html import strip_tags
from modelsearch import index
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

VOCABULARY_SECONDS = 600
CHECK_SECONDS = 5
VERSION_KEY = "search-vocabulary-version"
WORDS_KEY = "search-vocabulary-words"
WORD = re.compile(r"[^\W\d_]{3,30}")
MAX_FORMS = 4
MAX_REMEMBERED = 10_000  # misspellings whose closest words a process remembers
TEXT_FIELDS = (CharField, TextField, RichTextField, StreamField)

_local = threading.local()
_lock = threading.Lock()
_cached = {"vocabulary": None, "version": None, "checked": 0.0}


@lru_cache(maxsize=100_000)
def stem(word):
    """The English stem of a lower-case word (Snowball's stemmer; one per thread, it keeps state)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


class Vocabulary:
    def __init__(self, counts):
        self.counts = counts
        self.by_stem = {}
        for word in sorted(counts, key=lambda known: (-counts[known], known)):
            self.by_stem.setdefault(stem(word), []).append(word)
        self.by_length = {}
        for word in counts:
            self.by_length.setdefault(len(word), []).append(word)

        self._closest = {}

    def __contains__(self, word):
        return word in self.counts

    def forms(self, word):
        """Known words sharing ``word``'s stem (homeless, homelessness), most frequent first."""
        return self.by_stem.get(stem(word), [])[:MAX_FORMS]

    def knows(self, word):
        return word in self.counts or stem(word) in self.by_stem

    def closest(self, word, *, count=1, cutoff=0.8, spread=2):
        """The known words nearest to ``word`` in spelling, best first (words at most ``spread`` letters longer or
        shorter only)."""
        key = (word, count, cutoff, spread)
        if key not in self._closest:
            if len(self._closest) > MAX_REMEMBERED:
                self._closest.clear()
            sizes = range(len(word) - spread, len(word) + spread + 1)
            candidates = [known for size in sizes for known in self.by_length.get(size, ())]
            self._closest[key] = difflib.get_close_matches(word, candidates, n=count, cutoff=cutoff)
        return self._closest[key]


def text_fields(model):
    """The model's own text fields that are searched (related fields and methods are indexed through their models)."""
    concrete = {field.name: field for field in model._meta.get_fields() if getattr(field, "concrete", False)}
    names = []
    for search_field in model.get_search_fields():
        field = concrete.get(search_field.field_name)
        if isinstance(search_field, index.SearchField) and isinstance(field, TEXT_FIELDS):
            names.append(field.name)
    return sorted(set(names))


def published(model):
    if issubclass(model, Page):
        return model.objects.live() if model is not Page else None
    if any(field.name == "live" for field in model._meta.get_fields()):
        return model.objects.filter(live=True)
    return None


def read_words():
    counts = Counter()
    for model in index.get_indexed_models():
        rows = published(model)
        names = text_fields(model)
        if rows is None or not names:
            continue
        values = {f"text_{name}": Cast(name, TextField()) for name in names}
        for row in rows.order_by().annotate(**values).values_list(*values):
            for text in row:
                if text:
                    counts.update(WORD.findall(strip_tags(text).lower()))
    return counts


def current():
    """The vocabulary: this process's, unless the shared one changed since (checked every ``CHECK_SECONDS``)."""
    with _lock:
        vocabulary = _cached["vocabulary"]
        now = time.monotonic()
        if vocabulary is not None and now - _cached["checked"] < CHECK_SECONDS:
            return vocabulary
        version = cache.get(VERSION_KEY)
        if version is None:
            version = new_version()
        if vocabulary is None or version != _cached["version"]:
            counts = cache.get(f"{WORDS_KEY}:{version}")
            if counts is None:
                counts = read_words()
                cache.set(f"{WORDS_KEY}:{version}", counts, VOCABULARY_SECONDS)
            vocabulary = Vocabulary(counts)
            _cached.update(vocabulary=vocabulary, version=version)
        _cached["checked"] = now
        return vocabulary


def new_version():
    """A new version of the shared vocabulary, which expires after ``VOCABULARY_SECONDS`` (then it is read again)."""
    version = time.time_ns()
    cache.set(VERSION_KEY, version, VOCABULARY_SECONDS)
    return version


def forget():
    """Published content changed, or a bulk import or a test made some: every process reads the words again on its
    next search (this one at once, the others within ``CHECK_SECONDS``)."""
    new_version()
    with _lock:
        _cached.update(vocabulary=None, version=None, checked=0.0)


def changed(**kwargs):
    """Signal receiver: published content changed (``forget``)."""
    forget()
