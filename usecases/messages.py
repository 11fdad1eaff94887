"""The residents' message catalogue, for front ends that show a message before it is sent."""

from bot.conversation.catalog import Catalog, default_catalog

__all__ = ["Catalog", "default_catalog"]
