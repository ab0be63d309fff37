"""cmdesk: a community manager's desk."""

__version__ = "0.1.0"
