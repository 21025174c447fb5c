#!/usr/bin/env python3
"""Writes the `tables` and `cells` definitions of schema/report.schema.json from the spec.

Row and column ids are enumerated per table; the union of both editions in `properties`, and
each edition's own ids required through if/then on meta.edition. Run after the spec changes:
    python3 schema/gen_tables_schema.py spec/annual-report-format.json schema/report.schema.json
"""
import json
import sys

spec = json.load(open(sys.argv[1], encoding="utf-8"))
schema_path = sys.argv[2]
schema = json.load(open(schema_path, encoding="utf-8"))

def table_ids(editions):
    ids = {}
    for edition in editions:
        for table in edition["tables"]:
            rows, cols = ids.setdefault(table["id"], (set(), set()))
            for block in table.get("groups", [table]):
                rows.update(r["id"] for r in block["rows"])
                cols.update(c["id"] for c in block["columns"])
    return ids


ids = table_ids(spec["editions"].values())


def nested(leaf, ids=ids):
    props = {}
    for table, (rows, cols) in sorted(ids.items()):
        props[table] = {
            "type": "object",
            "propertyNames": {"enum": sorted(rows)},
            "additionalProperties": {
                "type": "object",
                "propertyNames": {"enum": sorted(cols)},
                "additionalProperties": leaf,
            },
        }
    return {"type": "object", "additionalProperties": False, "properties": props}


tables = nested({"type": ["number", "null"]})
tables["description"] = ("Values keyed <table>.<row>.<column> as spec/annual-report-format.json names them; "
                         "null where the report's cell could not be read.")
schema["properties"]["tables"] = tables
cells = nested({"$ref": "#/definitions/provenance"})
cells["description"] = "With --provenance: where each value was read, parallel to tables."
schema["properties"]["cells"] = cells

# Each edition: exactly its own row and column ids, every one present.
def required_tables(edition):
    props = {}
    for table in edition["tables"]:
        rows = {}
        for block in table.get("groups", [table]):
            cols = [c["id"] for c in block["columns"]]
            for r in block["rows"]:
                rows[r["id"]] = {"type": "object", "required": cols, "propertyNames": {"enum": cols}}
        props[table["id"]] = {"type": "object", "required": sorted(rows), "properties": rows,
                              "propertyNames": {"enum": sorted(rows)}}
    return {"type": "object", "required": sorted(props), "properties": props}


schema["allOf"] = [
    {"if": {"properties": {"meta": {"properties": {"edition": {"const": name}}}}},
     "then": {"properties": {"tables": required_tables(edition)}}}
    for name, edition in sorted(spec["editions"].items())
]
json.dump(schema, open(schema_path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
open(schema_path, "a").write("\n")
