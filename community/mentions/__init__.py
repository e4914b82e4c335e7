"""@mentions of members in posts and replies: `@[Naam](lid:ID)`, a profile link, a notification."""
