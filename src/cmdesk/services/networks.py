"""What the window and the command line may know of a network: its name, badge, sign-in kind and capabilities,
read from connectors/registry.py (so nothing above services/ imports a connector)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from cmdesk.connectors import registry
from cmdesk.connectors.registry import QT_TRANSLATE_NOOP
from cmdesk.domain import Account, Capabilities, NetworkId, Quota, SignInKind

__all__ = [
    "DEMO_NOTE",
    "QuotaReading",
    "missing_permissions",
    "quota_reading",
    "sign_in_ends",
    "badge",
    "capabilities",
    "display_name",
    "read_marks_networks",
    "sign_in_kind",
    "why_not_reply",
]

DEMO_NOTE = QT_TRANSLATE_NOOP(
    "Reply", "A demo conversation: your reply stays in cmdesk and is marked demo; nothing is sent anywhere."
)


@dataclass(frozen=True, slots=True)
class QuotaReading:
    """A metered quota and how much of it is spent (for Sources and `cmdesk account list`)."""

    quota: Quota
    used: int

    @property
    def share(self) -> float:
        return self.used / self.quota.limit if self.quota.limit else 0.0


def quota_reading(account: Account, spent: Mapping[tuple[str, str], int], now: datetime) -> QuotaReading | None:
    """The account's metered quota with its units spent in the current period, None when its network meters none."""
    found = registry.quota(account, now)
    if found is None:
        return None
    return QuotaReading(found, spent.get((found.meter, found.period), 0))


def sign_in_ends(account: Account) -> datetime | None:
    """When the network ends the account's sign-in, where it said so (Google's 7 days for an app in Testing)."""
    value = account.settings.get("sign_in_ends")
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def missing_permissions(account: Account) -> tuple[str, ...]:
    """The permissions the account's sign-in lacks, as the network names them (Meta's `/debug_token`)."""
    value = account.settings.get("missing_permissions")
    return tuple(str(name) for name in value) if isinstance(value, list) else ()


def capabilities(network: NetworkId) -> Capabilities:
    return registry.capabilities(network)


def display_name(network: NetworkId) -> str:
    """Its name in English (the window translates it in the "Network" context)."""
    return registry.display_name(network)


def badge(network: NetworkId) -> tuple[str, str]:
    """(colour, letter) for a network's badge; grey and its initial for one cmdesk does not know."""
    found = registry.entry(network)
    if found is None:
        return "#9e9e9e", (network[:1] or "?").upper()
    return found.colour, found.letter


def sign_in_kind(network: NetworkId) -> SignInKind | None:
    found = registry.entry(network)
    return found.sign_in if found is not None else None


def why_not_reply(network: NetworkId) -> str:
    """Why a conversation of this network cannot be answered from cmdesk, in English ('' when it can). A demo
    conversation is answered like a real one, inside cmdesk (sync/demo_sending.py)."""
    found = registry.capabilities(network)
    return "" if found.can_reply else found.why_not_reply or registry.UNKNOWN_REPLY


def read_marks_networks() -> tuple[NetworkId, ...]:
    """The networks whose servers keep read marks that cmdesk carries there (e-mail's \\Seen)."""
    return registry.networks_where(lambda found: found.can_mark_read)


def reply_networks() -> tuple[NetworkId, ...]:
    """The networks whose conversations cmdesk answers (the To answer view keeps to them)."""
    return registry.networks_where(lambda found: found.can_reply)
