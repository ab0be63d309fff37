"""Handing an account its secret from the credential store just before a connector needs it (never earlier, never
stored on anything that outlives the request), renewed first when the connector's access token is about to expire
(the renewed secret goes back to the keyring before it is used)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import httpx

from cmdesk.connectors.base import AuthExpired, Connector, Permanent, RenewingConnector
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


async def with_fresh_secret(
    client: httpx.AsyncClient,
    account: Account,
    connector: Connector,
    credentials: CredentialStore | None,
    now: datetime,
) -> Account:
    """`with_secret`, renewed through the connector when it says the access token is due."""
    prepared = with_secret(account, connector, credentials)
    if not isinstance(connector, RenewingConnector) or credentials is None:
        return prepared
    renewed = await connector.renew(client, prepared, now)
    if renewed is None:
        return prepared
    try:
        credentials.set(account.uid, renewed)
    except NoKeyringAvailable as error:
        raise Permanent(str(error)) from None
    return replace(prepared, secret=renewed)
