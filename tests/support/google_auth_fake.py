"""The part of Google's OAuth 2.0 server a desktop app meets (https://developers.google.com/identity/protocols/oauth2/
native-app), served by the YouTube fake on the same loopback port: the consent page (`/o/oauth2/v2/auth`), which here
decides at once for the user — approve, deny (`error=access_denied`) or approve without the comments scope — and
redirects to the app's loopback address; and the token endpoint (`/token`) for `authorization_code` (the PKCE
verifier checked against the S256 challenge, the client secret checked) and `refresh_token` grants, answering with
Google's JSON and its OAuth errors (`invalid_grant`, `invalid_client`). Nothing here is cmdesk code."""

from __future__ import annotations

import base64
import hashlib
import itertools
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

YOUTUBE_SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl"
CLIENT_ID = "123456789012-abcdefghijklmnop.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-test-secret"


@dataclass
class GoogleAuth:
    decision: str = "approve"
    """What the fake user does on the consent page: "approve", "deny", or "no-comments" (unticks the scope)."""
    expires_in: int = 3599
    access_tokens: set[str] = field(default_factory=set)
    refresh_tokens: set[str] = field(default_factory=set)
    grants: list[str] = field(default_factory=list)
    """The grant_type of every token request, in order."""
    _codes: dict[str, tuple[str, str]] = field(default_factory=dict)
    _serial: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def consent(self, query: dict[str, str]) -> tuple[int, dict[str, str]]:
        """The consent page: a 302 to the app's redirect URI (the headers to send)."""
        redirect = query.get("redirect_uri", "")
        if query.get("client_id") != CLIENT_ID or not redirect.startswith("http://127.0.0.1:"):
            return 400, {}
        assert query.get("response_type") == "code" and query.get("code_challenge_method") == "S256"
        assert query.get("access_type") == "offline" and YOUTUBE_SCOPE in query.get("scope", "").split()
        if self.decision == "deny":
            answer = {"error": "access_denied", "state": query["state"]}
        else:
            code = f"4/0Ab-code-{next(self._serial)}"
            scope = "" if self.decision == "no-comments" else YOUTUBE_SCOPE
            self._codes[code] = (query["code_challenge"], redirect + "|" + scope)
            answer = {"code": code, "scope": scope, "state": query["state"]}
        return 302, {"Location": f"{redirect}?{urlencode(answer)}"}

    def token(self, raw: bytes) -> tuple[int, dict[str, Any]]:
        form = {key: values[0] for key, values in parse_qs(raw.decode()).items()}
        grant = form.get("grant_type", "")
        self.grants.append(grant)
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 401, {"error": "invalid_client", "error_description": "Unauthorized"}
        if grant == "authorization_code":
            challenge, redirect_and_scope = self._codes.pop(form.get("code", ""), ("", "|"))
            redirect, scope = redirect_and_scope.split("|")
            verifier = form.get("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if not challenge or digest != challenge or form.get("redirect_uri") != redirect:
                return 400, {"error": "invalid_grant", "error_description": "Bad Request"}
            refresh = f"1//0refresh-{next(self._serial)}"
            self.refresh_tokens.add(refresh)
            return 200, {**self._access(scope), "refresh_token": refresh}
        if grant == "refresh_token":
            if form.get("refresh_token") not in self.refresh_tokens:
                return 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
            return 200, self._access(YOUTUBE_SCOPE)
        return 400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type: " + grant}

    def _access(self, scope: str) -> dict[str, Any]:
        token = f"ya29.a0-access-{next(self._serial)}"
        self.access_tokens.add(token)
        return {"access_token": token, "expires_in": self.expires_in, "scope": scope, "token_type": "Bearer"}
