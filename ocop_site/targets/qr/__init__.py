"""Packaging QR codes: the module matrix (`symbol`) and the print artwork drawn from it (`artwork`)."""
