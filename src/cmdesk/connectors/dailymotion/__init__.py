"""Dailymotion: a channel's videos and their views and likes, read-only (its API lists no comments)."""

from cmdesk.connectors.dailymotion.api import Channel, api_base, channel_name, claims, identify

__all__ = ["Channel", "api_base", "channel_name", "claims", "identify"]
