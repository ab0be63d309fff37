"""Connectors: one package per network, speaking its wire protocol and returning domain objects, and the registry
that says which networks there are and what each can do. No Qt, no database."""
