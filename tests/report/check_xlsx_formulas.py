#!/usr/bin/env python3
"""Opens any report workbook with openpyxl and checks what must hold of every one: each formula
(=SUM(...) of a total, =X-Y of a difference) has a cached value, and that value is what the
formula computes from the cached values of the cells it names; money cells carry a pound number
format and percent cells a percent one. With --expect-sum SHEET!CELL=PENCE, that total's cached
value is the given figure, so a test can pin a report's totals against the documents.

Usage: check_xlsx_formulas.py FILE.xlsx [--expect-sum 'Sheet'!B12=3033046600]...
"""

import re
import sys

import openpyxl
from openpyxl.utils import range_boundaries

SUM = re.compile(r"^=SUM\((.*)\)$")
DIFF = re.compile(r"^=([A-Z]+[0-9]+)-([A-Z]+[0-9]+)$")


def main(argv):
    path, expected = argv[0], {}
    args = argv[1:]
    while args:
        if args[0] != "--expect-sum" or len(args) < 2:
            print(__doc__)
            return 2
        target, value = args[1].rsplit("=", 1)
        expected[target] = int(value)
        args = args[2:]
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    failures, counted = [], 0
    for ws in formulas.worksheets:
        cached = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                f = cell.value
                if not isinstance(f, str) or not f.startswith("="):
                    continue
                counted += 1
                have = cached[cell.coordinate].value
                where = f"'{ws.title}'!{cell.coordinate} {f}"
                if not isinstance(have, (int, float)):
                    failures.append(f"{where}: no cached number ({have!r})")
                    continue
                m, d = SUM.match(f), DIFF.match(f)
                if m:
                    total = 0.0
                    for part in m.group(1).split(","):
                        lo_c, lo_r, hi_c, hi_r = range_boundaries(part)
                        for r in range(lo_r, hi_r + 1):
                            for c in range(lo_c, hi_c + 1):
                                v = cached.cell(row=r, column=c).value
                                total += v if isinstance(v, (int, float)) else 0
                    want = total
                elif d:
                    a, b = (cached[x].value for x in d.groups())
                    want = (a or 0) - (b or 0)
                else:
                    failures.append(f"{where}: a formula the renderer should not write")
                    continue
                if abs(want - have) > 0.004:
                    failures.append(f"{where}: cached {have} but the formula gives {want}")
                if "%" not in cell.number_format and "£" not in cell.number_format and "#,##0" not in cell.number_format:
                    failures.append(f"{where}: number format {cell.number_format!r}")
    for target, pence in expected.items():
        sheet, coordinate = target.rsplit("!", 1)
        sheet = sheet.strip("'")
        if sheet not in values.sheetnames:
            failures.append(f"{target}: no such sheet (sheets: {values.sheetnames})")
            continue
        have = values[sheet][coordinate].value
        if not isinstance(formulas[sheet][coordinate].value, str):
            failures.append(f"{target}: not a formula")
        if not isinstance(have, (int, float)) or round(have * 100) != pence:
            failures.append(f"{target}: cached {have!r}, want {pence / 100:.2f}")
    for f in failures:
        print("FAIL " + f)
    print(f"{path}: {counted} formulas checked, {len(expected)} pinned totals, {len(failures)} failures")
    return 1 if failures or counted == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
