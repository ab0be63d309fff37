"""Handing an account its secret from the credential store just before a connector needs it (never earlier, never
stored on anything that outlives the request)."""

from __future__ import annotations

from dataclasses import replace

from cmdesk.connectors.base import AuthExpired, Connector, Permanent
from cmdesk.credentials.base import CredentialStore, NoKeyringAvailable
from cmdesk.domain import Account


def with_secret(account: Account, connector: Connector, credentials: CredentialStore | None) -> Account:
    if not connector.capabilities.needs_credentials:
        return account
    if credentials is None:
        raise AuthExpired("no credential store is available for this account")
    try:
        secret = credentials.get(account.uid)
    except NoKeyringAvailable as error:
        raise Permanent(str(error)) from None
    if secret is None:
        raise AuthExpired("no saved sign-in for this account; sign in again")
    return replace(account, secret=secret)
