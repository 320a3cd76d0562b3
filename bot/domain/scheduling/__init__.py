"""Finding a time for a group DM: working hours, proposed slots, how they read, the .ics and calendar links.

Pure rules: `now` is a parameter, time zones are IANA names, and nothing here talks to Slack, a
database or a calendar (the calendars' busy time comes in as intervals).
"""
