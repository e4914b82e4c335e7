"""Who knows what: members' expertise themes, profiles with activity, the "Wie weet wat"
directory, and "Vraag een collega" (pointing an open question at colleagues who can answer)."""
