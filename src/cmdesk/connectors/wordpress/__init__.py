"""WordPress (self-hosted, ≥ 5.6): the comments of a blog's posts, those held for moderation included, read and
answered through the site's REST API with an application password; approve, spam and trash from cmdesk."""

from cmdesk.domain import Network

NETWORK = Network.WORDPRESS

__all__ = ["NETWORK"]
