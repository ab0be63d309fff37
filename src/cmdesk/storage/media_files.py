"""Images attached to posts, copied into the data folder when the post is queued (`<data>/media`), so a scheduled
post still has them when it goes out even if the originals were moved or deleted meanwhile."""

from __future__ import annotations

import mimetypes
import shutil
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path


def keep_media(data_dir: Path, media: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    """Copies of these images ({"path", "description"}) with their name and type, in order, for the outbox entry's
    payload; OSError when one cannot be read or written."""
    folder = data_dir / "media"
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for medium in media:
        source = Path(medium["path"])
        copy = folder / f"{uuid.uuid4().hex}{source.suffix.lower()}"
        shutil.copyfile(source, copy)
        kept.append(
            {
                "path": str(copy),
                "name": source.name,
                "type": mimetypes.guess_type(source.name)[0] or "",
                "description": medium.get("description", ""),
            }
        )
    return kept
