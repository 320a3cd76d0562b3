"""Networking events: the events, who answered, reminders claimed, and tables."""
