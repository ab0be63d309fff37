"""The demo workspace: two clients with realistic conversations, loaded through the real ingest path."""

from cmdesk.demo.loader import DEMO_MARK, demo_loaded, load_demo, remove_demo

__all__ = ["DEMO_MARK", "demo_loaded", "load_demo", "remove_demo"]
