"""Networking events: create and announce, answers and the waitlist, reminders, tables, who met whom."""
