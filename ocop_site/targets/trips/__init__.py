"""The trips target: per trip and language a printable A5 guide booklet (with a static route image
per day), under /print/trips/. The trip pages themselves are part of the site (site/trip_pages.py)."""
