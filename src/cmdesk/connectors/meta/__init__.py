"""Meta's networks through the Graph API: a Facebook Page (Messenger and the comments under its posts)."""

from cmdesk.connectors.meta.graph import api_base
from cmdesk.connectors.meta.signin import FacebookPage, identify_page

__all__ = ["FacebookPage", "api_base", "identify_page"]
