"""Trips in the model: each stop resolved to a place on the map, with its products."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ocop_site.content.trips import Name, Place, Stop, TripRecord, referenced
from ocop_site.model.product import Product


@dataclass(frozen=True)
class TripStop:
    number: int  # from 1 within its day
    record: Stop
    product: Product | None  # the product whose production site this is
    shown: tuple[Product, ...]  # products presented here: the stop's own, then those listed

    @property
    def kind(self) -> str:
        """'product', 'showroom' or 'place'."""
        return "product" if self.product else ("showroom" if self.record.showroom else "place")

    @property
    def place(self) -> Place | None:
        return self.record.showroom or self.record.place

    def name(self, language: str) -> str:
        return self.product.name(language) if self.product else getattr(self.place.name, language)

    @property
    def address(self) -> str:
        return self.product.record.producer.address if self.product else self.place.address

    @property
    def lat_lon(self) -> tuple[float, float]:
        coordinates = self.product.record.coordinates if self.product else self.place.coordinates
        return coordinates.lat, coordinates.lon


@dataclass(frozen=True)
class TripDay:
    number: int  # from 1
    title: Name
    stops: tuple[TripStop, ...]

    @property
    def travel_minutes(self) -> int:
        return sum(stop.record.travel_minutes or 0 for stop in self.stops)


@dataclass(frozen=True)
class Trip:
    slug: str
    record: TripRecord
    days: tuple[TripDay, ...]
    source: Path

    def name(self, language: str) -> str:
        return getattr(self.record.name, language)

    @property
    def stops(self) -> list[TripStop]:
        return [stop for day in self.days for stop in day.stops]

    @property
    def products(self) -> list[Product]:
        """Every product the trip shows, once each, in the order of the trip."""
        return list({p.slug: p for stop in self.stops for p in stop.shown}.values())


def resolve_days(record: TripRecord, products: dict[str, Product]) -> tuple[TripDay, ...]:
    """The days of a validated record whose product references all exist."""
    days = []
    for d, day in enumerate(record.days, start=1):
        stops = []
        for s, stop in enumerate(day.stops, start=1):
            own = products[stop.product] if stop.product else None
            shown = dict.fromkeys([*([stop.product] if stop.product else []), *stop.products])
            stops.append(TripStop(s, stop, own, tuple(products[slug] for slug in shown)))
        days.append(TripDay(d, day.title, tuple(stops)))
    return tuple(days)


def resolve_trips(records: dict[str, tuple[Path, TripRecord]], products: dict[str, Product]) -> dict[str, Trip]:
    """The trips whose products all loaded (a stop naming a record with errors has been reported)."""
    return {slug: Trip(slug=slug, record=record, days=resolve_days(record, products), source=path)
            for slug, (path, record) in records.items() if all(name in products for name in referenced(record))}
