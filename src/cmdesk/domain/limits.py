"""How much of one message cmdesk keeps: a stranger can publish a message of hundreds of megabytes, which the list,
the thread and search would then carry forever. The first part is kept, and the message says it was cut."""

from __future__ import annotations

from dataclasses import replace

from cmdesk.domain.types import Item, ItemProblem, Page

MAX_TEXT = 100_000
"""Characters of a message's text kept (a long blog post is ~30,000)."""
MAX_HTML = 300_000
"""Characters of its HTML kept; cut HTML is closed again by the sanitiser when shown."""
CUT_NOTE = "\n\n[…] cmdesk kept the first {kept:,} of {length:,} characters of this message."


def _cut(item: Item) -> Item:
    text, html = item.text, item.html
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT] + CUT_NOTE.format(kept=MAX_TEXT, length=len(item.text))
    if len(html) > MAX_HTML:
        html = html[:MAX_HTML]
    return replace(item, text=text, html=html, title=item.title[:1000], thread_title=item.thread_title[:1000])


def bounded_texts(page: Page) -> Page:
    """The page with every message's text and HTML within bounds, each cut one told as a problem; the page itself
    when nothing needed cutting."""
    items: list[Item] = []
    problems: list[ItemProblem] = []
    for item in page.items:
        if len(item.text) > MAX_TEXT or len(item.html) > MAX_HTML or len(item.title) > 1000:
            length = max(len(item.text), len(item.html))
            problems.append(ItemProblem(item.remote_id, f"{length:,} characters long: the first part was kept"))
            item = _cut(item)
        items.append(item)
    if not problems:
        return page
    return replace(page, items=tuple(items), problems=(*page.problems, *problems))
