"""HTML to plain text with the standard library, keeping paragraph breaks as newlines."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["looks_like_html", "html_to_text"]

# Elements whose start or end begins a new line of text.
_BLOCK = frozenset("""address article aside blockquote body caption dd details dialog div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section
summary table tbody td tfoot th thead tr ul""".split())
# Elements whose content is never article text.
_SKIP = frozenset("script style noscript template head svg iframe object".split())
_LOOKS_HTML = re.compile(r"<!doctype\s+html|<(?:html|body|head|p|div|br|article|span|h[1-6]|a|li)"
                         r"\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f\v\u00a0\r]+")
_BLANKS = re.compile(r"\n\s*\n+")


def looks_like_html(text: str) -> bool:
    """True when *text* starts like an HTML document or carries at least two HTML tags."""
    head = text[:4096]
    if head.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return True
    return len(_LOOKS_HTML.findall(head)) >= 2


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML document or fragment.

    Scripts, styles and the ``<head>`` are dropped, entities decoded, runs of
    spaces collapsed; block elements (paragraphs, headings, list items, ``<br>``)
    become line breaks, and paragraphs are separated by a blank line.
    """
    parser = _Stripper()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
