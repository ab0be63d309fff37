"""X (API v2): mentions, replies, direct messages, posts and likes of an account signed in with the user's own app,
every call priced at X's pay-per-use rates."""

from cmdesk.connectors.x.signin import XUser
from cmdesk.domain import Network

NETWORK = Network.X

__all__ = ["NETWORK", "XUser"]
