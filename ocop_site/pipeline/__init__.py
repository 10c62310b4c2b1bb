"""Building: load + validate → render every target into a staging folder → swap it into place."""
