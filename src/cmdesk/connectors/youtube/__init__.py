"""YouTube (Data API v3): the comments under the channel's videos, answered and moderated from the inbox."""

from cmdesk.connectors.youtube.api import api_base
from cmdesk.connectors.youtube.signin import Channel, identify

__all__ = ["Channel", "api_base", "identify"]
