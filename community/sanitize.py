"""Markdown in, safe HTML out: the one door to bleach and markdown.

Why one module: bleach 6.4 is its final release, so every use of it sits behind these few
functions and can be replaced in one place. Sanitise once, when saving: rendering a 9 KB body
costs 14-25 ms (DESIGN.md measured ~24 ms; see benchmarks/sanitize_bench.py), so store the HTML
`render_markdown` returns and show that; never render per request. The Content-Security-Policy
(`security.py`) is the second wall, not the first.

- `render_markdown(text)` for bodies (posts, replies): markdown with tables, fenced code and
  sane lists; raw HTML in the source is shown as text, never trusted; the result is cleaned with
  an explicit allow-list and every link gets `rel="nofollow ugc noopener"`.
- `render_plain(text)` for short fields such as a summary: escaped, with paragraphs and line
  breaks, no markup.
- `plain_text(html_or_markdown, limit)` for search snippets, meta descriptions and mail.
"""

from __future__ import annotations

import html
import re
import threading
from functools import partial
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

import bleach
import markdown
from bleach.linkifier import LinkifyFilter, build_url_re
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension, TableProcessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

__all__ = [
    "ALLOWED_PROTOCOLS",
    "ALLOWED_TAGS",
    "LINK_REL",
    "plain_text",
    "render_markdown",
    "render_plain",
]

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "em", "strong", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "code", "pre",
        "table", "thead", "tbody", "tr", "th", "td", "a", "hr",
    }
)  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# The page has its own h1, and the allow-list stops at h4.
_HEADING_LEVELS = {"h1": "h2", "h5": "h4", "h6": "h4"}
_CODE_CLASS = re.compile(r"language-[A-Za-z0-9_+-]{1,30}")
_DIGITS = re.compile(r"\d{1,4}")
# Linkify only web addresses: bleach's default list also turns "data:..." and "feed:..." text
# into links, after the sanitiser has already run. Its pattern starts with `\(*` at every
# position, so a run of 20,000 "(" took 8 s; starting only at the first "(" of a run is linear.
_BLEACH_URL_RE = build_url_re(protocols=["http", "https"])
_LINKIFY_URL_RE = re.compile(r"(?<!\()" + _BLEACH_URL_RE.pattern, _BLEACH_URL_RE.flags)
# What browsers ignore inside a URL scheme (tabs, newlines, control characters, spaces).
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\xa0\s]+")


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    """Attributes by tag; values are checked where markdown only ever writes a known shape."""
    if tag == "a":
        return name in ("href", "title")
    if tag in ("th", "td"):
        return name == "align" and value in ("left", "center", "right")
    if tag == "ol":
        return name == "start" and bool(_DIGITS.fullmatch(value))
    if tag == "code":
        return name == "class" and bool(_CODE_CLASS.fullmatch(value))
    return False


def _is_safe_href(href: str) -> bool:
    """Relative links, fragments, and http/https/mailto; whatever the entities or spacing."""
    value = _URL_NOISE.sub("", html.unescape(href))
    if not value:
        return False
    if value.startswith("//"):  # protocol-relative: same rules as an absolute URL
        value = "https:" + value
    try:
        scheme = urlsplit(value).scheme
    except ValueError:
        return False
    if not scheme:
        return ":" not in value.split("/", 1)[0] or value.startswith(("#", "?"))
    return scheme.lower() in ALLOWED_PROTOCOLS


def _link_attributes(attrs: dict, new: bool = False) -> dict | None:
    """Every link: a safe href and our rel, never a target. A link without href becomes text."""
    href = attrs.get((None, "href"))
    if not href or not _is_safe_href(href):
        return None
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


class _UntrustedSourceTreeprocessor(Treeprocessor):
    """Demote headings (the page owns h1) and turn images into plain links to them."""

    def run(self, root: ElementTree.Element) -> None:
        in_links = {id(img) for a in root.iter("a") for img in a.iter("img")}
        for element in root.iter():
            if element.tag in _HEADING_LEVELS:
                element.tag = _HEADING_LEVELS[element.tag]
            elif element.tag == "img":
                src = element.get("src", "")
                element.text = element.get("alt") or src
                element.attrib.clear()
                if id(element) in in_links:
                    element.tag = "span"  # not allowed: bleach keeps only its text
                else:
                    element.tag = "a"
                    element.set("href", src)


# python-markdown looks for the "]" and ")" that close a link by scanning to the end of the
# text, for every "[" it meets: 20,000 unclosed brackets took a minute. Links whose text or
# target is longer than this are left as plain text instead.
_MAX_LINK_TEXT = 500
_MAX_LINK_TARGET = 1000
_MAX_LINK_NESTING = 5
_BRACKETS = re.compile(r"[\[\]]")
_LINK_PROCESSORS = (
    "reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref",
)  # fmt: skip


class _BoundedLinkScan:
    """Mixed into markdown's link processors: the same parsing, over a bounded window."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        end = min(len(data), index + _MAX_LINK_TEXT)
        close = data.find("]", index, end)
        if close == -1:
            return "", index, False
        if "[" not in data[index:close]:  # the common case: no nested brackets
            return data[index:close], close + 1, True
        depth = 1
        for bracket in _BRACKETS.finditer(data, index, end):
            depth += 1 if bracket.group() == "[" else -1
            if depth == 0:
                return data[index : bracket.start()], bracket.end(), True
            if depth > _MAX_LINK_NESTING:
                break
        return "", index, False

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        return super().getLink(data[: index + _MAX_LINK_TARGET], index)  # type: ignore[misc]


class _BoundedTableProcessor(TableProcessor):
    """The tables test looks at two rows, but strips every line of the block to do so; for
    thousands of lines without a blank one that made rendering quadratic."""

    def test(self, parent: ElementTree.Element, block: str) -> bool:
        first_two = "\n".join(block.split("\n", 2)[:2])
        is_table = super().test(parent, first_two)
        header = first_two.split("\n", 1)[0].strip(" ")
        if first_two != block and self.border and len(self._split_row(header)) == 1:
            return super().test(parent, block)  # one column: every row needs a pipe
        return is_table


def _priority(registry: markdown.util.Registry, name: str) -> float:
    """markdown's registries have no public way to read a priority; replacing keeps it."""
    return next(item.priority for item in registry._priority if item.name == name)


class _UntrustedSourceExtension(Extension):
    """Raw HTML in the source stays text; bleach still cleans whatever markdown makes."""

    def __init__(self, *, allow_raw_html: bool = False) -> None:
        super().__init__()
        self.allow_raw_html = allow_raw_html

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (markdown's API)
        if not self.allow_raw_html:
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
        for name in _LINK_PROCESSORS:
            original = md.inlinePatterns[name]
            bounded = type(
                f"Bounded{type(original).__name__}", (_BoundedLinkScan, type(original)), {}
            )
            priority = _priority(md.inlinePatterns, name)
            md.inlinePatterns.register(bounded(original.pattern, md), name, priority)
        blocks = md.parser.blockprocessors
        table = _BoundedTableProcessor(md.parser, blocks["table"].config)
        blocks.register(table, "table", _priority(blocks, "table"))
        # After "inline" (20), which creates the img elements.
        md.treeprocessors.register(_UntrustedSourceTreeprocessor(md), "untrusted_source", 15)


def _new_markdown(*, allow_raw_html: bool = False) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            TableExtension(use_align_attribute=True),
            FencedCodeExtension(),
            SaneListExtension(),
            _UntrustedSourceExtension(allow_raw_html=allow_raw_html),
        ],
        output_format="html",
    )


def _new_cleaner() -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_allowed_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[
            partial(
                LinkifyFilter,
                callbacks=[_link_attributes],
                skip_tags={"pre", "code"},
                parse_email=False,
                url_re=_LINKIFY_URL_RE,
            )
        ],
    )


# Neither a Markdown instance nor a bleach Cleaner is thread-safe: one of each per thread.
_local = threading.local()


def _markdown() -> markdown.Markdown:
    if not hasattr(_local, "markdown"):
        _local.markdown = _new_markdown()
    return _local.markdown


def _markdown_for_text() -> markdown.Markdown:
    if not hasattr(_local, "markdown_for_text"):
        _local.markdown_for_text = _new_markdown(allow_raw_html=True)
    return _local.markdown_for_text


def _cleaner() -> bleach.Cleaner:
    if not hasattr(_local, "cleaner"):
        _local.cleaner = _new_cleaner()
    return _local.cleaner


def render_markdown(text: str) -> str:
    """User markdown to HTML that is safe to store and show as is.

    Call it once when saving and store the result. Raw HTML in the source is escaped (shown,
    not obeyed); the output holds only ALLOWED_TAGS, links with http/https/mailto or relative
    URLs and rel="nofollow ugc noopener", and bare web addresses made into links.
    """
    if not text or not text.strip():
        return ""
    md = _markdown()
    try:
        rendered = md.convert(text)
    finally:
        md.reset()
    return _cleaner().clean(rendered).strip()


def render_plain(text: str | None) -> Markup:
    """A short plain-text field as HTML: escaped, blank lines make paragraphs, newlines <br>.

    Returns Markup (a str) so a template can show it directly; nothing in it is markup
    the author wrote.
    """
    if not text or not text.strip():
        return Markup("")
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = re.split(r"\n[ \t]*\n\s*", normalised)
    html_paragraphs = []
    for paragraph in paragraphs:
        lines = (escape(line.strip()) for line in paragraph.split("\n"))
        html_paragraphs.append(Markup("<p>{}</p>").format(Markup("<br>\n").join(lines)))
    return Markup("\n").join(html_paragraphs)


# Elements after which a reader sees a break, so their words must not run together.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_SKIP_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object"})


class _TextExtractor(HTMLParser):
    """Collects the text a reader would see; blocks are separated so words never glue."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_CONTENT:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")
        elif tag == "img" and not self._skipping:
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f" {alt} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _truncate(text: str, limit: int) -> str:
    """Cut to at most `limit` characters, ellipsis included, at a word boundary when possible."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():
        space = cut.rfind(" ")
        if space > 0:
            cut = cut[:space]
    return cut.rstrip(" ,;:.!?-–—(") + "…"


def plain_text(html_or_markdown: str | None, limit: int | None = None) -> str:
    """Text without any markup, for search snippets, meta descriptions and mail.

    Accepts markdown source or stored HTML. Whitespace is collapsed; with a limit the text is
    cut on a word boundary and ends in "…". The result is text, not HTML: let the template
    escape it.
    """
    if not html_or_markdown or not html_or_markdown.strip():
        return ""
    md = _markdown_for_text()
    try:
        rendered = md.convert(html_or_markdown)
    finally:
        md.reset()
    extractor = _TextExtractor()
    extractor.feed(rendered)
    extractor.close()
    text = " ".join("".join(extractor.parts).split())
    return text if limit is None else _truncate(text, limit)
