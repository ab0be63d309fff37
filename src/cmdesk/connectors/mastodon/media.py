"""What Mastodon accepts as an attached image: types, size and alt-text length, with the reason when it would not.

The numbers are Mastodon's defaults (an instance's `configuration.media_attachments.image_size_limit` and
`configuration.statuses.max_media_attachments`); the composer checks them before queueing, the connector again
before uploading.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cmdesk.connectors import registry
from cmdesk.domain import Network
from cmdesk.domain.media import media_problem as _media_problem

MAX_MEDIA = registry.MASTODON_MAX_MEDIA
IMAGE_TYPES = registry.MASTODON_IMAGE_TYPES
MAX_IMAGE_BYTES = registry.MASTODON_MAX_IMAGE_BYTES
MAX_DESCRIPTION = registry.MASTODON_MAX_DESCRIPTION


def media_problem(
    kind: str, size: int, description: str, max_bytes: int = MAX_IMAGE_BYTES, max_description: int = MAX_DESCRIPTION
) -> str:
    """Why Mastodon would refuse this image ('' when it would not); the limits are the instance's where known."""
    return _media_problem(registry.capabilities(Network.MASTODON), kind, size, description, max_bytes, max_description)


def limits_from_instance(instance: Mapping[str, Any]) -> dict[str, int]:
    """The posting limits an instance announces (GET /api/v2/instance, or v1's `configuration`; Pleroma and Akkoma's
    `max_toot_chars`), under the names cmdesk keeps in the account's settings. Only what is announced."""
    found: dict[str, int] = {}
    configuration = instance.get("configuration")
    statuses = configuration.get("statuses") if isinstance(configuration, Mapping) else None
    media = configuration.get("media_attachments") if isinstance(configuration, Mapping) else None
    pairs = [
        ("max_characters", statuses, "max_characters"),
        ("url_length", statuses, "characters_reserved_per_url"),
        ("max_media", statuses, "max_media_attachments"),
        ("image_size_limit", media, "image_size_limit"),
        ("description_limit", media, "description_limit"),
    ]
    for name, section, key in pairs:
        value = section.get(key) if isinstance(section, Mapping) else None
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            found[name] = value
    legacy = instance.get("max_toot_chars")
    if "max_characters" not in found and isinstance(legacy, int) and legacy > 0:
        found["max_characters"] = legacy
    return found
