#!/usr/bin/env python3
"""check_report_json.py FILE.json...: checks report JSON against schema "collab.report" version 1.

The schema is docs/report-json.md; this checker is written for it with the standard library only
(no generic JSON-Schema engine), so it can also check what a schema cannot say: row keys equal to
the table's column keys, ids that refer to something that exists, and totals and differences that
add up. Unknown keys are errors: a field added to the renderer must be added here and in the doc.
Prints every problem as "FILE: where: what" and exits 1 if there is any.
"""
import json
import re
import sys

KEY = re.compile(r"[a-z][a-z0-9_-]*\Z")
YEAR = re.compile(r"[0-9]{4}/[0-9]{2}\Z")
COLUMN_TYPES = {"text", "money", "percent", "integer", "date", "year"}
NUMERIC = {"money", "percent", "integer"}
ROW_KINDS = {"body", "subtotal", "total"}
CHART_KINDS = {"bar", "stacked_bar", "line"}
STYLES = {"plain", "emphasis", "strong"}
ROW_META = {"$kind", "$computed", "$explain", "$footnotes", "$sums"}


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_number(v):
    return (isinstance(v, (int, float))) and not isinstance(v, bool)


def is_str(v):
    return isinstance(v, str)


def is_bool(v):
    return isinstance(v, bool)


def is_list(v):
    return isinstance(v, list)


def is_dict(v):
    return isinstance(v, dict)


# The type a value of each column type must have (null, an empty cell, is always allowed).
CELL_TYPES = {
    "text": is_str,
    "money": is_int,  # integer pence
    "percent": is_number,  # a number of percent
    "integer": is_int,
    "date": is_str,
    "year": lambda v: is_str(v) and YEAR.match(v) is not None,
}


class Checker:
    def __init__(self, name):
        self.name = name
        self.errors = []
        self.footnotes = set()
        self.explanations = set()
        self.tables = {}  # id -> table block

    def error(self, where, what):
        self.errors.append(f"{self.name}: {where}: {what}")

    def fields(self, obj, where, required, optional=None):
        """obj is an object with every required key of the right type, optional ones if present."""
        optional = optional or {}
        if not is_dict(obj):
            self.error(where, "expected an object")
            return False
        ok = True
        for key, test in required.items():
            if key not in obj:
                self.error(where, f"missing '{key}'")
                ok = False
            elif not test(obj[key]):
                self.error(where, f"'{key}' has the wrong type: {json.dumps(obj[key])[:60]}")
                ok = False
        for key, test in optional.items():
            if key in obj and not test(obj[key]):
                self.error(where, f"'{key}' has the wrong type: {json.dumps(obj[key])[:60]}")
                ok = False
        for key in sorted(set(obj) - set(required) - set(optional)):
            self.error(where, f"unknown key '{key}'")
        return ok

    # ---- Document ----------------------------------------------------------------------------

    def document(self, doc):
        required = {"schema": is_str, "version": is_int, "id": is_str, "title": is_str, "subtitle": is_str,
                    "params": is_dict, "blocks": is_list, "footnotes": is_list, "explanations": is_list}
        if not self.fields(doc, "document", required):
            return
        if doc["schema"] != "collab.report":
            self.error("document", f"schema is '{doc['schema']}', not 'collab.report'")
        if doc["version"] != 1:
            self.error("document", f"version is {doc['version']}, this checker reads version 1")
        if not doc["id"]:
            self.error("document", "the id is empty")
        for name, value in doc["params"].items():
            if not is_str(value):
                self.error(f"params.{name}", "expected a string")
        self.collect_ids(doc)
        for i, fn in enumerate(doc["footnotes"]):
            if self.fields(fn, f"footnotes[{i}]", {"id": is_str, "spans": is_list}):
                self.spans(fn["spans"], f"footnotes[{i}].spans")
        for i, ex in enumerate(doc["explanations"]):
            if self.fields(ex, f"explanations[{i}]", {"id": is_str, "title": is_str, "lines": is_list}):
                if not all(is_str(line) for line in ex["lines"]):
                    self.error(f"explanations[{i}].lines", "expected strings")
        for i, block in enumerate(doc["blocks"]):
            self.block(block, f"blocks[{i}]")

    def collect_ids(self, doc):
        for name, items, ids in (("footnotes", doc["footnotes"], self.footnotes),
                                 ("explanations", doc["explanations"], self.explanations)):
            for i, item in enumerate(items):
                ident = item.get("id") if is_dict(item) else None
                if not is_str(ident) or not ident:
                    continue  # reported by the fields check or below
                if ident in ids:
                    self.error(f"{name}[{i}]", f"id '{ident}' is defined twice")
                ids.add(ident)
        for i, block in enumerate(doc["blocks"]):
            if is_dict(block) and block.get("type") == "table" and is_str(block.get("id")):
                if block["id"] in self.tables:
                    self.error(f"blocks[{i}]", f"table id '{block['id']}' is used twice")
                self.tables.setdefault(block["id"], block)

    def spans(self, spans, where):
        for i, span in enumerate(spans):
            here = f"{where}[{i}]"
            if is_dict(span) and "footnote" in span:
                if self.fields(span, here, {"footnote": is_str}) and span["footnote"] not in self.footnotes:
                    self.error(here, f"footnote '{span['footnote']}' does not exist")
            elif self.fields(span, here, {"text": is_str, "style": is_str}) and span["style"] not in STYLES:
                self.error(here, f"style '{span['style']}' is not one of {sorted(STYLES)}")

    # ---- Blocks ------------------------------------------------------------------------------

    def block(self, block, where):
        kind = block.get("type") if is_dict(block) else None
        if kind == "heading":
            if self.fields(block, where, {"type": is_str, "level": is_int, "text": is_str}) \
                    and not 1 <= block["level"] <= 3:
                self.error(where, f"level {block['level']} is not 1 to 3")
        elif kind in ("paragraph", "note"):
            if self.fields(block, where, {"type": is_str, "spans": is_list}):
                self.spans(block["spans"], f"{where}.spans")
        elif kind == "list":
            if self.fields(block, where, {"type": is_str, "ordered": is_bool, "items": is_list}):
                for i, item in enumerate(block["items"]):
                    if is_list(item):
                        self.spans(item, f"{where}.items[{i}]")
                    else:
                        self.error(f"{where}.items[{i}]", "expected a list of spans")
        elif kind == "table":
            self.table(block, where)
        elif kind == "chart":
            self.chart(block, where)
        else:
            self.error(where, f"unknown block type {json.dumps(kind)}")

    def chart(self, chart, where):
        required = {"type": is_str, "kind": is_str, "title": is_str, "table": is_str, "category": is_str,
                    "series": is_list}
        if not self.fields(chart, where, required):
            return
        if chart["kind"] not in CHART_KINDS:
            self.error(where, f"kind '{chart['kind']}' is not one of {sorted(CHART_KINDS)}")
        table = self.tables.get(chart["table"])
        if table is None:
            self.error(where, f"table '{chart['table']}' does not exist")
            return
        types = {c.get("key"): c.get("type") for c in table.get("columns", []) if is_dict(c)}
        if chart["category"] not in types:
            self.error(where, f"category '{chart['category']}' is not a column of table '{chart['table']}'")
        if not chart["series"]:
            self.error(where, "no series")
        for key in chart["series"]:
            if types.get(key) not in NUMERIC:
                self.error(where, f"series {json.dumps(key)} is not a numeric column of table '{chart['table']}'")

    def table(self, table, where):
        required = {"type": is_str, "id": is_str, "title": is_str, "source": is_str, "caption": is_list,
                    "columns": is_list, "rows": is_list}
        if not self.fields(table, where, required):
            return
        if not KEY.match(table["id"]):
            self.error(where, f"table id '{table['id']}' is not [a-z][a-z0-9_-]*")
        self.spans(table["caption"], f"{where}.caption")
        columns = self.columns(table["columns"], f"{where}.columns")
        if columns is None:
            return
        rows = table["rows"]
        for i, row in enumerate(rows):
            self.row(row, columns, rows, f"{where}.rows[{i}]")

    # ---- Columns and rows --------------------------------------------------------------------

    def columns(self, columns, where):
        """{key: column} in order, or None when the columns are too broken to check rows against."""
        out = {}
        for i, col in enumerate(columns):
            here = f"{where}[{i}]"
            optional = {"group": is_str, "decimals": is_int, "difference": is_list, "footnote": is_str,
                        "sum": is_bool}
            if not self.fields(col, here, {"key": is_str, "title": is_str, "type": is_str}, optional):
                return None
            if not KEY.match(col["key"]) or col["key"] in out:
                self.error(here, f"key '{col['key']}' is not a unique [a-z][a-z0-9_-]*")
                return None
            if col["type"] not in COLUMN_TYPES:
                self.error(here, f"type '{col['type']}' is not one of {sorted(COLUMN_TYPES)}")
                return None
            self.decimals(col, here)
            if "footnote" in col and col["footnote"] not in self.footnotes:
                self.error(here, f"footnote '{col['footnote']}' does not exist")
            out[col["key"]] = col
        for i, col in enumerate(columns):
            if "difference" in col:
                self.difference(col, out, f"{where}[{i}]")
        return out

    def decimals(self, col, where):
        allowed = {"money": {-1, 0, 2}, "percent": {-1, 0, 1, 2, 3, 4}}.get(col["type"])
        if allowed is None:
            if "decimals" in col:
                self.error(where, f"a {col['type']} column has no decimals")
        elif "decimals" not in col:
            self.error(where, f"a {col['type']} column needs 'decimals'")
        elif col["decimals"] not in allowed:
            self.error(where, f"decimals {col['decimals']} is not one of {sorted(allowed)}")

    def difference(self, col, columns, where):
        operands = col["difference"]
        if len(operands) != 2 or not all(is_str(k) for k in operands):
            self.error(where, "difference is not [minuend, subtrahend]")
            return
        if col["type"] not in NUMERIC:
            self.error(where, f"a difference column cannot be {col['type']}")
        for key in operands:
            if key == col["key"] or key not in columns or columns[key]["type"] != col["type"]:
                self.error(where, f"difference operand '{key}' is not another {col['type']} column")

    def row(self, row, columns, rows, where):
        if not is_dict(row):
            self.error(where, "expected an object")
            return
        kind = row.get("$kind")
        if kind not in ROW_KINDS:
            self.error(where, f"$kind {json.dumps(kind)} is not one of {sorted(ROW_KINDS)}")
            return
        values = {k: v for k, v in row.items() if not k.startswith("$")}
        for key in sorted(set(row) - set(values) - ROW_META):
            self.error(where, f"unknown key '{key}'")
        if set(values) != set(columns):
            self.error(where, f"keys {sorted(values)} are not the columns {sorted(columns)}")
            return
        for key, value in values.items():
            if value is not None and not CELL_TYPES[columns[key]["type"]](value):
                self.error(f"{where}.{key}", f"{json.dumps(value)} is not a {columns[key]['type']} value")
        self.row_meta(row, kind, columns, rows, where)

    def row_meta(self, row, kind, columns, rows, where):
        computed = row.get("$computed", [])
        if not is_list(computed) or not all(k in columns for k in computed):
            self.error(where, "$computed is not a list of column keys")
            computed = []
        for meta, ids, what in (("$explain", self.explanations, "explanation"), ("$footnotes", self.footnotes, "footnote")):
            refs = row.get(meta, {})
            if not is_dict(refs):
                self.error(where, f"{meta} is not an object")
                continue
            for key, ident in refs.items():
                if key not in columns:
                    self.error(where, f"{meta} names '{key}', not a column")
                elif ident not in ids:
                    self.error(where, f"{meta}.{key}: {what} {json.dumps(ident)} does not exist")
        if kind == "body":
            if "$sums" in row:
                self.error(where, "a body row has no $sums")
        elif self.sums(row, rows, where):
            self.totals(row, computed, columns, rows, where)
        self.differences(row, computed, columns, where)

    def sums(self, row, rows, where):
        sums = row.get("$sums")
        if not is_list(sums) or not all(is_int(i) and 0 <= i < len(rows) for i in sums):
            self.error(where, "$sums is not a list of row indices")
            return False
        if any(not is_dict(rows[i]) or rows[i].get("$kind") != "body" for i in sums):
            self.error(where, "$sums names a row that is not a body row")
            return False
        return True

    def totals(self, row, computed, columns, rows, where):
        """A computed money or integer total is the sum of the rows it names."""
        for key in computed:
            col = columns[key]
            if col["type"] not in ("money", "integer") or "difference" in col:
                continue
            figures = [rows[i][key] for i in row["$sums"] if is_int(rows[i].get(key))]
            if row[key] != sum(figures):
                self.error(f"{where}.{key}", f"{row[key]} is not the sum of its rows, {sum(figures)}")

    def differences(self, row, computed, columns, where):
        for key, col in columns.items():
            if "difference" not in col or col["type"] not in ("money", "integer"):
                continue
            a, b = (row.get(k) for k in col["difference"])
            expected = a - b if is_int(a) and is_int(b) else None
            if row[key] != expected:
                self.error(f"{where}.{key}", f"{row[key]} is not {col['difference'][0]} - {col['difference'][1]}")
            elif expected is not None and key not in computed:
                self.error(where, f"difference cell '{key}' is not in $computed")


def check_file(path):
    checker = Checker(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        doc = json.loads(text)
    except (OSError, ValueError) as e:
        return [f"{path}: cannot read: {e}"]
    if not text.endswith("}\n"):
        checker.error("file", "does not end with a newline after the object")
    if json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n" != text:
        checker.error("file", "keys are not sorted or the layout is not 2-space indented")
    checker.document(doc)
    return checker.errors


def main(argv):
    if len(argv) < 2:
        print("usage: check_report_json.py FILE.json...", file=sys.stderr)
        return 2
    errors = [e for path in argv[1:] for e in check_file(path)]
    for e in errors:
        print(e)
    if not errors:
        print(f"ok: {len(argv) - 1} file(s) follow collab.report version 1")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
