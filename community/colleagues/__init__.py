"""Who knows what: members' expertise themes, profiles with activity, the "Wie weet wat"
directory, and "Vraag een collega" (pointing an open question at colleagues who can answer)."""


def init_app(app) -> None:
    """Members' expertise follows a theme an admin merges into another.

    The import waits for the call, so importing the colleagues' models loads no services.
    """
    from community.colleagues import services
    from community.themes.merging import theme_merged

    theme_merged.connect(services.keep_expertise_of_merged)
