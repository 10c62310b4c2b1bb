"""Printed maps of Quảng Ngãi drawn from real geography, offline: vector SVG for WeasyPrint.

The geography (data/quang-ngai.json, made by tools/extract_map_data.py; licences in data/LICENSES.md):
the coastline, Lý Sơn and the other islands and the main rivers from GSHHG; the outline of the province
(since 2025 the former provinces of Quảng Ngãi and Kon Tum), its neighbours and the national border from
Natural Earth. Places on the maps are points: products where they are made, trip stops, showrooms.
"""

from ocop_site.targets.printmaps.sketch import Marker, map_svg

__all__ = ["Marker", "map_svg"]
