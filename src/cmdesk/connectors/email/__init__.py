"""The e-mail connector: IMAP to read (this package), SMTP to answer (next step of issue 5)."""

from cmdesk.connectors.email.connector import EmailConnector
from cmdesk.connectors.email.settings import EmailSettings

__all__ = ["EmailConnector", "EmailSettings"]
