"""De beweging: the movement made visible, in figures computed by the database."""
