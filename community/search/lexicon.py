"""What the search knows about Dutch words, from real lexicons instead of hand-kept lists.

- `lemma(word)`: simplemma's Dutch dictionary ("ingewerkt" -> "inwerken", "gesprekje" ->
  "gesprek"), plus two grammar rules for what it leaves alone: diminutives (-je, -tje, -pje,
  -etje, -jes) reach a base word the lexicon knows, and forms of separable verbs ("inwerkt",
  "opgepakt") reach their infinitive when the lexicon knows it.
- `separable_verb(verb, particle)`: a split separable verb typed in a query joined again
  ("werkte" + "in" -> "inwerkte", which `lemma` reads as "inwerken"), when the lexicon knows
  the joined verb.
- `split(word)`: a compound's parts, judged by wordfreq's Dutch word frequencies: a split is
  taken when its parts are real words that together are more common than the whole word
  (Koehn & Knight's geometric-mean rule), with the linking letters -s-, -e-, -en-.

Both libraries ship their data in the wheel (no downloads). Their tables are loaded once per
process, on first use (about 2 s and 90 MB together). This module, analysis.py and the rest of
community/search are the only places that import them.
"""

from __future__ import annotations

import gc
from functools import cache, lru_cache

MIN_PART = 4
MIN_SPLIT = 7  # shorter words are not split
MIN_ZIPF = 2.5  # a part must be at least this common (zipf scale: 3 = once per million words)
SPLIT_MARGIN = 0.25  # the parts must be clearly more common than the whole word
KNOWN_ZIPF = 2.0  # a word at least this common is a word, not a typo ("Bedoelde je")
LINKS = ("", "s", "en", "e")
# Separable-verb particles and prepositions: a closed class of grammar words. They start many
# derived words ("onderzoek", "samenwerking", "overleg") that are not compounds of two nouns.
PARTICLES = frozenset(
    {
        *("aan", "af", "achter", "bij", "binnen", "buiten", "door", "in", "mee", "na", "om"),
        *("onder", "op", "over", "samen", "tegen", "terug", "toe", "uit", "vast", "voor", "weg"),
    }
)
DIMINUTIVES = ("etjes", "etje", "tjes", "pjes", "jes", "tje", "pje", "je")


@cache
def frequencies() -> dict[str, float]:
    """Dutch word -> zipf frequency, for words at least KNOWN_ZIPF common (no rule here looks at
    rarer ones). Read from wordfreq's buckets (bucket i holds the words of zipf 9 - i/100)
    without keeping its full table of 300,000 words in memory."""
    from wordfreq import get_frequency_list

    buckets = get_frequency_list("nl", wordlist="large")
    found = {
        word: round(9 - index / 100, 2)
        for index, bucket in enumerate(buckets[: int((9 - KNOWN_ZIPF) * 100) + 1])
        for word in bucket
        if word.isalpha()
    }
    get_frequency_list.cache_clear()
    return found


def warm() -> None:
    """Load both lexicons now rather than at the first search that needs them (a web worker
    does this beside its first request), then take what the process holds so far out of the
    garbage collector's full passes (`gc.freeze`): the lexicons and the imported code are some
    180,000 objects that live as long as the worker, and every full collection walked them all.
    Measured at 100,000 posts: pauses of 66-109 ms in the middle of searches before, 9-21 ms
    after. Frozen objects are still freed when nothing refers to them."""
    frequencies()
    lemma("ingewerkt")
    _known()("inwerken", lang="nl")
    gc.freeze()


def zipf(word: str) -> float:
    return frequencies().get(word, 0.0)


@cache
def _lemmatizer():
    import simplemma

    return simplemma.lemmatize


@lru_cache(maxsize=100_000)
def lemma(word: str) -> str:
    """The dictionary form of a folded word; the word itself when nothing better is known."""
    if not word.isalpha() or len(word) < 3:
        return word
    found = word
    for _ in range(2):  # "uitgelegd" -> "uitleggen" -> "uitleg": the same term for all three
        step = _lemmatizer()(found, lang="nl").replace("_", "").lower()
        if not step.isalpha() or step == found:
            break
        found = step
    base = _diminutive_base(found)
    if base:
        return base
    if found == word:
        return _separable_infinitive(word) or word
    return found


def separable_verb(verb: str, particle: str) -> str | None:
    """ "werkte", "in" -> "inwerkte": the particle back in front of the verb form, as a
    subordinate clause writes it ("dat zij inwerkte"), so that `lemma` and the index read it as
    they read the joined verb. None when the lexicon knows no such verb ("werkte", "voor" is
    "voorwerken", which it knows; "loopt", "stage" has no particle)."""
    if particle not in PARTICLES or not verb.isalpha() or len(verb) < 2:
        return None
    joined = particle + verb
    base = lemma(joined)
    if base != joined and base.startswith(particle) and _is_verb_known(base):
        return joined
    infinitive = particle + lemma(verb)  # "nam" -> "nemen" -> "opnemen"
    if lemma(verb) != verb and _is_verb_known(infinitive):
        return infinitive
    return None


def _is_verb_known(word: str) -> bool:
    return zipf(word) >= KNOWN_ZIPF or _known()(word, lang="nl")


def _diminutive_base(word: str) -> str | None:
    """ "gesprekje" -> "gesprek", "belletjes" -> "bel", "teampje" -> "team" (when known)."""
    for ending in DIMINUTIVES:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            candidates = [base]
            if ending.startswith("e") and len(base) > 3 and base[-1] == base[-2]:
                candidates.append(base[:-1])  # "belletje" -> "bell" -> "bel"
            for candidate in candidates:
                if zipf(candidate) >= 3.0 and zipf(candidate) >= zipf(word):
                    return candidate
    return None


def _separable_infinitive(word: str) -> str | None:
    """Forms of separable verbs: "inwerkt" -> "inwerken", "opgepakt" -> "oppakken".

    A candidate infinitive counts only when wordfreq knows it better than the word itself.
    """
    if len(word) < 6:
        return None
    candidates: list[str] = []
    for particle in PARTICLES:
        if not word.startswith(particle):
            continue
        rest = word[len(particle) :]
        if len(rest) < 4:
            continue
        if rest.startswith("ge") and len(rest) > 4 and rest[-1] in "td":
            stem = rest[2:-1]  # in-ge-werk-t
            candidates += _infinitives(particle, stem)
        if rest[-1] == "t" and len(rest) > 3:  # hij werkt in -> "inwerkt" in a subordinate clause
            candidates += _infinitives(particle, rest[:-1])
    best = max(candidates, key=zipf, default=None)
    if best and zipf(best) >= 2.0 and zipf(best) > zipf(word):
        return best
    return None


def _infinitives(particle: str, stem: str) -> list[str]:
    """Spellings the infinitive may have; wordfreq decides which one is a word."""
    if len(stem) < 2:
        return []
    forms = [stem + "en", stem + stem[-1] + "en"]  # werk-en, pak-ken
    if len(stem) > 2 and stem[-2] == stem[-3] and stem[-2] in "aeou":
        forms.append(stem[:-2] + stem[-1] + "en")  # praat -> praten
    if stem[-1] in "fs":
        forms.append(stem[:-1] + ("v" if stem[-1] == "f" else "z") + "en")  # leef -> leven
    return [particle + form for form in forms]


@cache
def _known():
    from simplemma import is_known

    return is_known


def _part_zipf(part: str, last: bool) -> float:
    """How common a part is as a Dutch word (simplemma must know it: wordfreq's list also has
    English words and names); a first part may be a verb stem ("inwerk-programma") or a
    particle with a word ("uit-huis-plaatsing")."""
    if part in PARTICLES:
        return 0.0
    value = zipf(part) if _known()(part, lang="nl") else 0.0
    if last:  # a plural head: "werk-begeleidingen"
        for ending in ("en", "s"):
            base = part.removesuffix(ending)
            if base != part and len(base) >= MIN_PART and _known()(base, lang="nl"):
                value = max(value, zipf(base))
    if not last:
        value = max(value, zipf(part + "en") - 0.5)
        for particle in PARTICLES:
            rest = part[len(particle) :]
            if part.startswith(particle) and len(rest) >= MIN_PART:
                value = max(value, _part_zipf(rest, last=False) - 0.5)
    return value


@lru_cache(maxsize=100_000)
def split(word: str) -> tuple[str, ...]:
    """All parts of a compound, whole sub-compounds included: "jeugdhulpverlener" ->
    ("jeugd", "hulpverlener"), "gezinsvoogd" -> ("gezin", "voogd"); () for no compound."""
    if len(word) < MIN_SPLIT or not word.isalpha():
        return ()
    best: tuple[float, str, str] | None = None
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        left = word[:i]
        left_zipf = _part_zipf(left, last=False)
        if left_zipf < MIN_ZIPF:
            continue
        rest = word[i:]
        for link in LINKS:
            if not rest.startswith(link):
                continue
            right = rest[len(link) :]
            if len(right) < MIN_PART:
                continue
            right_zipf = _part_zipf(right, last=True)
            if right_zipf < MIN_ZIPF and split(right):
                right_zipf = MIN_ZIPF  # a compound itself: "jeugd|hulpverlenerstraining"
            if right_zipf < MIN_ZIPF:
                continue
            score = (left_zipf + right_zipf) / 2
            if best is None or score > best[0]:
                best = (score, left, right)
    if best is None or best[0] <= zipf(word) + SPLIT_MARGIN:
        return ()
    _score, left, right = best
    # Parts are split again in their dictionary form: "begeleidingen" is "begeleiding", whole.
    parts = [left, right, *split(lemma(right)), *split(lemma(left))]
    return tuple(dict.fromkeys(p for p in parts if p != word))
