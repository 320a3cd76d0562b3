"""Finding a time: slots from working hours and, when a calendar system is set up, busy times; the
confirmed meeting on the organiser's calendar. The Slack flow (buttons, votes, confirmation) calls these."""
