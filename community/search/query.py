"""The query language of the search box, and how it becomes a Whoosh query.

What people may type:

    inwerken buddy           both words (in any form: "inwerkt", "buddy's")
    "warme overdracht"       the phrase
    inwerken -stage          without "stage"
    mentor OR buddy          either

Anything else is read as words: unbalanced quotes close at the end, lone operators and symbols
are ignored, control characters are dropped, and the input is cut at MAX_QUERY_CHARS. Parsing
never fails; a query that says nothing searches nothing.

Each word also finds its synonyms (synonyms.txt), the compounds it is a part of (indexed as
"~part", weighted lower: "hulpverlener" finds "jeugdhulpverlener"), and, for a compound, the
posts that use its parts: "jeugdhulpverlener" finds "hulpverlener in de jeugdhulp"
(analysis.split_compound).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh import query as wq

from community.search import lexicon
from community.search.analysis import (
    LINKING,
    MIN_PART,
    PART,
    SynonymSet,
    base_synonyms,
    fold,
    known_parts,
    split_compound,
    stems,
)

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 16
COMPOUND_BOOST = 0.8
PART_BOOST = 0.3
PREFIX_BOOST = 0.6
MIN_PREFIX = 5  # shorter stems ("werk", "zorg") start too many unrelated compounds
SYNONYM_BOOST = 0.9
# "werkte in": the separable verb "inwerken" first, the verb "werken" on its own below it.
SEPARATED_VERB_BOOST = 0.5
# A word found only inside a compound ("hulpverlener" in "jeugdhulpverlener"): it matches, but
# below a post that has the word itself (engine.py gives both the same idf).
INDEXED_PART_BOOST = 0.5

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORDISH = re.compile(r"\w")


@dataclass
class Clause:
    text: str
    phrase: bool = False
    negated: bool = False
    # A verb and the particle typed after it, joined ("werkte in" -> "inwerkte"): the builder
    # makes these, parse() never does.
    joined: str | None = None

    def to_string(self) -> str:
        body = f'"{self.text}"' if self.phrase else self.text
        return f"-{body}" if self.negated else body


@dataclass
class ParsedQuery:
    """AND of OR-groups of clauses, minus the negated clauses."""

    groups: list[list[Clause]] = field(default_factory=list)
    negated: list[Clause] = field(default_factory=list)
    text: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing in it can be searched for (only stop words, symbols...)."""
        return not any(stems(c.text) for group in self.groups for c in group) and not any(
            stems(c.text) for c in self.negated
        )

    def words(self) -> list[Clause]:
        return [c for group in self.groups for c in group if not c.phrase]

    def to_string(self, replace: dict[str, str] | None = None) -> str:
        replace = replace or {}

        def render(clause: Clause) -> str:
            if clause.phrase:
                return clause.to_string()
            return Clause(replace.get(clause.text, clause.text), negated=clause.negated).to_string()

        parts = [" OR ".join(render(c) for c in group) for group in self.groups]
        parts += [render(c) for c in self.negated]
        return " ".join(parts)


def clean(raw: str | None) -> str:
    """The query as we will read it: printable, single-spaced, at most MAX_QUERY_CHARS."""
    text = "".join(
        ch if unicodedata.category(ch)[0] != "C" else " "
        for ch in (raw or "")[: MAX_QUERY_CHARS * 4]
    )
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    return text


def parse(raw: str | None) -> ParsedQuery:
    text = clean(raw)
    parsed = ParsedQuery(text=text)
    pending_or = False
    count = 0
    for match in _TOKEN.finditer(text):
        if count >= MAX_CLAUSES:
            break
        minus, quoted, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                pending_or = bool(parsed.groups)
                continue
            negated = bare.startswith("-") and len(bare) > 1
            word = bare.lstrip("-+")
            if not _WORDISH.search(word):
                continue
            clause = Clause(word, negated=negated)
        else:
            phrase = " ".join(quoted.split())
            if not _WORDISH.search(phrase):
                continue
            clause = Clause(phrase, phrase=len(stems(phrase)) > 1, negated=bool(minus))
        count += 1
        if clause.negated:
            parsed.negated.append(clause)
            pending_or = False
        elif pending_or:
            parsed.groups[-1].append(clause)
            pending_or = False
        else:
            parsed.groups.append([clause])
    return parsed


# -- building the Whoosh query -----------------------------------------------------------------

CONTENT = "content"


def term(text: str, boost: float = 1.0) -> wq.Query:
    return wq.Term(CONTENT, text, boost=boost)


def phrase(terms: list[str] | tuple[str, ...], boost: float = 1.0) -> wq.Query:
    if len(terms) == 1:
        return term(terms[0], boost)
    return wq.Phrase(CONTENT, list(terms), boost=boost)


@dataclass
class Expansion:
    """What a query was widened with, for highlighting and for the page."""

    terms: set[str] = field(default_factory=set)
    synonyms: list[str] = field(default_factory=list)
    compounds: dict[str, list[list[str]]] = field(default_factory=dict)
    boosts: list[str] = field(default_factory=list)  # terms as typed: they score in title/summary


class QueryBuilder:
    """Turns a ParsedQuery into Whoosh queries against one searcher's vocabulary.

    `build()` gives the query that decides *which* posts match (on `content` only); the
    ranking (engine.most_relevant) also scores the typed words (`expansion.boosts`) in the
    title and summary.

    Modes: "all" words must match (the normal search); "most" is the second try when that finds
    nothing (all words but one, and a compound's known parts on their own); "any" is for
    similar questions (any of the words).
    """

    def __init__(
        self, known: Callable[[str], bool], mode: str = "all", synonyms: SynonymSet | None = None
    ):
        self.known = known  # a Vocabulary, or any callable (then without prefix compounds)
        self.mode = mode
        self.expansion = Expansion()
        # synonyms.current() for a search; the shipped base set when none is given.
        self.synonyms = synonyms if synonyms is not None else base_synonyms()

    def build(self, parsed: ParsedQuery) -> wq.Query | None:
        positives = [q for q in (self._group(g) for g in self._with_synonyms(parsed.groups)) if q]
        negatives = [self._clause(c, expand=False) for c in parsed.negated]
        negatives = [q for q in negatives if q is not None]
        if positives:
            query = self._combine(positives)
        elif negatives:
            query = wq.Every()
        else:
            return None
        if negatives:
            query = wq.AndNot(query, negatives[0] if len(negatives) == 1 else wq.Or(negatives))
        return query

    def _combine(self, positives: list[wq.Query]) -> wq.Query:
        if len(positives) == 1:
            return positives[0]
        if self.mode == "any" or (self.mode == "most" and len(positives) == 2):
            return wq.Or(positives)
        if self.mode == "most":  # every combination that leaves out one word
            return wq.Or(
                [wq.And(positives[:i] + positives[i + 1 :]) for i in range(len(positives))]
            )
        return wq.And(positives)

    # Synonyms may span several words ("raad voor de kinderbescherming"), so they are matched
    # over the run of single-word groups before each group becomes a query.
    def _with_synonyms(self, groups: list[list[Clause]]) -> list:
        out: list = []
        i = 0
        while i < len(groups):
            run_end = i
            while (
                run_end < len(groups)
                and len(groups[run_end]) == 1
                and not groups[run_end][0].phrase
            ):
                run_end += 1
            if run_end == i:
                out.append(groups[i])
                i += 1
                continue
            out.extend(self._synonym_run(join_separable([g[0] for g in groups[i:run_end]])))
            i = run_end
        return out

    def _synonym_run(self, clauses: list[Clause]) -> list:
        terms: list[str] = []
        owner: list[int] = []  # terms[k] comes from clauses[owner[k]]
        for index, clause in enumerate(clauses):
            for t in clause_terms(clause):
                terms.append(t)
                owner.append(index)
        out: list = []
        done_until = 0
        k = 0
        while k < len(terms):
            found = self.synonyms.match(terms, k)
            if found:
                length, synonyms = found
                first, last = owner[k], owner[k + length - 1]
                starts = k == 0 or owner[k - 1] != first
                ends = k + length == len(terms) or owner[k + length] != last
                if starts and ends:
                    out.extend([c] for c in clauses[done_until:first])
                    out.append(("synonyms", synonyms, clauses[first : last + 1]))
                    done_until = last + 1
                    k += length
                    continue
            k += 1
        out.extend([c] for c in clauses[done_until:])
        return out

    def _group(self, group) -> wq.Query | None:
        if isinstance(group, tuple):
            _, synonyms, clauses = group
            self.expansion.synonyms.extend(synonyms.labels)
            typed_terms = tuple(t for c in clauses for t in clause_terms(c))
            variants = []
            # The words as typed stay in, so a compound among them is still split.
            typed = [q for q in (self._clause(c, synonyms=False) for c in clauses) if q is not None]
            if typed:
                variants.append(typed[0] if len(typed) == 1 else wq.And(typed))
            for variant in synonyms.variants:
                if variant != typed_terms:
                    self.expansion.terms.update(variant)
                    variants.append(phrase(variant, SYNONYM_BOOST))
            return variants[0] if len(variants) == 1 else wq.Or(variants)
        queries = [q for q in (self._clause(c) for c in group) if q is not None]
        if not queries:
            return None
        return queries[0] if len(queries) == 1 else wq.Or(queries)

    def _clause(
        self, clause: Clause, expand: bool = True, synonyms: bool = True
    ) -> wq.Query | None:
        if clause.joined:
            return self._separated_verb(clause, synonyms)
        terms = stems(clause.text)
        if not terms:
            return None
        if clause.phrase or len(terms) > 1:
            if expand:
                self.expansion.terms.update(terms)
                self.expansion.boosts.extend(terms)
            return phrase(terms)
        stem = terms[0]
        if not expand:
            return term(stem)
        self.expansion.terms.add(stem)
        self.expansion.boosts.append(stem)
        alternatives = [term(stem), term(PART + stem, INDEXED_PART_BOOST)]
        # A one-word synonym ("GI", "buddy") typed inside an OR group or alone.
        found = self.synonyms.match(terms, 0) if synonyms else None
        if found and found[0] == 1:
            for variant in found[1].variants:
                if variant != (stem,):
                    self.expansion.terms.update(variant)
                    alternatives.append(phrase(variant, SYNONYM_BOOST))
            self.expansion.synonyms.extend(found[1].labels)
        word = fold(clause.text)
        covers = split_compound(word, self.known)
        if covers:
            self.expansion.compounds[clause.text] = covers
        for cover in covers:
            self.expansion.terms.update(cover)
            alternatives.append(wq.And([term(p, COMPOUND_BOOST) for p in cover]))
        # Compounds that start with the word: "inwerken" finds "inwerkprogramma".
        if len(stem) >= MIN_PREFIX and hasattr(self.known, "compounds_starting_with"):
            for compound in self.known.compounds_starting_with(stem):
                self.expansion.terms.add(compound)
                alternatives.append(term(compound, PREFIX_BOOST))
        if self.mode != "all":
            parts = dict.fromkeys(
                [p for cover in covers for p in cover] + known_parts(word, self.known)
            )
            for part in parts:
                if part != stem:
                    self.expansion.terms.add(part)
                    alternatives.append(term(part, PART_BOOST))
        return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)

    def _separated_verb(self, clause: Clause, synonyms: bool) -> wq.Query | None:
        """ "werkte in": the joined verb ("inwerken", and what it is a part of or a synonym
        of), or, lower, the words as typed ("werken" with "in" dropped as a stop word)."""
        joined = self._clause(Clause(clause.joined or ""), synonyms=synonyms)
        words = [q for q in (self._clause(Clause(w)) for w in clause.text.split()) if q]
        if not words:
            return joined
        typed = wq.Or([words[0] if len(words) == 1 else wq.And(words)], boost=SEPARATED_VERB_BOOST)
        return typed if joined is None else wq.Or([joined, typed])


def clause_terms(clause: Clause) -> list[str]:
    return stems(clause.joined or clause.text)


def join_separable(clauses: list[Clause]) -> list[Clause]:
    """A particle typed after a verb joins it: "werkte in" -> one clause for "inwerkte" (which
    the lexicon reads as "inwerken"), "werkte hij in" too (stop words between them are skipped).
    Only plain words are joined (not phrases or OR groups); the particles are a closed class of
    grammar words (lexicon.PARTICLES), the verbs are whatever the lexicon knows."""
    out: list[Clause] = []
    for clause in clauses:
        particle = fold(clause.text)
        verb_at = _last_word(out) if particle in lexicon.PARTICLES else None
        if verb_at is not None:
            verb = out[verb_at]
            joined = lexicon.separable_verb(fold(verb.text), particle)
            if joined:
                out[verb_at] = Clause(f"{verb.text} {clause.text}", joined=joined)
                continue
        out.append(clause)
    return out


def _last_word(clauses: list[Clause]) -> int | None:
    """The last clause before a particle that is a searchable word, stop words skipped."""
    for index in range(len(clauses) - 1, -1, -1):
        clause = clauses[index]
        if clause.joined or clause.phrase:
            return None
        if stems(clause.text):
            return index
    return None


class Vocabulary:
    """What the index knows, per searcher: `vocab(term)` and compounds that start with a term.

    Lookups are memoised in `memo` (kept with the cached searcher until the index changes).
    """

    SCAN = 300  # terms looked at per prefix, at most
    LONG_HEAD = 6

    MEMO_LIMIT = 50_000

    def __init__(self, searcher, memo: dict | None = None):
        self.reader = searcher.reader()
        self.memo = {} if memo is None else memo
        if len(self.memo) > self.MEMO_LIMIT:  # an index that does not change for weeks
            self.memo.clear()

    def __call__(self, text: str) -> bool:
        hit = self.memo.get(text)
        if hit is None:
            hit = self.memo[text] = (CONTENT, text) in self.reader
        return hit

    def compounds_starting_with(self, stem: str, limit: int = 8) -> list[str]:
        """Index terms that are `stem` + another word: "inwerk" -> ["inwerkprogramma"]."""
        key = ("+", stem)
        found = self.memo.get(key)
        if found is not None:
            return found
        found = []
        for scanned, raw in enumerate(self.reader.expand_prefix(CONTENT, stem)):
            if scanned >= self.SCAN or len(found) >= limit:
                break
            text = raw.decode("utf-8")
            if text == stem:
                continue
            rest = text[len(stem) :]
            heads = [rest] + [rest[len(link) :] for link in LINKING if rest.startswith(link)]
            # The rest must read as a word of its own: known to the index, or long enough
            # not to be a suffix ("inwerk-ing" is a derivation, "inwerk-programma" a compound).
            if any(
                len(head) >= MIN_PART and (len(head) >= self.LONG_HEAD or self(head))
                for head in heads
            ):
                found.append(text)
        self.memo[key] = found
        return found


def vocabulary(searcher, memo: dict | None = None) -> Vocabulary:
    return Vocabulary(searcher, memo)
