"""The stylesheet stays laid out as components: each rule's selector list is declared once (in its
@media context), and width-dependent rules use at most four breakpoints. site.css once held 25
selector lists declared two to four times (`.notice` four times, in conflicting colours) and
@media blocks at ten widths; a reader could not tell which rule won."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

SITE_CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "site.css"
MAX_BREAKPOINTS = 4


def split_selectors(head: str) -> list[str]:
    """`a, b:is(c, d)` -> ["a", "b:is(c, d)"]: commas inside brackets do not separate."""
    parts, depth, current = [], 0, ""
    for char in head:
        depth += char in "(["
        depth -= char in ")]"
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [" ".join(part.split()) for part in [*parts, current]]


def rules(css: str) -> list[tuple[str, frozenset[str]]]:
    """(enclosing @media condition or "", the rule's selectors) for every style rule."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found, stack, text = [], [], ""
    for char in css:
        if char == "{":
            stack.append(" ".join(text.split()))
            text = ""
        elif char == "}":
            head = stack.pop()
            if not head.startswith("@"):
                found.append((" ".join(stack), frozenset(split_selectors(head))))
            text = ""
        else:
            text += char
    return found


def breakpoints(css: str) -> set[int]:
    """Widths in @media conditions; 1023.98px and 1024px are the same breakpoint."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    conditions = re.findall(r"@media([^{]*)\{", css)
    return {math.ceil(float(w)) for c in conditions for w in re.findall(r"([\d.]+)px", c)}


def test_the_parser_sees_repeated_selector_lists_and_breakpoints():
    css = """
    .a, .b { color: red; } /* .a { } */
    .b, .a { margin: 0; }
    :is(.x, .y) > * { min-width: 0; }
    @media (max-width: 599.98px) { .a, .b { color: blue; } }
    @media (min-width: 600px) and (max-width: 899px) { .c { color: blue; } }
    """
    repeated = [k for k, n in Counter(rules(css)).items() if n > 1]
    assert repeated == [("", frozenset({".a", ".b"}))]
    assert ("", frozenset({":is(.x, .y) > *"})) in rules(css)
    assert breakpoints(css) == {600, 899}


def test_each_selector_list_is_declared_once_per_context():
    repeated = [
        f"{', '.join(sorted(selectors))} ({context or 'top level'}): {n} times"
        for (context, selectors), n in Counter(rules(SITE_CSS.read_text())).items()
        if n > 1
    ]
    assert not repeated, "declared more than once in site.css:\n" + "\n".join(repeated)


def test_at_most_four_breakpoints():
    widths = breakpoints(SITE_CSS.read_text())
    assert len(widths) <= MAX_BREAKPOINTS, f"@media widths in site.css: {sorted(widths)}"
