#!/usr/bin/env python3
"""Reads a CSV report file with Python's csv module: no cell a spreadsheet would run as a formula
(text starting with =, +, -, @, tab or CR, unless it is a plain number). Usage: check_csv_text.py FILE"""
import csv
import re
import sys

NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
bad = []
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for r, row in enumerate(csv.reader(f), 1):
        for c, cell in enumerate(row, 1):
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.match(cell):
                bad.append(f"row {r} column {c}: {cell!r}")
print("\n".join(bad) or "no cell runs as a formula")
sys.exit(1 if bad else 0)
