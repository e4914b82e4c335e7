"""Alerts for whoever must act: flags, access requests, colleagues who joined, 48-hour reminders."""
