"""Bluesky (AT Protocol): notifications, replies, posts, likes and reposts of an account signed in with an app
password."""

from cmdesk.connectors.bluesky.session import Session
from cmdesk.domain import Network

NETWORK = Network.BLUESKY

__all__ = ["NETWORK", "Session"]
