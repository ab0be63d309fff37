"""Discourse's User API Key handshake for desktop apps (https://meta.discourse.org/t/user-api-keys-specification/48536):
cmdesk makes an RSA key pair and a nonce, the user opens `/user-api-key/new` (application name, client id, scopes,
the public key, the nonce, and cmdesk's loopback address as `auth_redirect`) and approves; the forum encrypts
`{"key", "nonce", "push", "api"}` with the public key (RSA, PKCS#1 v1.5, Base64) and sends it to the redirect as
`payload` — or, on a forum whose administrators did not allow that redirect, shows it for the user to paste. Only the
private key can read it; the nonce proves it answers this request."""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from cmdesk.connectors.base import Permanent
from cmdesk.domain import Secret

APPLICATION_NAME = "cmdesk"
SCOPES = ("read", "write", "notifications", "session_info")
REDIRECT_PORT = 48764
REDIRECT_PATH = "/callback"
REDIRECT = f"http://127.0.0.1:{REDIRECT_PORT}{REDIRECT_PATH}"
"""Where the forum sends the encrypted key: allowed only when the forum's administrators list it in
`allowed_user_api_auth_redirects`; otherwise the user pastes what the forum shows."""


@dataclass
class Handshake:
    """One request for a key: its key pair, nonce and client id (cmdesk's on this computer, stable per forum)."""

    client_id: str
    nonce: str = field(default_factory=lambda: secrets.token_hex(16))
    _private: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048), repr=False)

    def public_pem(self) -> str:
        return (
            self._private.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode()
        )

    def url(self, origin: str, *, redirect: bool = True) -> str:
        """The page where the user approves cmdesk: with the loopback redirect, or without (the forum then shows the
        encrypted key to paste)."""
        params = {"application_name": APPLICATION_NAME, "client_id": self.client_id, "scopes": ",".join(SCOPES),
                  "public_key": self.public_pem(), "nonce": self.nonce}  # fmt: skip
        if redirect:
            params["auth_redirect"] = REDIRECT
        return f"{origin.rstrip('/')}/user-api-key/new?{urlencode(params)}"

    def key_from(self, payload: str) -> Secret:
        """The User API Key in the payload the forum sent or showed; Permanent when it is not for this request."""
        try:
            encrypted = base64.b64decode("".join(payload.split()), validate=True)
            said = json.loads(self._private.decrypt(encrypted, padding.PKCS1v15()))
        except (binascii.Error, ValueError) as error:
            raise Permanent(f"this is not the forum's answer to cmdesk's request ({type(error).__name__})") from None
        if not isinstance(said, dict) or said.get("nonce") != self.nonce or not isinstance(said.get("key"), str):
            raise Permanent("the forum's answer is not for this request (its nonce differs): start again")
        return Secret(said["key"])


def new_client_id() -> str:
    return "cmdesk-" + secrets.token_hex(12)


__all__ = ["APPLICATION_NAME", "REDIRECT", "REDIRECT_PORT", "SCOPES", "Handshake", "new_client_id"]
