"""The Mastodon (and Mastodon-compatible: snac, Pleroma, Akkoma, GoToSocial…) connector and its sign-in flow."""

from cmdesk.connectors.mastodon.connector import MastodonConnector
from cmdesk.connectors.mastodon.instance import InvalidInstance, instance_base
from cmdesk.connectors.mastodon.oauth import AppRegistration
from cmdesk.connectors.mastodon.signin import (
    AppCache,
    PendingSignIn,
    SignedIn,
    identify,
    sign_in_with_browser,
    start_out_of_band,
)

__all__ = [
    "AppCache",
    "AppRegistration",
    "InvalidInstance",
    "MastodonConnector",
    "PendingSignIn",
    "SignedIn",
    "identify",
    "instance_base",
    "sign_in_with_browser",
    "start_out_of_band",
]
