"""OCOP Stories: product records and stories → a bilingual showcase site, printables and QR codes."""

__version__ = "0.1.0"
