"""Keyword-only functions over the tables; each takes the session it works in."""
