"""/event, the announcement's buttons, the reminders' buttons and the event modals."""
