"""Web feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed): blogs, forums, YouTube, Dailymotion, Reddit, Google Alerts."""

from cmdesk.connectors.feeds.connector import FeedConnector, NotAFeed, discover
from cmdesk.connectors.feeds.fetch import MAX_BODY_BYTES

__all__ = ["MAX_BODY_BYTES", "FeedConnector", "NotAFeed", "discover"]
