"""Server settings of well-known providers, pre-filled from the address's domain (the user can change them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Preset:
    imap_host: str
    smtp_host: str
    imap_port: int = 993
    imap_security: str = "tls"
    smtp_port: int = 465
    smtp_security: str = "tls"
    note: str = ""


_GMAIL = Preset("imap.gmail.com", "smtp.gmail.com", note="Gmail needs an app password (Google account › Security).")
_OUTLOOK = Preset("outlook.office365.com", "smtp.office365.com", smtp_port=587, smtp_security="starttls")
_YAHOO = Preset("imap.mail.yahoo.com", "smtp.mail.yahoo.com", note="Yahoo needs an app password.")
_ICLOUD = Preset(
    "imap.mail.me.com",
    "smtp.mail.me.com",
    smtp_port=587,
    smtp_security="starttls",
    note="iCloud needs an app password.",
)

PRESETS: dict[str, Preset] = {
    "gmail.com": _GMAIL,
    "googlemail.com": _GMAIL,
    "outlook.com": _OUTLOOK,
    "hotmail.com": _OUTLOOK,
    "hotmail.fr": _OUTLOOK,
    "live.com": _OUTLOOK,
    "live.fr": _OUTLOOK,
    "yahoo.com": _YAHOO,
    "yahoo.fr": _YAHOO,
    "icloud.com": _ICLOUD,
    "me.com": _ICLOUD,
    "fastmail.com": Preset("imap.fastmail.com", "smtp.fastmail.com"),
    "gmx.fr": Preset("imap.gmx.net", "mail.gmx.net", smtp_port=587, smtp_security="starttls"),
    "gmx.com": Preset("imap.gmx.com", "mail.gmx.com", smtp_port=587, smtp_security="starttls"),
    "orange.fr": Preset("imap.orange.fr", "smtp.orange.fr"),
    "wanadoo.fr": Preset("imap.orange.fr", "smtp.orange.fr"),
    "free.fr": Preset("imap.free.fr", "smtp.free.fr"),
    "laposte.net": Preset("imap.laposte.net", "smtp.laposte.net"),
    "sfr.fr": Preset("imap.sfr.fr", "smtp.sfr.fr"),
}


def preset_for(address: str) -> Preset | None:
    return PRESETS.get(address.rsplit("@", 1)[-1].strip().lower())
