"""IMAP with the standard library's imaplib, run in a worker thread by the connector.

Why not aioimaplib: it has no STARTTLS, which issue 5 (and many providers on port 143) require; imaplib has
IMAP4_SSL, STARTTLS and decades of servers behind it. Sessions are kept between a pass's pages by `sessions.py`.
Every failure leaves as a typed connector error with a one-line reason.
"""

from __future__ import annotations

import imaplib
import re
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent, Transient
from cmdesk.connectors.email.settings import EmailSettings
from cmdesk.connectors.hosts import is_loopback

TIMEOUT = 30.0
_FETCH_HEAD = re.compile(rb"UID (\d+)")
_FLAGS = re.compile(rb"FLAGS \(([^)]*)\)")


@dataclass(frozen=True, slots=True)
class Fetched:
    uid: int
    flags: tuple[str, ...]
    raw: bytes


def tls_context(settings: EmailSettings) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if settings.ca_file:
        context.load_verify_locations(cafile=settings.ca_file)
    return context


def check_server(protocol: str, host: str, security: str) -> None:
    """Refuse before connecting: no server set, or a password about to travel in clear text off this machine."""
    if not host:
        raise Permanent(f"no {protocol} server is set for this account")
    if security == "none" and not is_loopback(host):
        raise Permanent(f"refusing to send a password in clear text to {host}: use TLS or STARTTLS")


def connect(settings: EmailSettings, password: str) -> imaplib.IMAP4:
    """A logged-in IMAP session (the caller logs it out, see `logout`)."""
    host, port = settings.imap_host, settings.imap_port
    where = f"{host}:{port}"
    check_server("IMAP", host, settings.imap_security)
    try:
        if settings.imap_security == "tls":
            client: imaplib.IMAP4 = imaplib.IMAP4_SSL(host, port, ssl_context=tls_context(settings), timeout=TIMEOUT)
        else:
            client = imaplib.IMAP4(host, port, timeout=TIMEOUT)
            if settings.imap_security == "starttls":
                client.starttls(ssl_context=tls_context(settings))
    except socket.gaierror:
        raise Transient(f"cannot resolve {host} (DNS lookup failed; offline?)") from None
    except ssl.SSLCertVerificationError as error:
        raise Permanent(f"TLS certificate refused by cmdesk for {where}: {error.verify_message}") from None
    except ssl.SSLError as error:
        raise Permanent(f"TLS error with {where}: {error.reason or error}") from None
    except ConnectionRefusedError:
        raise Transient(f"{where} refused the connection (nothing listens there)") from None
    except (TimeoutError, OSError) as error:
        raise Transient(f"cannot connect to {where}: {error}") from None
    except imaplib.IMAP4.error as error:
        raise Permanent(f"{where} does not speak IMAP as expected: {_text(error)}") from None
    try:
        client.login(settings.login, password)
    except imaplib.IMAP4.abort as error:
        logout(client)
        raise Transient(f"{where} closed the connection: {_text(error)}") from None
    except imaplib.IMAP4.error as error:
        logout(client)
        raise AuthExpired(f"{where} refused the user name or password ({_text(error)})") from None
    except OSError as error:
        logout(client)
        raise Transient(f"connection to {where} broke: {_text(error)}") from None
    _refresh_capabilities(client)
    return client


def _refresh_capabilities(client: imaplib.IMAP4) -> None:
    """Servers announce more after sign-in (Dovecot: UIDPLUS, MOVE…) than imaplib read on connecting."""
    try:
        status, data = client.capability()
    except (imaplib.IMAP4.error, OSError):
        return
    if status == "OK" and data and isinstance(data[-1], bytes):
        client.capabilities = tuple(data[-1].decode(errors="replace").upper().split())


def logout(client: imaplib.IMAP4) -> None:
    """Say goodbye when the connection still works; close the socket in any case (imaplib's own logout leaves it
    open when LOGOUT itself fails, e.g. after an IDLE wait timed out)."""
    try:
        client.logout()
    except (imaplib.IMAP4.error, OSError):
        try:
            client.shutdown()
        except (imaplib.IMAP4.error, OSError):
            pass


@contextmanager
def broken_connection_is_transient(settings: EmailSettings) -> Iterator[None]:
    """A connection that drops while in use is worth retrying later."""
    try:
        yield
    except (imaplib.IMAP4.abort, OSError) as error:
        raise Transient(f"connection to {settings.imap_host}:{settings.imap_port} broke: {_text(error)}") from None


@contextmanager
def session(settings: EmailSettings, password: str) -> Iterator[imaplib.IMAP4]:
    """A logged-in IMAP session for one task; always logged out."""
    client = connect(settings, password)
    try:
        with broken_connection_is_transient(settings):
            yield client
    finally:
        logout(client)


def _text(error: BaseException) -> str:
    value = error.args[0] if error.args else error
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def select(client: imaplib.IMAP4, mailbox: str, *, writable: bool = False) -> int:
    """Open a folder, read-only unless asked (fetching never changes \\Seen), and return its UIDVALIDITY."""
    status, data = client.select(_quote(mailbox), readonly=not writable)
    if status != "OK":
        raise Permanent(f"no such mailbox on the server: {mailbox} ({_text(Exception(*(data or [b''])))})")
    _, values = client.response("UIDVALIDITY")
    try:
        return int(values[0]) if values and values[0] else 0
    except (TypeError, ValueError):
        raise BadPayload(f"the server sent an unreadable UIDVALIDITY for {mailbox}") from None


def search(client: imaplib.IMAP4, *criteria: str) -> list[int]:
    status, data = client.uid("SEARCH", *criteria)
    if status != "OK":
        raise BadPayload(f"the server refused the search {' '.join(criteria)}")
    return sorted(int(uid) for uid in (data[0] or b"").split())


def fetch(client: imaplib.IMAP4, uids: list[int]) -> list[Fetched]:
    if not uids:
        return []
    status, data = client.uid("FETCH", ",".join(map(str, uids)), "(UID FLAGS BODY.PEEK[])")
    if status != "OK":
        raise BadPayload("the server refused to send the messages")
    found: list[Fetched] = []
    for entry in data:
        if not isinstance(entry, tuple) or len(entry) < 2:
            continue
        head, raw = entry[0], entry[1]
        uid = _FETCH_HEAD.search(head)
        if uid is None:
            continue
        flags = _FLAGS.search(head)
        found.append(
            Fetched(
                int(uid.group(1)),
                tuple(flags.group(1).decode(errors="replace").split()) if flags else (),
                bytes(raw),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class ServerCheck:
    summary: str
    """One line: "INBOX: 12 message(s)"."""
    folders: tuple[str, ...]
    """Every folder the account has on the server, for the user to choose from."""
    special: dict[str, str]
    """Folder name → its RFC 6154 role ("\\Sent", "\\Trash", "\\Junk"…), where the server says."""


def check(settings: EmailSettings, password: str) -> ServerCheck:
    """Connect, sign in and open each chosen folder; a summary and the account's folders, or a typed error that
    says what failed (DNS, connection, certificate, authentication, no such mailbox)."""
    with session(settings, password) as client:
        counts = []
        for folder in settings.folders:
            select(client, folder)
            counts.append(f"{folder}: {len(search(client, 'ALL'))} message(s)")
        listed = folders(client)
    return ServerCheck(
        ", ".join(counts),
        tuple(name for name, _ in listed),
        {name: role for name, role in listed if role},
    )


def folders(client: imaplib.IMAP4) -> list[tuple[str, str]]:
    """(name, special-use role or "") of every selectable folder, INBOX first."""
    status, data = client.list()
    found: list[tuple[str, str]] = []
    for line in data if status == "OK" else []:
        match = _LIST.match(line) if isinstance(line, bytes) else None
        if match is None or b"\\Noselect" in match.group("flags"):
            continue
        name = match.group("name").decode(errors="replace").strip().strip('"')
        roles = [flag for flag in match.group("flags").decode(errors="replace").split() if flag in _ROLES]
        found.append((name, roles[0] if roles else ""))
    found.sort(key=lambda entry: (entry[0].upper() != "INBOX", entry[0].lower()))
    return found


_ROLES = ("\\Sent", "\\Trash", "\\Junk", "\\Drafts", "\\Archive", "\\All", "\\Flagged")
_LIST = re.compile(rb'\((?P<flags>[^)]*)\) (?:"[^"]*"|NIL) (?P<name>.+)$')


def sent_mailbox(client: imaplib.IMAP4) -> str:
    """The folder marked \\Sent (RFC 6154), else one named Sent."""
    listed = folders(client)
    marked = [name for name, role in listed if role == "\\Sent"]
    usual = [name for name, _ in listed if name.lower() in ("sent", "sent items", "envoyés")]
    return next(iter(marked + usual), "Sent")


def find_by_message_id(client: imaplib.IMAP4, folders: list[str], message_id: str) -> bytes | None:
    """The raw message with this Message-ID, looked for in these folders in turn."""
    for folder in folders:
        select(client, folder)
        uids = search(client, "HEADER", "Message-ID", _quote(message_id))
        found = fetch(client, uids[-1:])
        if found:
            return found[0].raw
    return None


_MESSAGE_ID_LINE = re.compile(rb"Message-ID:\s*<([^>\s]+)>", re.IGNORECASE)


def message_ids(client: imaplib.IMAP4, uids: list[int]) -> list[str]:
    """The Message-IDs of these messages of the open folder."""
    if not uids:
        return []
    status, data = client.uid("FETCH", ",".join(map(str, uids)), "(UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
    if status != "OK":
        raise BadPayload("the server refused to send message headers")
    found = []
    for entry in data:
        if not isinstance(entry, tuple) or len(entry) < 2:
            continue
        match = _MESSAGE_ID_LINE.search(bytes(entry[1]))
        if match:
            found.append(match.group(1).decode(errors="replace"))
    return found


def mark_seen(client: imaplib.IMAP4, folders: list[str], message_ids: list[str]) -> int:
    """Set \\Seen on these messages wherever they are among the folders; returns how many were found."""
    marked = 0
    for folder in folders:
        select(client, folder, writable=True)
        uids: list[int] = []
        for message_id in message_ids:
            uids.extend(search(client, "HEADER", "Message-ID", _quote(f"<{message_id}>")))
        if uids:
            client.uid("STORE", ",".join(map(str, sorted(set(uids)))), "+FLAGS.SILENT", "(\\Seen)")
            marked += len(set(uids))
    return marked


def append(client: imaplib.IMAP4, mailbox: str, raw: bytes, flags: str = "(\\Seen)") -> None:
    status, data = client.append(_quote(mailbox), flags, None, raw)
    if status != "OK":
        raise BadPayload(f"the server refused to keep a copy in {mailbox}")


def copies(client: imaplib.IMAP4, mailbox: str, message_id: str) -> dict[int, tuple[str, ...]]:
    """UID → flags of the messages with this Message-ID in `mailbox` (opened writable, to change them after)."""
    select(client, mailbox, writable=True)
    uids = search(client, "HEADER", "Message-ID", _quote(message_id))
    if not uids:
        return {}
    status, data = client.uid("FETCH", ",".join(map(str, uids)), "(UID FLAGS)")
    found: dict[int, tuple[str, ...]] = {}
    for line in data if status == "OK" else []:
        head = line[0] if isinstance(line, tuple) else line
        uid, flags = _FETCH_HEAD.search(head or b""), _FLAGS.search(head or b"")
        if uid:
            found[int(uid.group(1))] = tuple(flags.group(1).decode(errors="replace").split()) if flags else ()
    return found


def store(client: imaplib.IMAP4, uids: list[int], change: str, flags: str) -> None:
    if uids:
        client.uid("STORE", ",".join(map(str, uids)), change, flags)


def remove(client: imaplib.IMAP4, uids: list[int]) -> None:
    """Delete these messages of the open folder: flagged \\Deleted, and expunged by UID where the server can
    (UIDPLUS) — a plain EXPUNGE would also erase what the user marked deleted elsewhere in that folder."""
    store(client, uids, "+FLAGS.SILENT", "(\\Deleted)")
    if uids and "UIDPLUS" in client.capabilities:
        client.uid("EXPUNGE", ",".join(map(str, uids)))


_SIZE = re.compile(rb"UID (\d+).*RFC822\.SIZE (\d+)|RFC822\.SIZE (\d+).*UID (\d+)")


def sizes(client: imaplib.IMAP4, uids: list[int]) -> dict[int, int]:
    if not uids:
        return {}
    status, data = client.uid("FETCH", ",".join(map(str, uids)), "(UID RFC822.SIZE)")
    if status != "OK":
        raise BadPayload("the server refused to list message sizes")
    found: dict[int, int] = {}
    for line in data:
        match = _SIZE.search(line if isinstance(line, bytes) else b"")
        if match:
            uid, size = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
            found[int(uid)] = int(size)
    return found


def chunks_by_size(uids: list[int], known: dict[int, int], budget: int) -> list[list[int]]:
    """Consecutive groups of UIDs whose messages add up to at most `budget` bytes (a bigger one goes alone)."""
    groups: list[list[int]] = []
    current: list[int] = []
    total = 0
    for uid in uids:
        size = known.get(uid, 0)
        if current and total + size > budget:
            groups.append(current)
            current, total = [], 0
        current.append(uid)
        total += size
    if current:
        groups.append(current)
    return groups
