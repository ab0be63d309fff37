"""Reddit: the inbox (replies, mentions, private messages) of an account signed in with the user's own installed app,
answered from cmdesk."""

from cmdesk.domain import Network

NETWORK = Network.REDDIT

__all__ = ["NETWORK"]
