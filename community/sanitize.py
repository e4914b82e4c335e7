"""Markdown in, safe HTML out: the one door to bleach and the markdown parser.

Why one module: bleach 6.4 is its final release, so every use of it sits behind these few
functions and can be replaced in one place. Sanitise once, when saving: rendering a 9 KB body
costs 14-25 ms (DESIGN.md measured ~24 ms; see benchmarks/sanitize_bench.py), so store the HTML
`render_markdown` returns and show that; never render per request. The Content-Security-Policy
(`security.py`) is the second wall, not the first.

- `render_markdown(text)` for bodies (posts, replies): CommonMark (markdown-it-py, linear time
  on any input, so no body can stall a worker) with tables and fenced code; raw HTML in the
  source is shown as text, never trusted; the result is cleaned with an explicit allow-list
  and every link gets `rel="nofollow ugc noopener"`.
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

import bleach
from bleach import html5lib_shim
from bleach.linkifier import LinkifyFilter, build_url_re
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
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


def _demote_and_unpicture(state: StateCore) -> None:
    """A core rule after parsing: headings between h2 and h4 (the page owns h1), table
    alignment as an `align` attribute (no style= on our pages), and images as plain links to
    the picture (inside a link: just their text)."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADING_LEVELS.get(token.tag, token.tag)
        elif token.type in ("th_open", "td_open"):
            style = str(token.attrs.pop("style", ""))
            if style.startswith("text-align:"):
                token.attrs["align"] = style.removeprefix("text-align:")
        elif token.type == "inline" and token.children:
            token.children = _unpicture(state, token.children)


def _unpicture(state: StateCore, children: list[Token]) -> list[Token]:
    result: list[Token] = []
    link_depth = 0
    for child in children:
        if child.type == "link_open":
            link_depth += 1
        elif child.type == "link_close":
            link_depth -= 1
        if child.type != "image":
            result.append(child)
            continue
        src = str(child.attrs.get("src", ""))
        alt = state.md.renderer.renderInlineAsText(child.children, state.md.options, state.env)
        text = Token("text", "", 0, content=alt or src)
        if link_depth:
            result.append(text)
        else:
            result += [
                Token("link_open", "a", 1, attrs={"href": src}),
                text,
                Token("link_close", "a", -1),
            ]
    return result


def _render_text(_renderer, tokens: list[Token], idx: int, _options, _env) -> str:
    """Text as bleach writes it (quotes left alone), so stored HTML stays as it was."""
    return html.escape(tokens[idx].content, quote=False)


def _new_markdown(*, allow_raw_html: bool = False) -> MarkdownIt:
    """CommonMark with tables: linear time on any input, which matters for untrusted text.

    Raw HTML is escaped (shown as text) unless `allow_raw_html` (for plain_text, which reads
    stored HTML too). Every link is kept for bleach to judge (`_is_safe_href`): a forbidden
    scheme then loses its link but keeps its text.
    """
    md = MarkdownIt("commonmark", {"html": allow_raw_html, "xhtmlOut": False}).enable("table")
    md.validateLink = lambda _url: True
    md.add_render_rule("text", _render_text)
    md.core.ruler.push("untrusted_source", _demote_and_unpicture)
    return md


# bleach's vendored html5lib is quadratic in two places that rendered markdown reaches: its tree
# walker finds a parent's position with list.index (many list items, table rows or blocks), and
# its tree builder grows a text node by `text += piece` once per entity ("<<<<..." as &lt;).
# Both are fixed here, at the one door to bleach, without changing what it keeps or drops.
class _LinearTreeWalker(html5lib_shim.getTreeWalker("etree")):
    """The etree walker, remembering each parent's index instead of searching for it."""

    def __init__(self, tree) -> None:
        super().__init__(tree)
        self._index: dict[int, int | None] = {}

    def getFirstChild(self, node):  # noqa: N802 (html5lib's API)
        child = super().getFirstChild(node)
        if child is not None and child[3] is None:  # went down into node's elements
            element, key = (node[0], node[1]) if isinstance(node, tuple) else (node, None)
            self._index[id(element)] = key
        return child

    def getNextSibling(self, node):  # noqa: N802
        sibling = super().getNextSibling(node)
        if sibling is not None and node[3] == "text" and sibling[3] is None:
            self._index[id(node[0])] = node[1]  # from an element's text down to its children
        return sibling

    def getParentNode(self, node):  # noqa: N802
        if not isinstance(node, tuple):
            return None
        element, key, parents, flag = node
        if flag == "text":
            return (element, key, parents, None) if parents else element
        parent = parents.pop()
        if not parents:
            return parent
        return parent, self._index[id(parent)], parents, None


class _MergingTokenizer(html5lib_shim.BleachHTMLTokenizer):
    """Consecutive text tokens as one, so the tree builder appends each text once."""

    def __iter__(self):
        pending: list[dict] = []
        for token in super().__iter__():
            if token["type"] == html5lib_shim.TAG_TOKEN_TYPE_CHARACTERS:
                pending.append(token)
                continue
            if pending:
                yield self._joined(pending)
                pending = []
            yield token
        if pending:
            yield self._joined(pending)

    @staticmethod
    def _joined(tokens: list[dict]) -> dict:
        first = tokens[0]
        if len(tokens) > 1:
            first["data"] = "".join(token["data"] for token in tokens)
        return first


class _LinearParser(html5lib_shim.BleachHTMLParser):
    def _parse(self, stream, innerHTML=False, container="div", scripting=True, **kwargs):  # noqa: N803
        # As BleachHTMLParser._parse, with the merging tokenizer.
        self.innerHTMLMode = innerHTML
        self.container = container
        self.scripting = scripting
        self.tokenizer = _MergingTokenizer(
            stream=stream, consume_entities=self.consume_entities, parser=self, **kwargs
        )
        self.reset()
        try:
            self.mainLoop()
        except html5lib_shim.ReparseException:
            self.reset()
            self.mainLoop()


def _new_cleaner() -> bleach.Cleaner:
    cleaner = _bleach_cleaner()
    cleaner.parser = _LinearParser(
        tags=cleaner.tags, strip=cleaner.strip, consume_entities=False, namespaceHTMLElements=False
    )
    cleaner.walker = _LinearTreeWalker
    return cleaner


def _bleach_cleaner() -> bleach.Cleaner:
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


# A bleach Cleaner is not thread-safe, and a MarkdownIt is cheap to keep: one of each per thread.
_local = threading.local()


def _markdown() -> MarkdownIt:
    if not hasattr(_local, "markdown"):
        _local.markdown = _new_markdown()
    return _local.markdown


def _markdown_for_text() -> MarkdownIt:
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
    return _cleaner().clean(_markdown().render(text)).strip()


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
    rendered = _markdown_for_text().render(html_or_markdown)
    extractor = _TextExtractor()
    extractor.feed(rendered)
    extractor.close()
    text = " ".join("".join(extractor.parts).split())
    return text if limit is None else _truncate(text, limit)
