"""Highlighted snippets: the best short stretch of a post's text, with the matched words marked.

Everything is escaped; only our own <mark> elements are markup. Words match when their stem is
one of the query's terms (so "vragen" is marked for the query "vraag"), or when one of the word's
compound parts is ("jeugdhulpverlener" for the query "hulpverlener").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup, escape

from community.search.analysis import WORD_PATTERN, fold, stem_word, word_terms
from community.search.lexicon import MIN_SPLIT

_WORD = re.compile(WORD_PATTERN)
WINDOW = 32  # words in a snippet
MAX_PLAIN = 220  # characters when nothing matched


@lru_cache(maxsize=256)
def _inside(terms: frozenset[str]) -> re.Pattern | None:
    """Finds any of the terms (of three letters or more) inside a word, in one regex pass."""
    longer = sorted((t for t in terms if len(t) >= 3), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, longer))) if longer else None


def _hit(word: str, terms: frozenset[str]) -> bool:
    if stem_word(word) in terms:
        return True
    # A compound's parts are looked up only when a term could be inside the word at all.
    folded = fold(word)
    if len(folded) < MIN_SPLIT:
        return False
    inside = _inside(terms)
    return (
        inside is not None
        and inside.search(folded) is not None
        and not terms.isdisjoint(word_terms(word))
    )


def _matches(
    text: str, terms: frozenset[str], seen: dict[str, bool]
) -> list[tuple[int, int, bool]]:
    found = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        hit = seen.get(word)
        if hit is None:
            hit = seen[word] = _hit(word, terms)
        found.append((m.start(), m.end(), hit))
    return found


def highlight(
    text: str, terms: Iterable[str], seen: dict[str, bool] | None = None
) -> tuple[Markup, int]:
    """(snippet, number of distinct matched words) for one text. `seen`: words already judged
    against the same terms (a post's parts and replies repeat most of their words)."""
    terms = frozenset(terms)
    words = _matches(text, terms, {} if seen is None else seen)
    if not words:
        return Markup(""), 0
    hits = [i for i, (_, _, hit) in enumerate(words) if hit]
    best_start, best_score = 0, 0
    for first in hits:
        window = words[first : first + WINDOW]
        score = len({text[a:b].lower() for a, b, hit in window if hit})
        if score > best_score:
            best_start, best_score = first, score
    # Start a few words before the first match, so it is read in context.
    best_start = max(0, best_start - 4) if best_score else 0
    window = words[best_start : best_start + WINDOW]
    begin, end = window[0][0], window[-1][1]
    if best_start == 0:
        begin = 0
    out: list[str] = ["…" if begin > 0 else ""]
    cursor = begin
    for a, b, hit in window:
        if hit:
            out.append(str(escape(text[cursor:a])))
            out.append(f"<mark>{escape(text[a:b])}</mark>")
            cursor = b
    rest = text[end:]
    if _WORD.search(rest):
        out.append(str(escape(text[cursor:end])) + "…")
    else:  # only punctuation left: show it
        out.append(str(escape(text[cursor:].rstrip())))
    return Markup("".join(out)), max(best_score, 0)


def best_snippet(
    parts: list[tuple[str, str]], terms: Iterable[str], seen: dict[str, bool] | None = None
) -> tuple[str, Markup]:
    """(label, snippet) from the part of a post that matches best; the first part otherwise.
    `seen`: shared by the posts of one search (same terms), so each word is judged once."""
    terms = frozenset(terms)
    seen = {} if seen is None else seen
    best: tuple[int, str, Markup] | None = None
    for label, text in parts:
        snippet, score = highlight(text, terms, seen)
        if best is None or score > best[0]:
            best = (score, label, snippet)
    if best is None:
        return "", Markup("")
    if best[0] == 0 and parts:
        label, text = parts[0]
        short = text if len(text) <= MAX_PLAIN else text[:MAX_PLAIN].rsplit(" ", 1)[0] + " …"
        return label, Markup(escape(short))
    return best[1], best[2]
