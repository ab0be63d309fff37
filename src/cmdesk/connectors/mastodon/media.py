"""What Mastodon accepts as an attached image: types, size and alt-text length, with the reason when it would not.

The numbers are Mastodon's defaults (an instance's `configuration.media_attachments.image_size_limit` and
`configuration.statuses.max_media_attachments`); the composer checks them before queueing, the connector again
before uploading.
"""

from __future__ import annotations

MAX_MEDIA = 4
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
MAX_IMAGE_BYTES = 16 * 1024 * 1024
MAX_DESCRIPTION = 1500


def media_problem(kind: str, size: int, description: str) -> str:
    """Why Mastodon would refuse this image ('' when it would not)."""
    if kind not in IMAGE_TYPES:
        return "only JPEG, PNG, GIF and WebP images can be attached"
    if size > MAX_IMAGE_BYTES:
        return f"the image is {size / 1_048_576:.1f} MB, over Mastodon's {MAX_IMAGE_BYTES // 1_048_576} MB"
    if len(description) > MAX_DESCRIPTION:
        return f"the description is {len(description)} characters, over {MAX_DESCRIPTION}"
    return ""
