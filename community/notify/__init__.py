"""Followed themes and organisations that notify: fan-out, bundled delivery, one-click off."""
