"""Whether an image can go with a post on a network: its type, size and description against the network's
`Capabilities` (or the tighter limits a server announced), with the reason when it cannot."""

from __future__ import annotations

from cmdesk.domain.types import Capabilities


def media_problem(
    capabilities: Capabilities,
    media_type: str,
    size: int,
    description: str,
    max_bytes: int | None = None,
    max_description: int | None = None,
) -> str:
    """Why the network would refuse this image ('' when it would not); `max_bytes`/`max_description` are the
    server's own limits where known, else the network's."""
    if capabilities.max_media <= 0:
        return "this network takes no images"
    if media_type not in capabilities.media_types:
        return f"only {_listed(capabilities.media_types)} images can be attached"
    most_bytes = max_bytes or capabilities.max_image_bytes
    if most_bytes and size > most_bytes:
        return f"the image is {size / 1_048_576:.1f} MB, over the server's {most_bytes / 1_048_576:.0f} MB"
    most_characters = max_description or capabilities.max_description
    if most_characters and len(description) > most_characters:
        return f"the description is {len(description)} characters, over {most_characters}"
    return ""


def _listed(media_types: tuple[str, ...]) -> str:
    """("image/jpeg", "image/png", "image/webp") → "JPEG, PNG and WebP"."""
    names = [SPELLED.get(kind, kind.partition("/")[2].upper()) for kind in media_types]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


SPELLED = {"image/webp": "WebP"}
