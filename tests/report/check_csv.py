#!/usr/bin/env python3
"""check_csv.py DIR: reads every CSV a report wrote with Python's csv module and checks it.

Every file: RFC 4180 records ending CRLF, one field per header column in every record, and no field
a spreadsheet would run as a formula (a field starting with =, +, -, @, tab or CR is either a number
or text behind a single quote). The sample document's files (collab_render_sample_text) are checked
cell by cell: formula-like text reads back as text starting with "'", money reads back as numbers.
"""
import csv
import os
import sys

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

errors = []


def check(condition, what):
    if not condition:
        errors.append(what)
    return condition


def is_number(field):
    try:
        float(field)
        return True
    except ValueError:
        return False


def record_ends(text):
    """The offsets of the line breaks outside quoted fields, and whether each is CRLF."""
    quoted, ends = False, []
    for i, c in enumerate(text):
        if c == '"':
            quoted = not quoted  # a doubled quote toggles twice
        elif c == "\n" and not quoted:
            ends.append((i, i > 0 and text[i - 1] == "\r"))
        elif c == "\r" and not quoted and text[i + 1:i + 2] != "\n":
            ends.append((i, False))
    return ends


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    check(text.endswith("\r\n"), f"{path}: the last record does not end with CRLF")
    for n, (offset, crlf) in enumerate(record_ends(text)):
        check(crlf, f"{path}: record {n + 1} ends with a bare line break at byte {offset}")
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f, strict=True))


def check_any(path, records):
    """What holds for every report's CSV."""
    if not check(records, f"{path}: no header"):
        return
    width = len(records[0])
    for n, record in enumerate(records):
        check(len(record) == width, f"{path}: record {n + 1} has {len(record)} fields, the header {width}")
        for field in record:
            if field.startswith(FORMULA_STARTS):
                check(is_number(field), f"{path}: record {n + 1}: {field!r} would run as a formula")


def check_contributions(path, records):
    header, rows = records[0], records[1:]
    check(header == ["Unit", "Cash: Notts", "Cash: Leics | pipe", "Share", "Published", "Variance"],
          f"{path}: header {header}")
    check(len(rows) == 6, f"{path}: {len(rows)} rows, not 6")
    if len(rows) != 6:
        return
    check(rows[0] == ["EMSOU SOC", "1000.00", "500.50", "27.6", "999.00", "1.00"], f"{path}: row 1 {rows[0]}")
    # Formula-like text reads back as text behind a quote; a negative amount stays a number.
    check(rows[1][0] == "'=1+1 <b>bold</b>\nsecond line | pipe", f"{path}: row 2 text {rows[1][0]!r}")
    check(rows[1][1] == "-2.50" and float(rows[1][1]) == -2.5, f"{path}: row 2 money {rows[1][1]!r}")
    check(rows[1][2] == "" and rows[1][4] == "" and rows[1][5] == "", f"{path}: row 2 blanks {rows[1]}")
    check(rows[2][0] == "'@SUM(A1)", f"{path}: row 3 text {rows[2][0]!r}")
    check(rows[2][3] == "0.0005", f"{path}: row 3 percent {rows[2][3]!r}")
    check(rows[3] == ["Subtotal", "13343.17", "500.57", "", "13344.67", "-1.50"], f"{path}: subtotal {rows[3]}")
    check(rows[4][0] == "'-1+2", f"{path}: row 5 text {rows[4][0]!r}")
    check(rows[5] == ["Total", "13343.27", "500.77", "", "13344.77", "-1.50"], f"{path}: total {rows[5]}")
    for row in rows:
        for field in row[1:3] + row[4:]:
            check(field == "" or is_number(field), f"{path}: money {field!r} is not a number")


def check_workforce(path, records):
    check(records == [["Function", "People: Officers", "People: Staff", "Year", "Established"],
                      ["Serious and Organised Crime", "300", "46", "2012/13", "Sep 2011"],
                      ["Forensics", "20", "180", "2013/14", "31 Mar 2013"],
                      ["Total", "320", "226", "", ""]], f"{path}: {records}")


def check_injection(path, records):
    """Every text a spreadsheet would run comes back as text; amounts as numbers."""
    # A leading carriage return is shown as the text \x0d (a control character is never written
    # raw), which no spreadsheet runs; the others keep their text behind a quote.
    expected = ["'=1+1", "'+1", "'-1+2", "'@SUM(A1)", "'\tTAB", "\\x0dCR", "'-2.50", "plain"]
    rows = records[1:]
    check(records[0] == ["Text", "Amount"], f"{path}: header {records[0]}")
    check([r[0] for r in rows] == expected, f"{path}: texts {[r[0] for r in rows]}")
    for row in rows:
        check(is_number(row[1]) and not row[1].startswith("'"), f"{path}: amount {row[1]!r} is not a number")
    check([r[1] for r in rows][:2] == ["-2.50", "1.00"], f"{path}: amounts {[r[1] for r in rows]}")


SPECIFIC = {
    "sample-contributions.csv": check_contributions,
    "sample-workforce.csv": check_workforce,
    "injection-cells.csv": check_injection,
}


def main(argv):
    if len(argv) != 2:
        print("usage: check_csv.py DIR", file=sys.stderr)
        return 2
    names = sorted(n for n in os.listdir(argv[1]) if n.endswith(".csv"))
    check(names, f"{argv[1]}: no CSV files")
    for name in names:
        path = os.path.join(argv[1], name)
        records = read(path)
        check_any(path, records)
        if name in SPECIFIC and records:
            SPECIFIC[name](path, records)
    if any(n.startswith("sample-") for n in names):  # the sample's folder: every file is there
        for name in SPECIFIC:
            check(name in names, f"{argv[1]}: {name} missing")
    for e in errors:
        print(e)
    if not errors:
        print(f"ok: {len(names)} CSV file(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
