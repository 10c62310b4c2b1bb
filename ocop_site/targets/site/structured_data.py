"""schema.org JSON-LD for product pages: what search engines and chat apps read about a product.

A product is a Product (a community-tourism service a TouristAttraction), made by its producer
(brand and manufacturer, whose address names the commune; the place of origin is also given as a
PropertyValue, schema.org having no property for it), certified by the OCOP programme
(a Certification with the star rating), and sold where the record says.
"""

from __future__ import annotations

import json

from ocop_site.model.catalog import Product
from ocop_site.model.vocabulary import GROUPS

PROVINCE = "Quảng Ngãi"


def product_jsonld(product: Product, language: str, page_url: str, image_urls: list[str],
                   videos: list[dict[str, object]] | None = None) -> str:
    record = product.record
    producer = {
        "@type": "Organization",
        "name": record.producer.name,
        "address": _address(record.producer.address, record.locality.commune),
    }
    if record.producer.phone:
        producer["telephone"] = record.producer.phone
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "TouristAttraction" if record.group.value == "tourism" else "Product",
        "name": getattr(record.name, language),
        "alternateName": getattr(record.name, "en" if language == "vi" else "vi"),
        "description": getattr(record.summary, language),
        "url": page_url,
        "image": image_urls,
        "inLanguage": language,
        "category": GROUPS[record.group.value][language],
    }
    place = {"@type": "Place", "name": record.locality.commune, "address": _address(None, record.locality.commune),
             "geo": {"@type": "GeoCoordinates", "latitude": record.coordinates.lat,
                     "longitude": record.coordinates.lon}}
    if record.group.value == "tourism":
        data.update(address=place["address"], geo=place["geo"], provider=producer)
    else:
        origin = {"@type": "PropertyValue", "name": "placeOfOrigin",
                  "value": f"{record.locality.commune}, {PROVINCE}, Việt Nam"}
        data.update(brand=producer, manufacturer=producer, countryOfOrigin={"@type": "Country", "name": "VN"},
                    additionalProperty=[origin])
    data["hasCertification"] = _certification(product)
    if videos:  # VideoObjects (targets/site/video.py): the story's videos are about the product
        data["subjectOf"] = videos
    offers = _offers(product, language)
    if offers:
        data["offers" if record.group.value != "tourism" else "makesOffer"] = offers
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # the JSON goes inside <script>: no record text may close it
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _address(street: str | None, commune: str) -> dict[str, str]:
    address = {"@type": "PostalAddress", "addressLocality": commune, "addressRegion": PROVINCE,
               "addressCountry": "VN"}
    if street:
        address["streetAddress"] = street
    return address


def _certification(product: Product) -> dict[str, object]:
    cert = product.record.certificate
    return {
        "@type": "Certification",
        "name": f"OCOP {product.record.stars} sao",
        "certificationIdentification": cert.decision,
        "certificationRating": {"@type": "Rating", "ratingValue": product.record.stars, "bestRating": 5,
                                "worstRating": 3},
        "issuedBy": {"@type": "Organization", "name": "Chương trình Mỗi xã một sản phẩm (OCOP)"},
        "validFrom": cert.recognized.isoformat(),
        "expires": product.expires.isoformat(),
    }


def _offers(product: Product, language: str) -> list[dict[str, object]]:
    record = product.record
    offers = []
    for shop in record.where_to_buy:
        offer: dict[str, object] = {"@type": "Offer", "seller": {"@type": "Organization",
                                                                         "name": getattr(shop.name, language)},
                                    "priceCurrency": "VND"}
        if shop.url:
            offer["url"] = shop.url
        if record.price_range:
            offer["priceSpecification"] = {"@type": "PriceSpecification", "minPrice": record.price_range.min,
                                           "maxPrice": record.price_range.max, "priceCurrency": "VND"}
        offers.append(offer)
    return offers
