"""The token bundle the keyring keeps for an account signed in with OAuth 2.0 on the user's own public client (X's
Native App, Reddit's installed app): the access token, the refresh token, when the access token ends, the client id
that can refresh it and the token endpoint's origin. A bare access token (given by a script) reads as a bundle with
nothing to refresh it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cmdesk.connectors.base import AuthExpired
from cmdesk.domain import Secret

REFRESH_MARGIN = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class BearerTokens:
    access: Secret
    refresh: Secret | None = None
    expires_at: datetime | None = None
    client_id: str = ""
    token_base: str = ""
    """The token endpoint's origin ("" for the network's own)."""

    def to_secret(self) -> Secret:
        data: dict[str, Any] = {"access_token": self.access.reveal(), "client_id": self.client_id,
                                "token_base": self.token_base}  # fmt: skip
        if self.refresh is not None:
            data["refresh_token"] = self.refresh.reveal()
        if self.expires_at is not None:
            data["expires_at"] = self.expires_at.isoformat()
        return Secret(json.dumps(data))

    @classmethod
    def from_secret(cls, secret: Secret) -> BearerTokens:
        text = secret.reveal()
        if not text.startswith("{"):
            return cls(secret)
        try:
            data = json.loads(text)
            expires = data.get("expires_at")
            return cls(Secret(str(data["access_token"])),
                       Secret(str(data["refresh_token"])) if data.get("refresh_token") else None,
                       datetime.fromisoformat(expires) if isinstance(expires, str) else None,
                       str(data.get("client_id") or ""), str(data.get("token_base") or ""))  # fmt: skip
        except (ValueError, KeyError, TypeError, AttributeError):
            raise AuthExpired("the saved sign-in cannot be read; sign in again") from None

    def due(self, now: datetime) -> bool:
        """Whether the access token should be refreshed before use (and can be)."""
        if self.refresh is None or not self.client_id:
            return False
        return self.expires_at is None or self.expires_at - now <= REFRESH_MARGIN


__all__ = ["REFRESH_MARGIN", "BearerTokens"]
