"""The newsletter (digest): members' settings, followers by e-mail, runs and deliveries."""


def init_app(app) -> None:
    """Connect the digest's side of account creation and theme merges (handover.py).

    The import waits for the call, so importing the digest's models loads no services.
    """
    from community.digest import handover

    handover.connect()
