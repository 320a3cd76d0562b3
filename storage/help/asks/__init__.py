"""Asks: their tables and queries."""
