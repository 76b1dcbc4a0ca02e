"""HTML renditions of the site's pages flattened into the text export's lines.

Each block element (p, li, h2...) becomes one line, numbered by its line in the HTML source;
list items get the text export's bullets; page furniture (nav, footer, scripts) is left out.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from pipeline.records import SourceLine

# Page furniture of an HTML rendition: never part of a record.
_HTML_SKIPPED = frozenset(
    {"script", "style", "noscript", "nav", "footer", "template", "iframe", "form", "button",
     "svg", "head", "aside", "select", "input"}
)
_HTML_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
     "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
     "figure", "figcaption", "address", "hr", "body", "html"}
)


def html_lines(text: str) -> list[SourceLine]:
    """Flatten an HTML rendition into text lines, numbered by their line in the HTML source.

    Each block element (p, li, h2...) becomes one line; list items get the text export's
    bullet ("  • ", indented by nesting, "  1. " in ordered lists); nav, footer, scripts and
    styles are left out.
    """
    soup = BeautifulSoup(text, "html.parser")
    flattener = _HtmlFlattener()
    flattener.walk(soup.body or soup)
    flattener.flush()
    return flattener.lines


class _HtmlFlattener:
    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self._buffer: list[str] = []
        self._line: int | None = None
        self._prefix = ""

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self._add_text(str(child), node)
            elif isinstance(child, Tag):
                self._visit(child)

    def _visit(self, tag: Tag) -> None:
        name = tag.name.lower()
        if name in _HTML_SKIPPED:
            return
        if name == "br":
            self.flush()
            return
        if name not in _HTML_BLOCKS:
            self.walk(tag)
            return
        self.flush()
        if name == "li":
            # The text export indents bullets by two spaces, nested ones by two more.
            nesting = len(tag.find_parents("li"))
            self._prefix = "  " * (nesting + 1) + self._bullet(tag)
        self._line = tag.sourceline
        self.walk(tag)
        self.flush()

    @staticmethod
    def _bullet(item: Tag) -> str:
        parent = item.parent
        if isinstance(parent, Tag) and parent.name == "ol":
            position = len(item.find_previous_siblings("li")) + 1
            return f"{position}. "
        return "• "

    def _add_text(self, text: str, parent: Tag) -> None:
        # Whitespace in HTML source is layout, except U+00A0, which is content.
        text = re.sub(r"[ \t\r\n\f]+", " ", text)
        if not text.strip(" ") and not self._buffer and "\u00a0" not in text:
            return
        if self._line is None:
            self._line = parent.sourceline
        self._buffer.append(text)

    def flush(self) -> None:
        if self._buffer:
            content = "".join(self._buffer).strip(" ")
            if content or "\u00a0" in "".join(self._buffer):
                self.lines.append(SourceLine(self._line or 1, self._prefix + (content or "\u00a0")))
        self._buffer, self._line, self._prefix = [], None, ""
