"""The trips target: per trip and language a printable A5 guide booklet (with a static route image
per day), under /print/trips/. The trip pages are made here too (pages.py), as part of the site's docs
tree (targets/docs_tree.py)."""
