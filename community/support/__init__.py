"""Support requests (hulpvraag): an organisation that wants to start asks someone from the field.

Report section 6.3: not a consultancy, but an ambassador who has done it, and who also connects
the organisation to the Community.
"""


def init_app(app) -> None:
    """Help requests and "ik denk mee" offers keep their themes when an admin merges one away.

    The import waits for the call, so importing the support models loads no services.
    """
    from community.support import services
    from community.themes.merging import theme_merged

    theme_merged.connect(services.keep_themes_of_merged)
