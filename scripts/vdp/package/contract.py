"""What the code relies on in the package, kept in code so that a pull request's schema edit cannot take it away.

The Table Schemas in datapackage/ remain the one source of truth for what the data mean, for validation, the data
dictionary and the downloads. A schema may add tables, fields and rules; it may not remove what is listed here
(the tables, the typed fields, the keys and the references the site's code reads), nor widen the coded values the
code branches on. A schema that does is reported as a problem of its own, with its file and field named, and the
references and coded values below are checked on the data whatever the schema says.
"""

from __future__ import annotations

# table -> field -> type, for every field the code reads.
FIELDS: dict[str, dict[str, str]] = {
    "sources": {
        "source_id": "string",
        "url": "string",
        "title": "string",
        "publisher": "string",
        "published": "date",
        "language": "string",
        "accessed": "date",
        "publisher_type": "string",
    },
    "actors": {"actor_id": "string", "name_en": "string", "name_vi": "string", "kind": "string", "iso3": "string"},
    "vaccines": {
        "vaccine_id": "string",
        "name_en": "string",
        "name_vi": "string",
        "vn_authorised": "date",
        "source_id": "string",
    },
    "donations": {
        "donation_id": "string",
        "date": "date",
        "date_precision": "string",
        "donor_id": "string",
        "recipient_id": "string",
        "channel": "string",
        "vaccine_id": "string",
        "doses": "integer",
        "status": "string",
        "pledge_id": "string",
        "source_id": "string",
    },
    "purchases": {
        "purchase_id": "string",
        "date": "date",
        "date_precision": "string",
        "seller_id": "string",
        "vaccine_id": "string",
        "doses": "integer",
        "status": "string",
        "source_id": "string",
    },
    "equipment_aid": {
        "aid_id": "string",
        "date": "date",
        "date_precision": "string",
        "donor_id": "string",
        "recipient_id": "string",
        "category": "string",
        "description": "string",
        "quantity": "number",
        "unit": "string",
        "value": "number",
        "currency": "string",
        "value_usd": "number",
        "source_id": "string",
    },
    "contacts": {
        "contact_id": "string",
        "date": "date",
        "date_precision": "string",
        "channel": "string",
        "vn_person": "string",
        "vn_role": "string",
        "counterpart_id": "string",
        "counterpart_person": "string",
        "counterpart_role": "string",
        "summary": "string",
        "source_id": "string",
    },
    "official_totals": {
        "total_id": "string",
        "metric": "string",
        "value": "number",
        "qualifier": "string",
        "unit": "string",
        "as_of": "date",
        "as_of_precision": "string",
        "subject_id": "string",
        "source_id": "string",
    },
    "exchange_rates": {
        "currency": "string",
        "year": "integer",
        "units_per_usd": "number",
        "usd_per_unit": "number",
        "source_id": "string",
    },
}

PRIMARY_KEYS: dict[str, list[str]] = {
    "sources": ["source_id"],
    "actors": ["actor_id"],
    "vaccines": ["vaccine_id"],
    "donations": ["donation_id"],
    "purchases": ["purchase_id"],
    "equipment_aid": ["aid_id"],
    "contacts": ["contact_id"],
    "official_totals": ["total_id"],
    "exchange_rates": ["currency", "year"],
}

# (table, field) -> (referenced table, referenced field): checked on the data even if a schema drops the foreign key.
REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("vaccines", "source_id"): ("sources", "source_id"),
    ("donations", "donor_id"): ("actors", "actor_id"),
    ("donations", "recipient_id"): ("actors", "actor_id"),
    ("donations", "vaccine_id"): ("vaccines", "vaccine_id"),
    ("donations", "pledge_id"): ("donations", "donation_id"),
    ("donations", "source_id"): ("sources", "source_id"),
    ("purchases", "seller_id"): ("actors", "actor_id"),
    ("purchases", "vaccine_id"): ("vaccines", "vaccine_id"),
    ("purchases", "source_id"): ("sources", "source_id"),
    ("equipment_aid", "donor_id"): ("actors", "actor_id"),
    ("equipment_aid", "recipient_id"): ("actors", "actor_id"),
    ("equipment_aid", "source_id"): ("sources", "source_id"),
    ("contacts", "counterpart_id"): ("actors", "actor_id"),
    ("contacts", "source_id"): ("sources", "source_id"),
    ("official_totals", "subject_id"): ("actors", "actor_id"),
    ("official_totals", "source_id"): ("sources", "source_id"),
    ("exchange_rates", "source_id"): ("sources", "source_id"),
}

# Coded values the code branches on: a schema may not add to them (a new status would be counted nowhere).
CODES: dict[tuple[str, str], set[str]] = {
    ("donations", "status"): {"pledged", "delivered"},
    ("purchases", "status"): {"contracted", "delivered"},
    ("official_totals", "qualifier"): {"exact", "about", "at_least"},
    **{(t, "date_precision"): {"day", "month", "year"} for t in ("donations", "purchases", "equipment_aid", "contacts")},
    ("official_totals", "as_of_precision"): {"day", "month", "year"},
}

# Fields shown as names, people, roles, titles and units: plain words only (no markup, template syntax or line breaks).
NAME_FIELDS: dict[str, list[str]] = {
    "sources": ["title", "publisher"],
    "actors": ["name_en", "name_vi"],
    "vaccines": ["name_en", "name_vi", "manufacturer"],
    "donations": ["arrival_place"],
    "equipment_aid": ["unit", "unit_vi"],
    "contacts": ["vn_person", "vn_role", "vn_role_vi", "counterpart_person", "counterpart_role", "counterpart_role_vi"],
}
