"""Dutch text analysis: words, accent folding, stop words, lemmas, the snowball stemmer, compound
parts and synonyms.

Index and query share one analyser (`dutch_analyzer()`). A word's term is the Snowball stem of
its lemma (lexicon.py), so inflections, diminutives and separable verbs meet:

    "Geïnspireerde collega's in de jeugdhulp" -> geinspireerd, collega, jeugdhulp
    "ingewerkt", "inwerkt", "inwerken" -> inwerk;  "gesprekje" -> gesprek

At index time a compound also gives its parts, marked with PART ("~"), at the same position:
"jeugdhulpverlener" -> jeugdhulpverlen, ~jeugd, ~hulpverlen. A query word matches its own term
and, with a lower weight, the marked part (query.py), so "hulpverlener" finds the compound but a
post with the whole word ranks above it. The query analyser gives no parts.

Synonyms (synonyms.txt, plus the groups moderators add: synonyms.py) are applied when a query
is built (query.py), not when documents are indexed: the synonym list can change without a
reindex. Query-time splitting against the index's
vocabulary (split_compound) stays for the other direction: "jeugdhulpverlener" finds "hulpverlener
in de jeugdhulp".

Whoosh pickles the analyser into the index's table of contents, so the classes here must keep
their module path; after renaming them, run `flask search reindex`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from whoosh.analysis import Filter, RegexTokenizer
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

from community.search import lexicon

SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")

# Letters and digits, with apostrophes inside a word kept together: "collega's", "zo'n".
WORD_PATTERN = r"\w+(?:['’]\w+)*"
MIN_WORD = 2
MAX_WORD = 40
STEM_CACHE_SIZE = 100_000
# Written between the parts of a document (title, sections, replies): not a term, but a jump in
# positions, so a phrase cannot match across two parts.
BREAK = "qqbreakqq"
BREAK_GAP = 100
# Marks a compound's part in the index: "~hulpverlen" is "hulpverlener" inside a longer word.
PART = "~"

# Words the Dutch snowball list lacks but that carry nothing in a search box.
EXTRA_STOP_WORDS = frozenset({"hoe", "welke", "jullie", "waar", "wanneer", "waarom", "zijn"})


def fold(text: str) -> str:
    """Lower case without accents: "Geïnspireerd" -> "geinspireerd"."""
    return text.lower().translate(accent_map)


@cache
def stop_words() -> frozenset[str]:
    return frozenset(fold(w) for w in stopwords_for_language("nl")) | EXTRA_STOP_WORDS


class DutchFilter(Filter):
    """Lower case, fold accents, drop "'s", stop words and too short/long words, then lemma and
    stem; with `parts`, a compound's parts follow its term at the same position.

    One filter instead of a chain: indexing speed is dominated by per-token overhead.
    Positions are renumbered over stop words, so the phrase "raad voor de kinderbescherming"
    matches the indexed "raad [voor de] kinderbescherming".
    """

    is_morph = True

    def __init__(self, stem: bool = True, parts: bool = False):
        self.stem = stem
        self.parts = parts
        self._setup()

    def _setup(self) -> None:
        self._stops = stop_words()
        self._stemmer = stemmer_for_language("nl") if self.stem else None
        self._cache: dict[str, tuple[str, ...]] = {}

    def __getstate__(self):
        return {"stem": self.stem, "parts": self.parts}

    def __setstate__(self, state):
        self.stem = state["stem"]
        self.parts = state.get("parts", False)
        self._setup()

    def __eq__(self, other):
        return (
            other is not None
            and type(other) is type(self)
            and other.stem == self.stem
            and other.parts == self.parts
        )

    def _terms(self, word: str) -> tuple[str, ...]:
        """The word's term, then its marked parts (with `parts`)."""
        stemmer = self._stemmer
        if stemmer is None:
            return (word,)
        base = lexicon.lemma(word)
        main = stemmer(base)
        if not self.parts:
            return (main,)
        found = [main]
        # The lemma is split, not the form: "ingewerkt" is "inwerken", not "inge" + "werkt".
        for part in lexicon.split(base):
            term = PART + stemmer(lexicon.lemma(part))
            if term[1:] != main and term not in found:
                found.append(term)
        return tuple(found)

    def __call__(self, tokens: Iterable) -> Iterator:
        stops = self._stops
        cache = self._cache
        pos = 0
        for t in tokens:
            text = t.text.lower().translate(accent_map)
            if text == BREAK:
                pos += BREAK_GAP
                continue
            if "'" in text or "’" in text:
                text = re.sub(r"['’]s$", "", text).replace("'", "").replace("’", "")
            if len(text) < MIN_WORD or len(text) > MAX_WORD:
                continue
            if text in stops:
                if t.removestops:
                    continue
                t.stopped = True
            else:
                t.stopped = False
            terms = cache.get(text)
            if terms is None:
                if len(cache) > STEM_CACHE_SIZE:
                    cache.clear()
                terms = cache[text] = self._terms(text)
            if t.positions:
                t.pos = pos
                pos += 1
            t.text = terms[0]
            yield t
            for extra in terms[1:]:
                t.text = extra
                yield t


def dutch_analyzer(stem: bool = True, parts: bool = False):
    """The analyser; `parts=True` for indexing (compound parts), False for queries."""
    return RegexTokenizer(WORD_PATTERN) | DutchFilter(stem=stem, parts=parts)


@cache
def _query_analyzer():
    return dutch_analyzer()


def stems(text: str) -> list[str]:
    """The index terms for `text`: ["geinspireerd", "collega", ...]."""
    return list(_stems(text))


@lru_cache(maxsize=50_000)
def _stems(text: str) -> tuple[str, ...]:
    # A query asks for the terms of the same words many times (parsing, synonyms, compounds,
    # highlighting): about fifty analyser runs per search before this memo.
    return tuple(t.text for t in _query_analyzer()(text))


@lru_cache(maxsize=50_000)
def stem_word(word: str) -> str | None:
    found = stems(word)
    return found[0] if len(found) == 1 else None


def is_dutch_word(word: str) -> bool:
    """A word of the Dutch lexicon (wordfreq), a form of one, or a compound of its words."""
    folded = fold(word)
    return (
        lexicon.zipf(folded) >= lexicon.KNOWN_ZIPF
        or lexicon.zipf(lexicon.lemma(folded)) >= lexicon.KNOWN_ZIPF
        or bool(lexicon.split(folded))
    )


@lru_cache(maxsize=50_000)
def word_terms(word: str) -> frozenset[str]:
    """The terms a word stands for in the index, its compound parts unmarked: for highlighting
    "jeugdhulpverlener" when "hulpverlener" was asked."""
    found = set(stems(word))
    folded = fold(word)
    for part in lexicon.split(folded):
        found.update(stems(part))
    return frozenset(found)


# -- synonyms ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SynonymGroup:
    """Terms that mean the same; each variant is a sequence of index terms."""

    variants: tuple[tuple[str, ...], ...]
    labels: tuple[str, ...]


def parse_synonyms(text: str) -> list[SynonymGroup]:
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        labels = tuple(part.strip() for part in line.split("|") if part.strip())
        variants = tuple(dict.fromkeys(tuple(stems(label)) for label in labels if stems(label)))
        if len(variants) > 1:
            groups.append(SynonymGroup(variants=variants, labels=labels))
    return groups


@cache
def synonym_groups() -> tuple[SynonymGroup, ...]:
    """The shipped base set (synonyms.txt)."""
    return tuple(parse_synonyms(SYNONYMS_FILE.read_text(encoding="utf-8")))


class SynonymSet:
    """Synonym groups ready to match in a query. Groups that share a variant become one group
    (a moderator's "BOA = handhaver" widens the shipped "boa | buitengewoon
    opsporingsambtenaar"), so a term always expands to everything said to mean the same."""

    def __init__(self, groups: Iterable[SynonymGroup]):
        merged: list[SynonymGroup] = []
        for group in groups:
            overlapping = [g for g in merged if set(g.variants) & set(group.variants)]
            for g in [*overlapping, group][:-1]:
                merged.remove(g)
            parts = [*overlapping, group]
            merged.append(
                SynonymGroup(
                    variants=tuple(dict.fromkeys(v for g in parts for v in g.variants)),
                    labels=tuple(dict.fromkeys(label for g in parts for label in g.labels)),
                )
            )
        self.groups = tuple(merged)
        # First term -> [(variant, group)], longest variants first.
        index: dict[str, list[tuple[tuple[str, ...], SynonymGroup]]] = {}
        for group in self.groups:
            for variant in group.variants:
                index.setdefault(variant[0], []).append((variant, group))
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self._index = index

    def match(self, terms: list[str], start: int) -> tuple[int, SynonymGroup] | None:
        """The longest synonym variant starting at terms[start]: (its length, its group)."""
        for variant, group in self._index.get(terms[start], ()):
            if tuple(terms[start : start + len(variant)]) == variant:
                return len(variant), group
        return None

    def group_of(self, variant: tuple[str, ...]) -> SynonymGroup | None:
        for candidate, group in self._index.get(variant[0], ()) if variant else ():
            if candidate == variant:
                return group
        return None


@cache
def base_synonyms() -> SynonymSet:
    return SynonymSet(synonym_groups())


def match_synonym(terms: list[str], start: int) -> tuple[int, SynonymGroup] | None:
    """Matches against the shipped base set only; searches use synonyms.current()."""
    return base_synonyms().match(terms, start)


# -- compounds ----------------------------------------------------------------------------------

MIN_PART = 4
MIN_COMPOUND = 2 * MIN_PART
MAX_OVERLAP = 4
# Dutch joins compound parts with these: arbeid-s-markt, kind-er-en-..., pannen-koek.
LINKING = ("s", "e", "en", "er")


def split_compound(word: str, known: Callable[[str], bool], max_covers: int = 3) -> list[list[str]]:
    """Ways to read `word` (folded, not stemmed) as two or more known index terms.

    A part is a substring of at least four letters whose stem is in the index vocabulary
    (`known`). Parts may be joined by a linking "s"/"e"/"en"/"er" and may overlap a little:
    "jeugdhulpverlener" is both jeugd+hulpverlener and jeugdhulp+hulpverlener (they share
    "hulp"), so a post about a "hulpverlener in de jeugdhulp" is found. Returns the covers with
    the fewest parts (at most `max_covers`), each a list of stems; [] when there is none.
    """
    n = len(word)
    if n < MIN_COMPOUND or not word.isalpha():
        return []
    parts: list[tuple[int, int, str]] = []
    for a in range(0, n - MIN_PART + 1):
        for b in range(a + MIN_PART, n + 1):
            if a == 0 and b == n:
                continue
            stem = stem_word(word[a:b])
            if stem and len(stem) >= MIN_PART - 1 and known(stem):
                parts.append((a, b, stem))
    # covers[end] = the covers of word[:end] with the fewest parts
    covers: dict[int, list[list[tuple[int, int, str]]]] = {}
    for a, b, stem in sorted(parts, key=lambda p: (p[1], p[0])):
        candidates: list[list[tuple[int, int, str]]] = []
        if a == 0:
            candidates.append([(a, b, stem)])
        for end, ways in covers.items():
            if end >= b:
                continue
            joins = a <= end <= a + MAX_OVERLAP or word[end:a] in LINKING
            if joins:
                candidates.extend([*way, (a, b, stem)] for way in ways if way[-1][0] < a)
        if not candidates:
            continue
        fewest = min(len(c) for c in candidates)
        best = [c for c in candidates if len(c) == fewest]
        current = covers.get(b)
        if current is None or len(current[0]) > fewest:
            covers[b] = best[:max_covers]
        elif len(current[0]) == fewest:
            covers[b] = (current + best)[:max_covers]
    found = [way for way in covers.get(n, []) if len(way) >= 2]
    unique = list(dict.fromkeys(tuple(stem for _, _, stem in way) for way in found))
    return [list(way) for way in unique[:max_covers]]


def known_parts(word: str, known: Callable[[str], bool]) -> list[str]:
    """The longest known prefix and suffix of `word`: the loose reading of a compound whose
    other parts the index does not know ("inwerkprogramma" -> ["inwerk"] when no post mentions
    a "programma")."""
    n = len(word)
    if n < MIN_COMPOUND or not word.isalpha():
        return []
    found: list[str] = []
    for b in range(n - 1, MIN_PART - 1, -1):
        stem = stem_word(word[:b])
        if stem and len(stem) >= MIN_PART - 1 and known(stem):
            found.append(stem)
            break
    for a in range(1, n - MIN_PART + 1):
        stem = stem_word(word[a:])
        if stem and len(stem) >= MIN_PART - 1 and known(stem):
            found.append(stem)
            break
    return list(dict.fromkeys(found))
