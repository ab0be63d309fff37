"""Discourse forums: the user's notifications (mentions, replies, quotes, private messages, new posts in the topics
and categories they watch) as conversations per topic, answered from cmdesk with a User API Key (or a site
administrator's API key)."""

from cmdesk.domain import Network

NETWORK = Network.DISCOURSE

__all__ = ["NETWORK"]
