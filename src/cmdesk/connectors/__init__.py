"""Connectors: one module per network, speaking its wire protocol and returning domain objects. No Qt, no database."""
