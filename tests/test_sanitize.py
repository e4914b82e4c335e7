"""Markdown in, safe HTML out: what readers see, and what an attacker cannot get through.

The XSS corpus (tests/data/xss_payloads.txt) comes from a well-known public list; every payload
is rendered as is, inside a link text, as a link URL, inside a heading and inside a table, and
the output is parsed the way a browser parses it (html5lib implements the WHATWG algorithm).
"""

from __future__ import annotations

import gc
import re
import time
from pathlib import Path

import html5lib
import pytest
from markupsafe import Markup

from community.sanitize import (
    ALLOWED_TAGS,
    LINK_REL,
    plain_text,
    render_markdown,
    render_plain,
)

PAYLOAD_FILE = Path(__file__).parent / "data" / "xss_payloads.txt"
PAYLOADS = [
    line
    for line in PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]

# Vectors aimed at markdown itself (links, images, references, autolinks), written for this
# project; the public corpus above is about raw HTML.
MARKDOWN_VECTORS = [
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik]( javascript:alert(1))",
    "[klik](java\tscript:alert(1))",
    "[klik](jav&#x09;ascript:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1))",
    "[klik](javascript&colon;alert(1))",
    "[klik](&#0000106avascript:alert(1))",
    "[klik](\x01javascript:alert(1))",
    "[klik](vbscript:msgbox(1))",
    "[klik](VBScript:msgbox(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](DATA:text/html,<script>alert(1)</script>)",
    "[klik](<javascript:alert(1)>)",
    "[klik][1]\n\n[1]: javascript:alert(1)",
    "[klik][1]\n\n[1]: <javascript:alert(1)> 'titel'",
    "![plaatje](javascript:alert(1))",
    '![plaatje](x" onerror="alert(1))',
    '![plaatje](https://example.org/x.png "a" onerror="alert(1)")',
    '[klik](https://example.org" onclick="alert(1))',
    '[klik](https://example.org "titel\\" onmouseover=\\"alert(1)")',
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "[klik](https://example.org)<!-- <img src=x onerror=alert(1)> -->",
    "<javascript:alert(1)>",
    "<a href='javascript:alert(1)'>klik</a>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://example.org/"onmouseover="alert(1)',
    "www.example.org/<script>alert(1)</script>",
    "`<script>alert(1)</script>`",
    "```\n</code></pre><script>alert(1)</script>\n```",
    '```html" onmouseover="alert(1)\n<b>x</b>\n```',
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<style><img src=x onerror=alert(1)></style>",
    "<form action=javascript:alert(1)><button>verstuur</button></form>",
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "<details open ontoggle=alert(1)>",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
    "> <script>alert(1)</script>\n> [x](javascript:alert(1))",
    "# <img src=x onerror=alert(1)>\n\n## [x](javascript:alert(1))",
    "- <svg onload=alert(1)>\n- ![x](javascript:alert(1))",
    # From the OWASP XSS Filter Evasion Cheat Sheet (not in the line-based list above).
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
]

FORBIDDEN_ELEMENTS = {
    "script", "style", "iframe", "svg", "math", "img", "object", "embed", "form", "noscript",
    "frame", "frameset", "base", "link", "meta", "input", "button", "textarea", "template",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "data", "xlink:href"}
SAFE_SCHEMES = {"http", "https", "mailto"}


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see: it drops control characters, spaces, tabs and newlines."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else None


def parse(html: str):
    return html5lib.parseFragment(html, namespaceHTMLElements=False)


def assert_safe(html: str) -> None:
    """No dangerous element, no event handler, no style, and only web or mail URLs."""
    for element in parse(html).iter():
        if not isinstance(element.tag, str) or element.tag == "DOCUMENT_FRAGMENT":
            continue  # comments are not elements
        name = local_name(element.tag)
        assert name not in FORBIDDEN_ELEMENTS, f"<{name}> in {html!r}"
        assert name in ALLOWED_TAGS, f"<{name}> is not on the allow-list: {html!r}"
        for attribute, value in element.attrib.items():
            attribute = local_name(attribute)
            assert not attribute.startswith("on"), f"{attribute}= in {html!r}"
            assert attribute != "style", f"style= in {html!r}"
            if attribute in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                assert scheme is None or scheme in SAFE_SCHEMES, f"{attribute}={value!r}"
    assert "<!--" not in html


def payload_id(payload: str) -> str:
    return payload[:40]


def test_the_corpus_holds_at_least_100_payloads_from_a_named_source():
    header = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("#") and "payload" in header.lower()
    assert "PayloadsAllTheThings" in PAYLOAD_FILE.read_text(encoding="utf-8").split("\n<")[0]
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS)


CONTEXTS = {
    "as_is": "{}",
    "link_text": "[{}](https://example.org/pagina)",
    "link_url": "[klik hier]({})",
    "heading": "# {}",
    "table_cell": "| kolom |\n|---|\n| {} |",
}


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=payload_id)
def test_corpus_payload_renders_harmless(payload, context):
    assert_safe(render_markdown(CONTEXTS[context].format(payload)))


@pytest.mark.parametrize("vector", MARKDOWN_VECTORS, ids=payload_id)
def test_markdown_vector_renders_harmless(vector):
    assert_safe(render_markdown(vector))


def test_the_whole_corpus_in_one_body_renders_harmless():
    assert_safe(render_markdown("\n\n".join(PAYLOADS + MARKDOWN_VECTORS)))


@pytest.mark.parametrize(
    "source",
    [
        "[klik](javascript:alert(1))",
        "[klik](jav&#x09;ascript:alert(1))",
        "[klik](&#106;avascript:alert(1))",
        "[klik](JAVASCRIPT:alert(1))",
        "[klik](vbscript:msgbox(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_a_link_with_a_forbidden_scheme_keeps_its_text_but_loses_the_link(source):
    html = render_markdown(source)
    assert html == "<p>klik</p>"


def test_raw_html_is_shown_as_text_not_obeyed():
    html = render_markdown('Dit is <b>vet</b> en <a href="/vragen">een link</a>.')
    assert html == (
        '<p>Dit is &lt;b&gt;vet&lt;/b&gt; en &lt;a href="/vragen"&gt;een link&lt;/a&gt;.</p>'
    )


# --- What authors write comes out right ---------------------------------------------------


def test_paragraphs_emphasis_and_line_breaks():
    html = render_markdown("Eerste regel met **vet** en *cursief*  \ntweede regel\n\nNieuwe alinea")
    assert html == (
        "<p>Eerste regel met <strong>vet</strong> en <em>cursief</em><br>\ntweede regel</p>\n"
        "<p>Nieuwe alinea</p>"
    )


def test_tables_keep_their_structure_and_alignment_without_style():
    html = render_markdown(
        "| Jaar | Uitstroom |\n|:-----|----------:|\n| 2016 | 17% |\n| 2020 | 3% |"
    )
    tree = parse(html)
    assert [local_name(e.tag) for e in tree.iter() if isinstance(e.tag, str)][1:5] == [
        "table",
        "thead",
        "tr",
        "th",
    ]
    assert len(tree.findall(".//tbody/tr")) == 2
    assert tree.find(".//td").get("align") == "left"
    assert tree.findall(".//td")[1].get("align") == "right"
    assert "style" not in html


def test_single_column_tables_need_a_pipe_on_every_row():
    table = parse(render_markdown("| Tips |\n| --- |\n| Begin klein |\n| Meet wat je doet |"))
    assert [td.text for td in table.findall(".//td")] == ["Begin klein", "Meet wat je doet"]
    # CommonMark with GFM tables: a blank line ends the table.
    after = parse(render_markdown("| Tips |\n| --- |\n| Begin klein |\n\nGeen rij"))
    assert [td.text for td in after.findall(".//td")] == ["Begin klein"]
    assert after.find("p").text == "Geen rij"


def test_lists_bullets_numbers_and_start_number():
    html = render_markdown("- inwerken\n- behouden\n\n3. derde stap\n4. vierde stap")
    tree = parse(html)
    assert [li.text for li in tree.findall(".//ul/li")] == ["inwerken", "behouden"]
    assert tree.find(".//ol").get("start") == "3"
    assert [li.text for li in tree.findall(".//ol/li")] == ["derde stap", "vierde stap"]


@pytest.mark.parametrize(
    "source, tag",
    [
        ("# Kop", "h2"),
        ("Kop\n===", "h2"),
        ("## Kop", "h2"),
        ("Kop\n---", "h2"),
        ("### Kop", "h3"),
        ("#### Kop", "h4"),
        ("##### Kop", "h4"),
        ("###### Kop", "h4"),
    ],
)
def test_headings_stay_between_h2_and_h4_because_the_page_owns_h1(source, tag):
    assert render_markdown(source) == f"<{tag}>Kop</{tag}>"


def test_fenced_and_indented_code_is_kept_and_escaped_and_never_linkified():
    html = render_markdown(
        "```python\nif a < b and c > d:\n    print('https://example.org')\n```\n\n"
        "    <b>ingesprongen</b> www.example.org\n\nTekst met `<code>` erin."
    )
    tree = parse(html)
    blocks = tree.findall(".//pre/code")
    assert len(blocks) == 2
    assert blocks[0].get("class") == "language-python"
    assert blocks[0].text == "if a < b and c > d:\n    print('https://example.org')\n"
    assert blocks[1].text == "<b>ingesprongen</b> www.example.org\n"
    assert tree.find(".//p/code").text == "<code>"
    assert tree.find(".//a") is None


def test_links_get_rel_nofollow_ugc_noopener_and_never_a_target():
    html = render_markdown(
        '[NJi](https://www.nji.nl "Nederlands Jeugdinstituut") en '
        "[mail ons](mailto:info@example.org)"
    )
    links = parse(html).findall(".//a")
    assert [(a.get("href"), a.get("rel"), a.get("target")) for a in links] == [
        ("https://www.nji.nl", "nofollow ugc noopener", None),
        ("mailto:info@example.org", "nofollow ugc noopener", None),
    ]
    assert links[0].get("title") == "Nederlands Jeugdinstituut"
    assert LINK_REL == "nofollow ugc noopener"


def test_relative_links_and_fragments_are_allowed():
    links = parse(render_markdown("[vraag](/vragen/12) en [boven](#top)")).findall(".//a")
    assert [a.get("href") for a in links] == ["/vragen/12", "#top"]
    assert all(a.get("rel") == LINK_REL for a in links)


def test_bare_urls_become_links_with_rel():
    html = render_markdown(
        "Zie https://www.nji.nl/interventies en www.voorbeeld.nl, of <https://example.org/a?b=c&d=e>."
    )
    links = parse(html).findall(".//a")
    assert [a.get("href") for a in links] == [
        "https://www.nji.nl/interventies",
        "http://www.voorbeeld.nl",
        "https://example.org/a?b=c&d=e",
    ]
    assert all(a.get("rel") == LINK_REL for a in links)


def test_text_that_only_looks_like_a_scheme_is_not_linkified():
    html = render_markdown("data:text/html,hallo en ftp://example.org en feed:nieuws")
    assert all(url_scheme(a.get("href")) in ("http", "https") for a in parse(html).findall(".//a"))
    assert 'href="data' not in html and 'href="ftp' not in html


def test_images_become_plain_links_to_the_picture():
    html = render_markdown("![Teamfoto](https://example.org/team.jpg)")
    assert html == (
        '<p><a href="https://example.org/team.jpg" rel="nofollow ugc noopener">Teamfoto</a></p>'
    )


def test_an_image_inside_a_link_becomes_the_link_text():
    html = render_markdown("[![Logo van het NJi](/logo.png)](https://www.nji.nl)")
    assert html == (
        '<p><a href="https://www.nji.nl" rel="nofollow ugc noopener">Logo van het NJi</a></p>'
    )


def test_blockquote_and_horizontal_rule():
    html = render_markdown("> Een goed begin is het halve werk.\n\n---\n\nVerder")
    assert html == (
        "<blockquote>\n<p>Een goed begin is het halve werk.</p>\n</blockquote>\n<hr>\n<p>Verder</p>"
    )


def test_dutch_text_with_accents_and_typography_is_untouched():
    text = "Eén coördinator, geïnspireerd door ‘café-overleg’ — € 15,50 per cliënt… ½ fte"
    assert render_markdown(text) == f"<p>{text}</p>"


def test_empty_input_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown("  \n\n ") == ""


def test_rendering_is_the_same_every_time():
    # One Markdown instance is reused per thread: state must not leak between calls.
    source = "# Kop\n\n[1]: https://example.org\n\nZie [hier][1]."
    assert render_markdown(source) == render_markdown(source)
    assert "example.org" not in render_markdown("Zie [hier][1].")


def test_links_with_nested_brackets_still_work():
    html = render_markdown("Zie [het rapport [2023]](/rapporten/7) en ![foto [1]](/f.jpg).")
    assert [(a.text, a.get("href")) for a in parse(html).findall(".//a")] == [
        ("het rapport [2023]", "/rapporten/7"),
        ("foto [1]", "/f.jpg"),
    ]


def test_long_link_text_and_targets_still_make_links():
    # markdown-it-py scans brackets in linear time, so long links need no cut-off.
    html = render_markdown("[" + "a" * 600 + "](/x) en [x](/" + "a" * 1200 + ")")
    assert len(parse(html).findall(".//a")) == 2


@pytest.mark.parametrize(
    "source",
    ["[" * 5000, "[[]" * 2000, "[a](" * 2000, "(" * 10000, "![" * 3000],
    ids=["brackets", "nested", "open links", "parens", "images"],
)
def test_runs_of_unclosed_link_syntax_render_as_text(source):
    html = render_markdown(source)
    assert html == f"<p>{source}</p>"


def test_only_sanitize_imports_bleach_and_markdown():
    package = Path(__file__).parent.parent / "community"
    offenders = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if re.search(r"^\s*(?:import|from)\s+(?:bleach|markdown\w*)\b", path.read_text(), re.M)
    ]
    assert offenders == ["sanitize.py"]


# --- No body can stall a worker ---------------------------------------------------------
# Python-Markdown was superlinear on some inputs: 20,000 characters of "a\n=\n" took 1.8 s and
# 100,000 killed a worker. Every pattern below, repeated to the longest body a form accepts, must
# render in time proportional to its length. Measured as ratios of CPU time (min of 3), so a
# busy machine does not make the test flaky: quadratic work would make 4x the text cost 16x.

HOSTILE_PATTERNS = {
    "setext headings": "a\n=\n",
    "thematic breaks": "* * *\n",
    "unclosed fences": "```\n",
    "nested quotes": ">",
    "quoted lines": "> a\n",
    "quoted lists": "> - ",
    "unclosed brackets": "[",
    "nested brackets": "[[]",
    "open links": "[a](",
    "open images": "![",
    "reference links": "[a][",
    "reference definitions": "[a]: /x\n",
    "emphasis starts": "*a",
    "emphasis runs": "**_",
    "mixed emphasis": "*a **b _c ",
    "angle brackets": "<",
    "raw html": "<a>",
    "autolinks": "<http://a",
    "bare urls": "www.example.nl ",
    "entities": "&#",
    "backslashes": "\\",
    "backticks": "`",
    "one-column tables": "|a|\n",
    "tables": "|a|b|\n|-|-|\n",
    "lists": "- a\n",
    "nested lists": "  - a\n",
    "ordered lists": "1. a\n",
    "deep lists": "".join("  " * depth + "- a\n" for depth in range(40)),
    "atx headings": "# a\n",
    "indented code": "    a\n",
    "parentheses": "(",
}
BODY_LENGTH = 20_000


def cpu_seconds(text: str) -> float:
    """The renderer's own CPU time. The garbage collector is off while it runs: its full passes
    cost in proportion to everything the test process holds (after 2,000 tests, a lot), which
    made a linear renderer look superlinear (8.3x for 4x the text in CI; 5.3x alone, 4.1x
    without the collector)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            started = time.process_time()
            render_markdown(text)
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


def repeated(pattern: str, length: int) -> str:
    return (pattern * (length // len(pattern) + 1))[:length]


@pytest.fixture(scope="module")
def ordinary_body_seconds() -> float:
    """A real body of the same length: paragraphs, headings, lists, links and a table."""
    section = (
        "## Inwerken {n}\n\nEen **mentor** in het eerste jaar, zie [de NJi](https://www.nji.nl)."
        "\n\n- vijf uur per week\n- een vast aanspreekpunt\n\n| Jaar | Uitstroom |\n|---|---:|\n"
        "| 2016 | 17% |\n\n> Een goed begin is het halve werk.\n\n"
    )
    body = "".join(section.format(n=n) for n in range(200))[:BODY_LENGTH]
    return cpu_seconds(body)


@pytest.mark.parametrize("pattern", HOSTILE_PATTERNS.values(), ids=list(HOSTILE_PATTERNS))
def test_no_repeated_pattern_renders_superlinearly(pattern, ordinary_body_seconds):
    full = cpu_seconds(repeated(pattern, BODY_LENGTH))
    quarter = cpu_seconds(repeated(pattern, BODY_LENGTH // 4))
    if full > 0.02:  # below 20 ms the ratio is mostly timer noise
        assert full / quarter < 8, f"4x the text took {full / quarter:.1f}x the time"
    # Many small elements cost more than prose, but never more than a bounded factor of an
    # ordinary body of the same length (measured: at most ~12x, for a table per line).
    assert full / ordinary_body_seconds < 25, f"{full / ordinary_body_seconds:.1f}x"


# --- render_plain -------------------------------------------------------------------------


def test_render_plain_escapes_and_keeps_paragraphs_and_line_breaks():
    html = render_plain("Regel één <script>\nregel twee & drie\r\n\r\n\nTweede alinea ")
    assert isinstance(html, Markup)
    assert html == (
        "<p>Regel één &lt;script&gt;<br>\nregel twee &amp; drie</p>\n<p>Tweede alinea</p>"
    )


def test_render_plain_does_not_interpret_markdown():
    assert render_plain("**niet vet** [geen](link)") == "<p>**niet vet** [geen](link)</p>"


def test_render_plain_of_nothing_is_empty():
    assert render_plain("") == ""
    assert render_plain(None) == ""


# --- plain_text ---------------------------------------------------------------------------


def test_plain_text_strips_markdown():
    source = "# Inwerken\n\nEen **goed** begin, zie [de NJi](https://www.nji.nl).\n\n- een\n- twee"
    assert plain_text(source) == "Inwerken Een goed begin, zie de NJi. een twee"


def test_plain_text_strips_stored_html_and_decodes_entities():
    stored = render_markdown(
        "## Kop\n\nTekst & meer <b>niet vet</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert plain_text(stored) == "Kop Tekst & meer <b>niet vet</b> a b 1 2"


def test_plain_text_drops_script_and_style_content():
    assert plain_text("<p>Hallo</p><script>alert(1)</script><style>p{}</style> daar") == (
        "Hallo daar"
    )


def test_plain_text_collapses_whitespace():
    assert plain_text("  veel\t\tspaties \n\n\n en   regels  ") == "veel spaties en regels"


def test_plain_text_truncates_on_a_word_boundary_with_an_ellipsis():
    text = "Het eerste jaar zonder caseload gaf nieuwe collega's rust om te leren."
    assert plain_text(text, limit=30) == "Het eerste jaar zonder…"
    assert plain_text(text, limit=len(text)) == text
    assert plain_text(text, limit=200) == text


def test_plain_text_never_exceeds_the_limit():
    text = plain_text("Een mentor in het eerste jaar, vijf uur per week; de uitstroom daalde.")
    for limit in range(1, len(text) + 2):
        cut = plain_text(text, limit=limit)
        assert len(cut) <= limit
        if len(text) > limit:
            assert cut.endswith("…")
            assert text.startswith(cut[:-1])


def test_plain_text_cuts_a_single_long_word_when_it_must():
    assert plain_text("Arbeidsmarkttafelwerkgroepsverslag", limit=10) == "Arbeidsma…"


def test_plain_text_of_nothing_is_empty():
    assert plain_text("") == ""
    assert plain_text(None, limit=10) == ""


# --- Markdown help ------------------------------------------------------------------------


def test_markdown_help_is_a_details_element_in_dutch(app):
    html = app.jinja_env.get_template("macros/markdown_help.html").render()
    tree = parse(html)
    details = tree.find(".//details")
    assert details is not None and details.find("summary") is not None
    for example in ("**vet**", "*cursief*", "## ", "[", "&gt; ", "- "):
        assert example in html
    assert "style=" not in html and "<script" not in html
