"""Demo data for trying the site: `flask demo seed` (run by `make run`)."""
