"""Text helpers every layer shares, with no I/O: plain text shown as HTML."""

from __future__ import annotations

import html


def plain_to_html(text: str) -> str:
    """Plain text shown as HTML: escaped, paragraphs kept."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
