"""The form editor's configuration (Decap CMS `config.yml`), generated from the same pydantic models
that validate the content: every field of a product record and a trip, with its type, whether it is
required, its limits, its choices (the 96 official communes) and its help text.

Records are bilingual inside the file (`name: {vi, en}`), so they are plain collections; stories are
one file per language (`<slug>.vi.md`, `<slug>.en.md`), which is Decap's i18n `multiple_files`.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import BaseModel

from ocop_site.content.placeholders import RECORD_TEMPLATE
from ocop_site.content.records import ProductRecord, SiteRecord
from ocop_site.content.stories import LANGUAGES
from ocop_site.content.trips import TRIPS_FOLDER, TripRecord
from ocop_site.model.vocabulary import GROUPS, PRODUCER_KINDS, SHOP_KINDS

API_PATH = "/api/v1"
Field = dict[str, Any]

# Vietnamese label / English label, by field name; a field not listed shows its own name
LABELS: dict[str, str] = {
    "vi": "Tiếng Việt", "en": "English", "code": "Mã QR / QR code", "name": "Tên / Name",
    "group": "Nhóm sản phẩm / Group", "stars": "Số sao / Stars", "featured": "Nổi bật / Featured",
    "draft": "Bản nháp / Draft", "withdrawn": "Ngày rút khỏi OCOP / Withdrawn on",
    "summary": "Tóm tắt / Summary", "certificate": "Giấy chứng nhận / Certificate",
    "decision": "Số quyết định / Decision number", "recognized": "Ngày công nhận / Recognized on",
    "expires": "Ngày hết hạn / Expires on", "illustrative": "Minh họa (không phải số liệu thật) / Illustrative",
    "producer": "Chủ thể / Producer", "kind": "Loại / Kind", "phone": "Điện thoại / Phone",
    "address": "Địa chỉ / Address", "locality": "Địa phương / Locality", "commune": "Xã, phường, đặc khu / Commune",
    "former_district": "Huyện cũ / Former district", "coordinates": "Tọa độ / Coordinates",
    "lat": "Vĩ độ / Latitude", "lon": "Kinh độ / Longitude", "images": "Ảnh / Photos",
    "file": "Tệp ảnh / File", "alt": "Mô tả ảnh / Alt text", "credit": "Nguồn ảnh / Credit",
    "where_to_buy": "Nơi mua / Where to buy", "url": "Địa chỉ web / Web address",
    "season": "Mùa vụ / Season", "ingredients": "Thành phần / Ingredients", "shelf_life": "Hạn dùng / Shelf life",
    "price_range": "Giá / Price range", "min": "Thấp nhất / Lowest", "max": "Cao nhất / Highest",
    "per": "Đơn vị / Per", "press": "Báo chí / Press", "short": "Giới thiệu ngắn / Short",
    "long": "Giới thiệu dài / Long", "contact": "Liên hệ / Contact", "email": "Thư điện tử / E-mail",
    "photo_terms": "Điều kiện dùng ảnh / Photo terms", "days": "Các ngày / Days", "title": "Tiêu đề / Title",
    "stops": "Các điểm dừng / Stops", "time": "Giờ đến / Time", "product": "Sản phẩm (slug) / Product",
    "showroom": "Điểm giới thiệu OCOP / Showroom", "place": "Địa điểm khác / Place",
    "products": "Sản phẩm giới thiệu / Products", "activity": "Hoạt động / Activity",
    "travel_minutes": "Phút di chuyển đến điểm sau / Travel minutes", "notes": "Ghi chú / Notes",
    "body": "Câu chuyện / Story", "hours": "Giờ mở cửa / Opening hours", "id": "Mã điểm / Id",
    "site_url": "Địa chỉ trang web / Site address",
    "press_photo_terms": "Điều kiện dùng ảnh báo chí / Press photo terms",
    "showrooms": "Điểm giới thiệu OCOP / Showrooms", "map_tiles": "Nền bản đồ / Map tiles",
    "attribution": "Ghi nguồn bản đồ / Attribution", "attribution_url": "Trang nguồn bản đồ / Attribution page",
    "kiosk": "Kiosk hội chợ / Fair kiosk", "attract_after_seconds": "Giây trước màn hình chờ / Attract after seconds",
    "reset_after_seconds": "Giây trước khi về đầu / Reset after seconds", "video": "Video",
    "max_height": "Chiều cao tối đa (px) / Max height", "max_megabytes": "Dung lượng tối đa (MB) / Max megabytes",
    "max_minutes": "Thời lượng tối đa (phút) / Max minutes",
    "kiosk_budget_megabytes": "Dung lượng video của kiosk (MB) / Kiosk budget",
    "press_zip_megabytes": "Dung lượng gói báo chí (MB) / Press zip", "videos": "Video / Videos",
    "poster": "Ảnh bìa video / Poster", "duration": "Thời lượng / Duration", "captions": "Phụ đề / Captions",
    "terms": "Điều kiện sử dụng / Terms",
}
# the Vietnamese label of each choice a select offers, by value; a value not listed shows itself
CHOICES: dict[str, str] = {
    **{value: names["vi"] for table in (GROUPS, PRODUCER_KINDS, SHOP_KINDS) for value, names in table.items()},
    "famtrip": "Famtrip (đoàn doanh nghiệp lữ hành)", "presstrip": "Presstrip (đoàn phóng viên, báo chí)",
}
# a new product starts as a draft with the template's placeholders, as 'ocop-site new product' writes it
NEW_PRODUCT_HINT = ("Sản phẩm mới được lưu dưới dạng bản nháp (ô 'Bản nháp' được chọn) cùng hai câu chuyện mẫu. "
                    "Địa chỉ trang của sản phẩm (/products/…/) được tạo từ tên tiếng Anh và không bao giờ đổi. "
                    "Khi mọi ô '[[…]]' và hai câu chuyện đã được viết xong, bỏ chọn 'Bản nháp' rồi lưu.")
# the help line under a field, in Vietnamese, by field name (the schema's English description otherwise)
HINTS: dict[str, str] = {
    "name": "Tên, bằng hai thứ tiếng.",
    "code": "Mã QR cố định: 2-16 ký tự, chữ in hoa, chữ số và '-'. Không bao giờ đổi: mã đã in trên bao bì.",
    "group": "Nhóm sản phẩm OCOP theo Quyết định 148/QĐ-TTg.",
    "stars": "Hạng sao OCOP: 3, 4 hoặc 5 (5 sao là cấp quốc gia).",
    "featured": "Bật để giới thiệu sản phẩm ở trang chủ.",
    "withdrawn": "Ngày sản phẩm rút khỏi chương trình OCOP. Sản phẩm đã có mã QR không bao giờ bị xóa: trang và "
                 "mã QR của nó vẫn mở được và ghi rõ đã rút; sản phẩm không còn được liệt kê.",
    "summary": "Một hoặc hai câu giới thiệu, dùng cho thẻ sản phẩm và mô tả trang.",
    "decision": "Số quyết định công nhận, ví dụ 1234/QĐ-UBND.",
    "recognized": "Ngày ký quyết định công nhận.",
    "expires": "Để trống nếu là 36 tháng sau ngày công nhận.",
    "kind": "Loại chủ thể hoặc loại điểm bán.",
    "phone": "Số điện thoại, ví dụ 0255 3800 000 (giữ nguyên số 0 ở đầu).",
    "address": "Địa chỉ liên hệ.",
    "commune": "Xã, phường hoặc đặc khu theo tên chính thức từ tháng 7/2025.",
    "former_district": "Huyện cũ trước tháng 7/2025, ví dụ Huyện Mộ Đức.",
    "lat": "Vĩ độ, khoảng 14 đến 15,5 ở Quảng Ngãi.", "lon": "Kinh độ, khoảng 107,3 đến 109,2 ở Quảng Ngãi.",
    "images": "Ảnh đầu tiên là ảnh chính. Chép ảnh vào content/media/<slug>/ rồi ghi tên tệp.",
    "file": "Tên tệp ảnh trong content/media/<slug>/, ví dụ hero.jpg.",
    "alt": "Ảnh cho thấy gì, cho người không nhìn thấy ảnh, bằng hai thứ tiếng.",
    "credit": "Tác giả hoặc nguồn ảnh.", "vi": "Bản tiếng Việt.", "en": "Bản tiếng Anh.",
}
# bilingual texts long enough for a multi-line box
LONG_TEXTS = {"summary", "short", "long", "activity", "notes", "alt", "photo_terms"}


def cms_config() -> dict[str, Any]:
    """The whole Decap CMS configuration; paths are relative to the content folder."""
    return {
        "backend": {"name": "proxy", "proxy_url": API_PATH, "branch": "main"},
        "locale": "vi",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "media_folder": "media",
        "public_folder": "/media",
        "i18n": {"structure": "multiple_files", "locales": list(LANGUAGES), "default_locale": LANGUAGES[0]},
        "collections": [_products(), _stories(), _trips(), _settings()],
    }


def _products() -> Field:
    return {
        "name": "products", "label": "Sản phẩm / Products", "label_singular": "sản phẩm / product",
        "description": "Hồ sơ sản phẩm OCOP (content/products/<slug>.yaml). Nút 'Sản phẩm mới' tạo một bản nháp "
        "cùng hai câu chuyện mẫu. Sản phẩm đã có mã QR không bao giờ bị xóa: để rút một sản phẩm khỏi OCOP, ghi "
        "'Ngày rút khỏi OCOP'. / OCOP product records; a product is withdrawn, never deleted.",
        "folder": "products", "extension": "yaml", "format": "yaml", "create": True, "delete": False,
        "slug": "{{name.en | lower}}", "identifier_field": "code",
        "summary": "{{name.vi}} — {{name.en}} ({{filename}})", "editor": {"preview": False},
        "sortable_fields": ["code", "group", "stars"],
        "fields": _new_product_defaults(model_fields(ProductRecord)),
    }


NEW_ADDRESS_HINT = ("Bản tiếng Anh. Địa chỉ trang của một sản phẩm mới (/products/…/) được tạo từ tên này, "
                    "không dấu, chữ thường, và không bao giờ đổi.")
# required fields whose placeholder the form cannot hold (a number, a date, a choice, a photo): the form
# lets a draft be saved without them, the check before each save (validate's) requires them of the rest
CHECKED_ON_SAVE = {"group", "stars", "certificate.recognized", "producer.kind", "locality.commune",
                   "coordinates.lat", "coordinates.lon", "images"}
REQUIRED_ON_PUBLISHING = "Bắt buộc khi bỏ chọn 'Bản nháp'."


def _settings() -> Field:
    return {
        "name": "settings", "label": "Cài đặt trang / Site settings", "editor": {"preview": False},
        "description": "Cài đặt chung của trang (content/site.yaml): địa chỉ, tên, điểm giới thiệu OCOP, kiosk. "
        "/ The site's settings.",
        "files": [{"name": "site", "label": "Cài đặt trang / Site settings", "file": "site.yaml", "format": "yaml",
                   "fields": model_fields(SiteRecord)}],
    }


def _new_product_defaults(fields: list[Field]) -> list[Field]:
    """A new product's fields start as 'ocop-site new product' writes them: a draft, with the template's
    placeholders in its texts (the English name excepted: the product's address is made from it)."""
    template = yaml.safe_load(RECORD_TEMPLATE.format(schema="", code="", slug=""))

    def placed(fields: list[Field], values: dict[str, Any], at: str) -> list[Field]:
        done = []
        for field in fields:
            value, path = values.get(field["name"]), f"{at}{field['name']}"
            if path in CHECKED_ON_SAVE:
                field = {key: item for key, item in field.items() if key != "min" or field["widget"] != "list"}
                field.update(required=False, hint=f"{REQUIRED_ON_PUBLISHING} {field.get('hint', '')}".strip())
            if field["name"] == "draft":
                field = {**field, "default": True, "hint": NEW_PRODUCT_HINT}
            elif path == "name.en":
                field = {**field, "hint": NEW_ADDRESS_HINT}
            elif isinstance(value, dict) and field["widget"] == "object":
                field = {**field, "fields": placed(field["fields"], value, path + ".")}
            elif isinstance(value, str) and field["widget"] in ("string", "text") and path != "name.en" \
                    and value.startswith("[["):
                field = {**field, "default": value}
            done.append(field)
        return done

    return placed(fields, template, "")


def _stories() -> Field:
    return {
        "name": "stories", "label": "Câu chuyện / Stories", "label_singular": "câu chuyện / story",
        "description": "Câu chuyện sản phẩm, mỗi ngôn ngữ một tệp (content/stories/<slug>.vi.md và .en.md). "
        "/ Product stories, one file per language.",
        "folder": "stories", "extension": "md", "format": "yaml-frontmatter", "create": False, "delete": False,
        "i18n": True, "identifier_field": "body", "summary": "{{filename}}",
        "fields": [{
            "name": "body", "label": LABELS["body"], "widget": "markdown", "i18n": True,
            "modes": ["raw"], "sanitize_preview": True,  # saved exactly as typed
            "hint": "Đoạn mở đầu, rồi các mục '## Nguồn gốc', '## Quy trình sản xuất', '## Dấu ấn văn hóa' "
            "(và '## Lợi ích cộng đồng'). / A lead paragraph, then the sections '## Origin', "
            "'## Production process', '## Cultural imprint' (and '## Community benefit').",
        }],
    }


def _trips() -> Field:
    return {
        "name": "trips", "label": "Hành trình / Trips", "label_singular": "hành trình / trip",
        "description": "Lịch trình famtrip và presstrip (content/trips/<slug>.yaml). / Famtrip and presstrip "
        "itineraries.",
        "folder": TRIPS_FOLDER, "extension": "yaml", "format": "yaml", "create": True, "delete": False,
        "identifier_field": "name.en", "summary": "{{name.vi}} ({{filename}})",
        "editor": {"preview": False},
        "fields": model_fields(TripRecord),
    }


def model_fields(model: type[BaseModel]) -> list[Field]:
    """Decap fields for every property of the model's JSON Schema, nested objects and lists included."""
    schema = model.model_json_schema()
    return _object_fields(schema, schema.get("$defs", {}))


def _object_fields(schema: dict[str, Any], defs: dict[str, Any], long: bool = False,
                   optional: bool = False) -> list[Field]:
    """`long`: the strings of this object (the vi/en of a LONG_TEXTS field) get a multi-line box.
    `optional`: the object may be left out, so the form requires none of its fields (the editor's
    server still checks the whole record before it writes the file)."""
    required = set() if optional else set(schema.get("required", ()))
    return [_field(name, prop, name in required, defs, long) for name, prop in schema["properties"].items()]


def _field(name: str, prop: dict[str, Any], required: bool, defs: dict[str, Any], long: bool) -> Field:
    kind = _resolve(prop, defs)
    field: Field = {"name": name, "label": LABELS.get(name, name), "required": required}
    description = HINTS.get(name) or prop.get("description") or kind.get("description")
    if description:
        field["hint"] = description
    if "default" in prop and prop["default"] not in (None, [], {}):
        field["default"] = prop["default"]
    field.update(_widget(name, kind, defs, long, optional=not required))
    return field


def _widget(name: str, kind: dict[str, Any], defs: dict[str, Any], long: bool, optional: bool = False) -> Field:
    if "enum" in kind:
        return {"widget": "select", "options": [{"label": CHOICES[value], "value": value} if value in CHOICES
                                                else value for value in kind["enum"]]}
    if kind.get("type") == "object":
        return {"widget": "object", "collapsed": optional,
                "fields": _object_fields(kind, defs, long=name in LONG_TEXTS, optional=optional)}
    if kind.get("type") == "array":
        return _list(name, kind, defs)
    if kind.get("type") == "boolean":
        return {"widget": "boolean"}
    if kind.get("type") in ("integer", "number"):
        widget: Field = {"widget": "number", "value_type": "int" if kind["type"] == "integer" else "float"}
        for limit, key in (("minimum", "min"), ("maximum", "max")):
            if limit in kind:
                widget[key] = kind[limit]
        return widget
    if kind.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
                "picker_utc": True}
    widget = {"widget": "text" if long else "string"}
    if "pattern" in kind:
        widget["pattern"] = [kind["pattern"], f"phải khớp mẫu / must match {kind['pattern']}"]
    return widget


def _list(name: str, kind: dict[str, Any], defs: dict[str, Any]) -> Field:
    items = _resolve(kind["items"], defs)
    widget: Field = {"widget": "list", "default": []}  # a new entry starts with no item (not one left blank)
    if items.get("type") == "object":
        fields = _object_fields(items, defs)
        names = {field["name"] for field in fields}
        shown = next((key for key in ("name", "title", "file", "time") if key in names), None)
        widget.update(fields=fields, collapsed=True)
        if shown:
            nested = any(f["name"] == shown and f["widget"] == "object" for f in fields)
            widget["summary"] = "{{fields." + shown + (".vi" if nested else "") + "}}"
    else:
        widget["field"] = {"name": name, "label": LABELS.get(name, name), **_widget(name, items, defs, False)}
    if kind.get("minItems"):
        widget["min"] = kind["minItems"]
    return widget


def _resolve(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref` and drop the `null` of an optional value (`anyOf: [X, {type: null}]`)."""
    if "anyOf" in prop:
        choices = [choice for choice in prop["anyOf"] if choice.get("type") != "null"]
        prop = {**prop, **choices[0]} if len(choices) == 1 else choices[0]
        prop.pop("anyOf", None)
    if "$ref" in prop:
        return _resolve(defs[prop["$ref"].rsplit("/", 1)[-1]], defs)
    return prop
