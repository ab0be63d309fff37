"""Push from the servers that have it (e-mail: IMAP IDLE): one watching task per account whose connector can
watch, telling the engine to sync that account as soon as its server reports a change.

Watching only speeds things up: the engine's timer keeps syncing every account whatever happens here. A transient
failure is retried with backoff; any other failure (no IDLE on that server, a refused password) stops watching that
account, and the sync on the timer reports the problem to the user.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, cast

from cmdesk.connectors.base import Connector, ConnectorError, Transient, WatchingConnector
from cmdesk.credentials.base import CredentialStore
from cmdesk.domain import Account, NetworkId
from cmdesk.sync.backoff import backoff_delay
from cmdesk.sync.credentials import with_secret

log = logging.getLogger(__name__)


class Watchers:
    def __init__(
        self,
        connectors: Mapping[NetworkId, Connector],
        credentials: CredentialStore | None,
        on_change: Callable[[int], None],
        *,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        backoff_base: float = 30.0,
        backoff_cap: float = 3600.0,
        rng: random.Random | None = None,
    ) -> None:
        self._connectors = connectors
        self._credentials = credentials
        self._on_change = on_change
        self._sleep = sleep
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._rng = rng or random.Random()
        self._tasks: dict[int, tuple[Account, asyncio.Task[None]]] = {}
        self._given_up: dict[int, Account] = {}

    def watched(self) -> set[int]:
        return {key for key, (_, task) in self._tasks.items() if not task.done()}

    def update(self, accounts: Iterable[Account], paused: set[int]) -> None:
        """Watch exactly these accounts (those that can be watched and are not paused); an account whose settings
        changed is watched again from scratch, one that stopped watching is tried again when it changes."""
        wanted = {
            account.id: account
            for account in accounts
            if not account.is_demo and account.id not in paused and self._can_watch(account)
        }
        for key in list(self._tasks):
            account, task = self._tasks[key]
            if wanted.get(key) != account or task.done():
                task.cancel()
                del self._tasks[key]
        for key, account in wanted.items():
            if key not in self._tasks and self._given_up.get(key) != account:
                task = asyncio.create_task(self._watch(account), name=f"watch-account-{key}")
                self._tasks[key] = (account, task)

    def try_again(self, account_id: int | None = None) -> None:
        """Watch again accounts that stopped (the user asked to sync them: the problem may be fixed)."""
        if account_id is None:
            self._given_up.clear()
        else:
            self._given_up.pop(account_id, None)

    def _can_watch(self, account: Account) -> bool:
        connector = self._connectors.get(account.network)
        return connector is not None and connector.capabilities.can_watch

    async def _watch(self, account: Account) -> None:
        connector = cast(WatchingConnector, self._connectors[account.network])
        failures = 0
        while True:
            try:
                changed = await connector.wait_for_change(with_secret(account, connector, self._credentials))
                failures = 0
            except Transient as error:
                failures += 1
                delay = backoff_delay(failures, base=self._backoff_base, cap=self._backoff_cap, rng=self._rng)
                log.info("watching account %s paused for %.0f s: %s", account.id, delay, error)
                await self._sleep(delay)
                continue
            except ConnectorError as error:
                log.info("not watching account %s: %s", account.id, error)
                self._given_up[account.id] = account
                return
            if changed:
                self._on_change(account.id)

    async def aclose(self) -> None:
        tasks = [task for _, task in self._tasks.values()]
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
