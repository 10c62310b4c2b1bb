"""Share links that load nothing from the networks until the visitor follows one.

Facebook documents its sharer URL. Zalo documents only its SDK script, which would load on every
page; the link below is the page Zalo's own share button opens (`share_external`, the page address
as base64 JSON in `d`), followed here as a plain link. On phones, `assets/ocop.js` also offers
the system share sheet, where Zalo appears when it is installed.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import quote, urlencode

FACEBOOK = "https://www.facebook.com/sharer/sharer.php"
ZALO = "https://button-share.zalo.me/share_external"


def facebook_link(url: str) -> str:
    return f"{FACEBOOK}?u={quote(url, safe='')}"


def zalo_link(url: str) -> str:
    payload = base64.b64encode(json.dumps({"url": url}, separators=(",", ":")).encode()).decode()
    return f"{ZALO}?" + urlencode({"layout": 1, "color": "blue", "customize": "false", "d": payload,
                                   "shareType": 0})
