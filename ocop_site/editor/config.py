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
from ocop_site.content.trips import TRIPS_FOLDER, TripRecord
from ocop_site.i18n import LANGUAGES, N_, t
from ocop_site.model.vocabulary import GROUPS, PRODUCER_KINDS, SHOP_KINDS

API_PATH = "/api/v1"
Field = dict[str, Any]


def both(key: str) -> str:
    """A catalogue entry as the form shows a label: 'Vietnamese / English', or one word where they agree."""
    vi, en = (t(key, language) for language in LANGUAGES)
    return vi if vi == en else f"{vi} / {en}"


# a field's label, by field name: the catalogue key of its words; a field not listed shows its own name
LABEL_KEYS: dict[str, str] = {
    "code": N_("field_code"), "name": N_("field_name"), "group": N_("field_group"), "stars": N_("field_stars"),
    "featured": N_("field_featured"), "draft": N_("field_draft"), "withdrawn": N_("field_withdrawn"),
    "summary": N_("field_summary"), "certificate": N_("field_certificate"), "decision": N_("field_decision"),
    "recognized": N_("field_recognized"), "expires": N_("field_expires"), "illustrative": N_("field_illustrative"),
    "producer": N_("field_producer"), "kind": N_("field_kind"), "phone": N_("field_phone"),
    "address": N_("field_address"), "locality": N_("field_locality"), "commune": N_("field_commune"),
    "former_district": N_("field_former_district"), "coordinates": N_("field_coordinates"), "lat": N_("field_lat"),
    "lon": N_("field_lon"), "images": N_("field_images"), "file": N_("field_file"), "alt": N_("field_alt"),
    "credit": N_("field_credit"), "where_to_buy": N_("field_where_to_buy"), "url": N_("field_url"),
    "season": N_("field_season"), "ingredients": N_("field_ingredients"), "shelf_life": N_("field_shelf_life"),
    "price_range": N_("field_price_range"), "min": N_("field_min"), "max": N_("field_max"), "per": N_("field_per"),
    "press": N_("field_press"), "short": N_("field_short"), "long": N_("field_long"), "contact": N_("field_contact"),
    "email": N_("field_email"), "photo_terms": N_("field_photo_terms"), "days": N_("field_days"),
    "title": N_("field_title"), "stops": N_("field_stops"), "time": N_("field_time"), "product": N_("field_product"),
    "showroom": N_("field_showroom"), "place": N_("field_place"), "products": N_("field_products"),
    "activity": N_("field_activity"), "travel_minutes": N_("field_travel_minutes"), "notes": N_("field_notes"),
    "body": N_("field_body"), "hours": N_("field_hours"), "id": N_("field_id"), "site_url": N_("field_site_url"),
    "press_photo_terms": N_("field_press_photo_terms"), "showrooms": N_("field_showrooms"),
    "map_tiles": N_("field_map_tiles"), "attribution": N_("field_attribution"),
    "attribution_url": N_("field_attribution_url"), "kiosk": N_("field_kiosk"),
    "attract_after_seconds": N_("field_attract_after_seconds"),
    "reset_after_seconds": N_("field_reset_after_seconds"), "video": N_("field_video"),
    "max_height": N_("field_max_height"), "max_megabytes": N_("field_max_megabytes"),
    "max_minutes": N_("field_max_minutes"), "kiosk_budget_megabytes": N_("field_kiosk_budget_megabytes"),
    "press_zip_megabytes": N_("field_press_zip_megabytes"), "videos": N_("field_videos"),
    "poster": N_("field_poster"), "duration": N_("field_duration"), "captions": N_("field_captions"),
    "terms": N_("field_terms"), "uploaded": N_("field_uploaded"),
}
LABELS: dict[str, str] = {**{language: t("language_name", language) for language in LANGUAGES},
                          **{name: both(key) for name, key in LABEL_KEYS.items()}}
# a label that depends on where the field is (a video's file is no photo), by 'collection:path'
PATH_LABEL_KEYS: dict[str, str] = {"products:videos.file": N_("field_video_file"),
                                   "products:videos.credit": N_("field_video_credit")}
# the Vietnamese label of each choice a select offers, by value; a value not listed shows itself
CHOICES: dict[str, str] = {
    **{value: names["vi"] for table in (GROUPS, PRODUCER_KINDS, SHOP_KINDS) for value, names in table.items()},
    "famtrip": t("famtrip", "vi"), "presstrip": t("presstrip", "vi"),
}
# the help line under a field, in Vietnamese: the catalogue key for 'collection:path', else for the
# longest end of the field's path ('stops.showroom.name', 'showroom.name', 'name'); every field has one
# (tests/test_editor.py checks it), so the schema's English descriptions never reach the form
HINT_KEYS: dict[str, str] = {
    "name": N_("hint_name"),
    "vi": N_("hint_vi"),
    "en": N_("hint_en"),
    "products:name.en": N_("hint_new_product_address"),  # a new product's address is made from it
    "products:draft": N_("hint_new_product_draft"),
    "code": N_("hint_code"),
    "group": N_("hint_group"),
    "stars": N_("hint_stars"),
    "featured": N_("hint_featured"),
    "withdrawn": N_("hint_withdrawn"),
    "summary": N_("hint_summary"),
    "certificate": N_("hint_certificate"),
    "decision": N_("hint_decision"),
    "recognized": N_("hint_recognized"),
    "expires": N_("hint_expires"),
    "certificate.illustrative": N_("hint_certificate_illustrative"),
    "producer": N_("hint_producer"),
    "producer.name": N_("hint_producer_name"),
    "producer.kind": N_("hint_producer_kind"),
    "phone": N_("hint_phone"),
    "where_to_buy.phone": N_("hint_shop_phone"),
    "contact.phone": N_("hint_contact_phone"),
    "address": N_("hint_address"),
    "stops.showroom.address": N_("hint_stop_address"),
    "stops.place.address": N_("hint_stop_address"),
    "producer.illustrative": N_("hint_producer_illustrative"),
    "locality": N_("hint_locality"),
    "commune": N_("hint_commune"),
    "former_district": N_("hint_former_district"),
    "coordinates": N_("hint_coordinates"),
    "stops.showroom.coordinates": N_("hint_stop_coordinates"),
    "stops.place.coordinates": N_("hint_stop_coordinates"),
    "showrooms.coordinates": N_("hint_showroom_coordinates"),
    "lat": N_("hint_lat"),
    "lon": N_("hint_lon"),
    "images": N_("hint_images"),
    "images.file": N_("hint_image_file"),
    "alt": N_("hint_alt"),
    "images.credit": N_("hint_image_credit"),
    "where_to_buy": N_("hint_where_to_buy"),
    "where_to_buy.kind": N_("hint_shop_kind"),
    "where_to_buy.showroom": N_("hint_shop_showroom"),
    "where_to_buy.name": N_("hint_shop_name"),
    "hours": N_("hint_hours"),
    "where_to_buy.url": N_("hint_shop_url"),
    "where_to_buy.illustrative": N_("hint_shop_illustrative"),
    "season": N_("hint_season"),
    "ingredients": N_("hint_ingredients"),
    "shelf_life": N_("hint_shelf_life"),
    "price_range": N_("hint_price_range"),
    "price_range.min": N_("hint_price_min"),
    "price_range.max": N_("hint_price_max"),
    "price_range.per": N_("hint_price_per"),
    "press": N_("hint_press"),
    "press.short": N_("hint_press_short"),
    "press.long": N_("hint_press_long"),
    "press.contact": N_("hint_press_contact"),
    "press.contact.name": N_("hint_press_contact_name"),
    "email": N_("hint_email"),
    "press.contact.illustrative": N_("hint_press_contact_illustrative"),
    "press.photo_terms": N_("hint_photo_terms"),
    "videos": N_("hint_videos"),
    "videos.file": N_("hint_video_file"),
    "videos.url": N_("hint_video_url"),
    "videos.poster": N_("hint_video_poster"),
    "videos.title": N_("hint_video_title"),
    "videos.credit": N_("hint_video_credit"),
    "videos.duration": N_("hint_video_duration"),
    "videos.captions": N_("hint_video_captions"),
    "captions.vi": N_("hint_captions_vi"),
    "captions.en": N_("hint_captions_en"),
    "videos.uploaded": N_("hint_video_uploaded"),
    "videos.terms": N_("hint_video_terms"),
    "videos.illustrative": N_("hint_video_illustrative"),
    "trips:name": N_("hint_trip_name"),
    "trips:kind": N_("hint_trip_kind"),
    "trips:summary": N_("hint_trip_summary"),
    "days": N_("hint_days"),
    "days.title": N_("hint_day_title"),
    "stops": N_("hint_stops"),
    "time": N_("hint_stop_time"),
    "stops.product": N_("hint_stop_product"),
    "stops.showroom": N_("hint_stop_showroom"),
    "stops.showroom.name": N_("hint_stop_place_name"),
    "stops.place.name": N_("hint_stop_place_name"),
    "stops.showroom.illustrative": N_("hint_place_illustrative"),
    "stops.place.illustrative": N_("hint_place_illustrative"),
    "showrooms.illustrative": N_("hint_place_illustrative"),
    "stops.place": N_("hint_stop_place"),
    "stops.products": N_("hint_stop_products"),
    "activity": N_("hint_activity"),
    "stops.contact": N_("hint_stop_contact"),
    "stops.contact.name": N_("hint_stop_contact_name"),
    "stops.contact.illustrative": N_("hint_stop_contact_illustrative"),
    "travel_minutes": N_("hint_travel_minutes"),
    "notes": N_("hint_notes"),
    "site_url": N_("hint_site_url"),
    "settings:title": N_("hint_site_title"),
    "press_photo_terms": N_("hint_press_photo_terms"),
    "showrooms": N_("hint_showrooms"),
    "showrooms.id": N_("hint_showroom_id"),
    "showrooms.name": N_("hint_showroom_name"),
    "showrooms.locality": N_("hint_showroom_locality"),
    "map_tiles": N_("hint_map_tiles"),
    "map_tiles.url": N_("hint_map_tiles_url"),
    "map_tiles.attribution": N_("hint_map_attribution"),
    "map_tiles.attribution_url": N_("hint_map_attribution_url"),
    "settings:kiosk": N_("hint_kiosk"),
    "kiosk.attract_after_seconds": N_("hint_kiosk_attract"),
    "kiosk.reset_after_seconds": N_("hint_kiosk_reset"),
    "settings:video": N_("hint_video_limits"),
    "video.max_height": N_("hint_video_max_height"),
    "video.max_megabytes": N_("hint_video_max_megabytes"),
    "video.max_minutes": N_("hint_video_max_minutes"),
    "video.kiosk_budget_megabytes": N_("hint_video_kiosk_budget"),
    "video.press_zip_megabytes": N_("hint_video_press_zip"),
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
        "name": "products", "label": both(N_("collection_products")), "label_singular": both(N_("collection_product")),
        "description": both(N_("collection_products_description")),
        "folder": "products", "extension": "yaml", "format": "yaml", "create": True, "delete": False,
        "slug": "{{name.en | lower}}", "identifier_field": "code",
        "summary": "{{name.vi}} — {{name.en}} ({{filename}})", "editor": {"preview": False},
        "sortable_fields": ["code", "group", "stars"],
        "fields": _new_product_defaults(model_fields(ProductRecord, "products")),
    }


# required fields whose placeholder the form cannot hold (a number, a date, a choice, a photo): the form
# lets a draft be saved without them, the check before each save (validate's) requires them of the rest
CHECKED_ON_SAVE = {"group", "stars", "certificate.recognized", "producer.kind", "locality.commune",
                   "coordinates.lat", "coordinates.lon", "images"}


def _settings() -> Field:
    return {
        "name": "settings", "label": both(N_("collection_settings")), "editor": {"preview": False},
        "description": both(N_("collection_settings_description")),
        "files": [{"name": "site", "label": both(N_("collection_settings")), "file": "site.yaml", "format": "yaml",
                   "fields": model_fields(SiteRecord, "settings")}],
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
                field.update(required=False,
                             hint=f"{t('hint_required_on_publishing', 'vi')} {field.get('hint', '')}".strip())
            if field["name"] == "draft":
                field = {**field, "default": True}
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
        "name": "stories", "label": both(N_("collection_stories")), "label_singular": both(N_("collection_story")),
        "description": both(N_("collection_stories_description")),
        "folder": "stories", "extension": "md", "format": "yaml-frontmatter", "create": False, "delete": False,
        "i18n": True, "identifier_field": "body", "summary": "{{filename}}",
        "fields": [{
            "name": "body", "label": LABELS["body"], "widget": "markdown", "i18n": True,
            "modes": ["raw"], "sanitize_preview": True,  # saved exactly as typed
            "hint": both(N_("hint_story_body")),  # the form shows the story of either language
        }],
    }


def _trips() -> Field:
    return {
        "name": "trips", "label": both(N_("collection_trips")), "label_singular": both(N_("collection_trip")),
        "description": both(N_("collection_trips_description")),
        "folder": TRIPS_FOLDER, "extension": "yaml", "format": "yaml", "create": True, "delete": False,
        "identifier_field": "name.en", "summary": "{{name.vi}} ({{filename}})",
        "editor": {"preview": False},
        "fields": model_fields(TripRecord, "trips"),
    }


def model_fields(model: type[BaseModel], collection: str) -> list[Field]:
    """Decap fields for every property of the model's JSON Schema, nested objects and lists included."""
    schema = model.model_json_schema()
    return _object_fields(schema, schema.get("$defs", {}), f"{collection}:")


def hint(at: str) -> str:
    """The Vietnamese help line of the field at `at` ('trips:days.stops.time'); '' for a field not given one
    yet (a new schema field: tests/test_editor.py fails until it has one; the form still opens)."""
    path = at.partition(":")[2]
    parts = path.split(".")
    for look in (at, *(".".join(parts[start:]) for start in range(len(parts)))):
        if look in HINT_KEYS:
            return t(HINT_KEYS[look], "vi")
    return ""


def _object_fields(schema: dict[str, Any], defs: dict[str, Any], at: str, long: bool = False,
                   optional: bool = False) -> list[Field]:
    """`long`: the strings of this object (the vi/en of a LONG_TEXTS field) get a multi-line box.
    `optional`: the object may be left out, so the form requires none of its fields (the editor's
    server still checks the whole record before it writes the file)."""
    required = set() if optional else set(schema.get("required", ()))
    return [_field(name, prop, name in required, defs, at + name, long)
            for name, prop in schema["properties"].items()]


def _field(name: str, prop: dict[str, Any], required: bool, defs: dict[str, Any], at: str, long: bool) -> Field:
    kind = _resolve(prop, defs)
    label = both(PATH_LABEL_KEYS[at]) if at in PATH_LABEL_KEYS else LABELS.get(name, name)
    field: Field = {"name": name, "label": label, "required": required}
    most = kind.get("maxLength")  # a text printed whole (records.PRINTED, trips.py); a vi/en group: on each language
    help_line = " ".join(part for part in (hint(at), t("form_max_length", "vi", n=most) if most else "") if part)
    if help_line:  # the maximum is told, not enforced while typing: the browser would count decomposed letters
        field["hint"] = help_line
    if "default" in prop and prop["default"] not in (None, [], {}):
        field["default"] = prop["default"]
    field.update(_widget(name, kind, defs, at, long, optional=not required))
    return field


def _widget(name: str, kind: dict[str, Any], defs: dict[str, Any], at: str, long: bool,
            optional: bool = False) -> Field:
    if "enum" in kind:
        return {"widget": "select", "options": [{"label": CHOICES[value], "value": value} if value in CHOICES
                                                else value for value in kind["enum"]]}
    if kind.get("type") == "object":
        return {"widget": "object", "collapsed": optional,
                "fields": _object_fields(kind, defs, at + ".", long=name in LONG_TEXTS, optional=optional)}
    if kind.get("type") == "array":
        return _list(name, kind, defs, at)
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
        # what Decap says while typing a value the pattern refuses: the field's help line, not the pattern
        widget["pattern"] = [kind["pattern"], f"{t('form_pattern', 'vi')} {hint(at)}".strip()]
    return widget


def _list(name: str, kind: dict[str, Any], defs: dict[str, Any], at: str) -> Field:
    items = _resolve(kind["items"], defs)
    widget: Field = {"widget": "list", "default": []}  # a new entry starts with no item (not one left blank)
    if items.get("type") == "object":
        fields = _object_fields(items, defs, at + ".")
        names = {field["name"] for field in fields}
        shown = next((key for key in ("name", "title", "file", "time") if key in names), None)
        widget.update(fields=fields, collapsed=True)
        if shown:
            nested = any(f["name"] == shown and f["widget"] == "object" for f in fields)
            widget["summary"] = "{{fields." + shown + (".vi" if nested else "") + "}}"
    else:
        widget["field"] = {"name": name, "label": LABELS.get(name, name), **_widget(name, items, defs, at, False)}
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
