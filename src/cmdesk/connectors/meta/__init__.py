"""Meta's networks through the Graph API: a Facebook Page (Messenger and the comments under its posts) and an
Instagram professional account (the comments under its media, its mentions and direct messages)."""

from cmdesk.connectors.meta.graph import api_base
from cmdesk.connectors.meta.signin import FacebookPage, InstagramAccount, identify_instagram, identify_page

__all__ = ["FacebookPage", "InstagramAccount", "api_base", "identify_instagram", "identify_page"]
