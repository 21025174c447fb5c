#!/usr/bin/env python3
"""Writes the `tables` and `cells` definitions of schema/report.schema.json from the spec.

Row and column ids are enumerated per table (the union of the 2019 and 2021 editions; which
of them a document has follows its meta.edition). Run after the spec changes:
    python3 schema/gen_tables_schema.py spec/annual-report-format.json schema/report.schema.json
"""
import json
import sys

spec = json.load(open(sys.argv[1], encoding="utf-8"))
schema_path = sys.argv[2]
schema = json.load(open(schema_path, encoding="utf-8"))

ids = {}
for edition in spec["editions"].values():
    for table in edition["tables"]:
        rows, cols = ids.setdefault(table["id"], (set(), set()))
        for block in table.get("groups", [table]):
            rows.update(r["id"] for r in block["rows"])
            cols.update(c["id"] for c in block["columns"])


def nested(leaf):
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
json.dump(schema, open(schema_path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
open(schema_path, "a").write("\n")
