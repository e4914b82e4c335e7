"""How long sanitising and the privacy guard take on realistic input, in ms per call.

    .venv/bin/python benchmarks/sanitize_bench.py [--repeat N]

Why it matters: both run when a post is saved (never per page view), so tens of milliseconds
are fine and hundreds are not. DESIGN.md measured bleach at ~24 ms for 9 KB.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from community.privacy import find_personal_data
from community.sanitize import plain_text, render_markdown

SECTION = """\
## {n}. Werven, selecteren en landen

Bij de Raad voor de Kinderbescherming zagen we dat **17%** van de nieuwe collega's binnen een
jaar weer vertrok. We hebben het inwerken daarom *anders* ingericht: de eerste maand zonder
caseload, vijf uur begeleiding per week en na 90 dagen een vragenlijst. Meer over de aanpak
staat op https://www.voorbeeld.nl/inwerken en in [het verslag](https://example.org/verslag-{n}).

### Wat we deden

- Een mentor voor iedere nieuwe collega, het hele eerste jaar
- Intervisie elke twee weken, met een vaste gespreksleider
- Een *warm welkom*: de werkplek is klaar, het team weet wie er komt
  1. laptop en toegang geregeld
  2. een buddy uit het eigen team

| Jaar | Uitstroom | Verzuim |
|:-----|----------:|--------:|
| 2016 | 17%       | 8%      |
| 2020 | 3%        | 4,5%    |

> "Ik voelde me vanaf dag één welkom." — een jeugdbeschermer na drie maanden

#### Tips voor anderen

Begin klein, meet wat je doet en vertel het verder. Zet de cijfers elk kwartaal op een rij,
bijvoorbeeld met `uitstroom = vertrokken / gestart`, en bespreek ze in het MT.

```
Kwartaal 1: 24 gestart, 1 vertrokken
Kwartaal 2: 18 gestart, 0 vertrokken
```

"""

ORDINARY = (
    "In 2016 was de uitstroom 17%, in 2020 nog 3%. We hebben 2100 medewerkers op 18 locaties. "
    "Het verzuim daalde van 8% naar 4,5%. Op 12 maart 2024 hadden we een teamdag. "
    "Het budget voor 2025 is € 1.250.000, waarvan 15% voor scholing. "
    "We werken van 08.30 tot 17.00 uur. Bel Veilig Thuis gratis op 0800-2000. "
    "Ze woont aan de Kerkstraat, vlak bij het station, en is van 12 tot 18 jaar in zorg. "
)
PERSONAL = (
    "Sanne (geb. 12-03-2014, BSN 123456782) woont op de Kerkstraat 14, 1234 AB Utrecht; "
    "moeder is bereikbaar op 06-12345678 of moeder@example.nl. "
)


CRAFTED = {
    "unclosed [": "[" * 20000,
    "nested [[]": "[[]" * 6666,
    "open links [a](": "[a](" * 5000,
    "open parens (": "(" * 20000,
    "emphasis *a": "*a" * 10000,
    "setext headings": "a\n=\n" * 5000,
}


def markdown_text(size: int) -> str:
    parts: list[str] = []
    n = 1
    while sum(len(p.encode()) for p in parts) < size:
        parts.append(SECTION.format(n=n))
        n += 1
    return "".join(parts)[:size]


def privacy_text(size: int) -> str:
    parts: list[str] = []
    while sum(len(p) for p in parts) < size:
        parts.append(PERSONAL if len(parts) % 10 == 9 else ORDINARY)
    return "".join(parts)[:size]


def measure(name: str, func: Callable[[], object], repeat: int) -> float:
    for _ in range(3):  # warm up: imports, regex compilation, per-thread instances
        func()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000)
    median = statistics.median(timings)
    print(f"{name:<44} {median:8.2f} ms/call (median)  min {min(timings):.2f}  n={repeat}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    repeat = parser.parse_args().repeat

    source = markdown_text(9 * 1024)
    html = render_markdown(source)
    body = privacy_text(20 * 1024)
    print(f"markdown {len(source.encode()) / 1024:.1f} KB -> HTML {len(html) / 1024:.1f} KB;")
    print(f"privacy text {len(body) / 1024:.1f} KB, {len(find_personal_data(body))} findings")
    measure("render_markdown, 9 KB", lambda: render_markdown(source), repeat)
    measure("plain_text(stored HTML, 300), 9 KB", lambda: plain_text(html, 300), repeat)
    measure("find_personal_data, 20 KB", lambda: find_personal_data(body), repeat)

    # Crafted bodies at the 20,000-character limit: what one hostile save or preview costs.
    print("crafted 20,000-character bodies:")
    for name, text in CRAFTED.items():
        measure(f"  render_markdown, {name}", lambda text=text: render_markdown(text), 3)


if __name__ == "__main__":
    main()
