"""The Target entries of the targets whose render cache keys hash their own folder (QR artwork, share
cards, press kits, printables, trip guides): a module added inside such a folder would change every
key and render every file again, so their entries live here."""
