"""Write schema/trip.schema.json from the trip model (tests/test_trips.py fails when it is stale)."""

from pathlib import Path

from ocop_site.content.trips import trip_json_schema

TARGET = Path(__file__).resolve().parent.parent / "schema" / "trip.schema.json"

if __name__ == "__main__":
    TARGET.write_text(trip_json_schema(), encoding="utf-8")
    print(f"wrote {TARGET}")
