#!/usr/bin/env python3
"""Opens a report workbook with openpyxl: every formula is a SUM or a difference the renderer
writes, never text from a script; sheet names are valid. Usage: check_xlsx_text.py FILE"""
import re
import sys

import openpyxl

ALLOWED = re.compile(r"^=(SUM\([A-Z]+[0-9]+(:[A-Z]+[0-9]+)?(,[A-Z]+[0-9]+(:[A-Z]+[0-9]+)?)*\)|[A-Z]+[0-9]+-[A-Z]+[0-9]+)$")
wb = openpyxl.load_workbook(sys.argv[1])
bad = []
for ws in wb.worksheets:
    if len(ws.title) > 31 or any(ch in ws.title for ch in "[]:*?/\\") or ws.title.lower() == "history":
        bad.append(f"sheet name {ws.title!r}")
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f" and not ALLOWED.match(str(cell.value)):
                bad.append(f"{ws.title}!{cell.coordinate}: formula {cell.value!r}")
print("\n".join(bad) or f"{len(wb.worksheets)} sheets, no injected formula")
sys.exit(1 if bad else 0)
