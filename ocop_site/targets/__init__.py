"""Targets: each renders the validated model into files (site pages, QR artwork, printables)."""
