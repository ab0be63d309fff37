"""Reading the HTML a thread view shows."""

from __future__ import annotations

import re


def remote_images(html: str) -> list[str]:
    """The images the HTML shows other than the avatars cmdesk draws itself (`avatar:` URLs)."""
    return [src for src in re.findall(r'<img src="([^"]*)"', html) if not src.startswith("avatar:")]
