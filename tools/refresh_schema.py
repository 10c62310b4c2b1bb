"""Write schema/product.schema.json from the record model (tests fail when it is stale)."""

from pathlib import Path

from ocop_site.content.records import product_json_schema

TARGET = Path(__file__).resolve().parent.parent / "schema" / "product.schema.json"

if __name__ == "__main__":
    TARGET.write_text(product_json_schema(), encoding="utf-8")
    print(f"wrote {TARGET}")
