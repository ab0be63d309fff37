"""Sending with the standard library's smtplib (implicit TLS, STARTTLS, or plaintext on loopback only), in a
worker thread; failures become typed connector errors with a one-line reason.

A failure before the message starts going out, or any answer from the server, is certain (nothing was accepted);
a connection that breaks while the message is being handed over is not — the server may have taken it — and is
reported as Uncertain, never as worth retrying."""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage

from cmdesk.connectors.base import AuthExpired, Permanent, Transient, Uncertain
from cmdesk.connectors.email.imap import TIMEOUT, check_server, tls_context
from cmdesk.connectors.email.settings import EmailSettings


def send(settings: EmailSettings, password: str, message: EmailMessage) -> None:
    host, port = settings.smtp_host, settings.smtp_port
    where = f"{host}:{port}"
    check_server("SMTP", host, settings.smtp_security)
    handing_over = False
    try:
        if settings.smtp_security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=tls_context(settings))
        else:
            client = smtplib.SMTP(host, port, timeout=TIMEOUT)
            if settings.smtp_security == "starttls":
                client.starttls(context=tls_context(settings))
        with client:
            client.login(settings.login, password)
            handing_over = True
            client.send_message(message)
    except smtplib.SMTPAuthenticationError as error:
        raise AuthExpired(f"{where} refused the user name or password ({error.smtp_code})") from None
    except smtplib.SMTPRecipientsRefused as error:
        refused = ", ".join(f"{who} ({code})" for who, (code, _text) in error.recipients.items())
        raise Permanent(f"{where} refused the recipient(s): {refused}") from None
    except smtplib.SMTPSenderRefused as error:
        raise Permanent(f"{where} refused the sender {error.sender} ({error.smtp_code})") from None
    except smtplib.SMTPResponseException as error:
        if 400 <= error.smtp_code < 500:
            raise Transient(f"{where} asked to try later ({error.smtp_code})") from None
        raise Permanent(f"{where} refused the message ({error.smtp_code})") from None
    except socket.gaierror:
        raise Transient(f"cannot resolve {host} (DNS lookup failed; offline?)") from None
    except ssl.SSLCertVerificationError as error:
        raise Permanent(f"TLS certificate refused by cmdesk for {where}: {error.verify_message}") from None
    except (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError, OSError) as error:
        if handing_over:
            raise Uncertain(
                f"the connection to {where} broke while the message was being handed over ({error}): it may have "
                "gone out. Check with the recipient or in your Sent folder, then retry or cancel"
            ) from None
        raise Transient(f"cannot send through {where}: {error}") from None
