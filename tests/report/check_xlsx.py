#!/usr/bin/env python3
"""Opens the sample document's workbook with openpyxl and checks it against the figures of
tests/report/sample_document.cpp: sheets, frozen headers, number formats, text kept as text,
totals and differences as formulas whose cached values are the computed figures (and what
the formulas themselves compute from the cells they name). With EDGE.xlsx, also the edge-case
workbook of render_sample_xlsx.cpp: number formats by decimals, figures too large for Excel,
reserved and clashing sheet names.

Usage: check_xlsx.py FILE.xlsx [EDGE.xlsx]   (exit status 0 when every check passes)
"""

import re
import sys
import zipfile

import openpyxl
from openpyxl.utils import range_boundaries

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)


def pence(value):
    """A cell's number of pounds as whole pence (money cells are pounds with at most 2 decimals)."""
    return round(value * 100)


# ---- The sample's figures (sample_document.cpp), in sheet cells. ------------------------------

CONTRIBUTIONS = "contributions"  # the title is longer than a sheet name may be: the table's id names it
WORKFORCE = "Officers and staff"

# Money cells of the contributions sheet in pence: body rows 4-6 and 8, subtotal 7, total 9.
MONEY = {
    "B4": 100000, "C4": 50050, "E4": 99900,
    "B5": -250,
    "B6": 1234567, "C6": 7, "E6": 1234567,
    "B8": 10, "C8": 20, "E8": 10,
}
SUMS = {  # cell -> (formula, cached pence)
    "B7": ("=SUM(B4:B6)", 1334317), "C7": ("=SUM(C4:C6)", 50057), "E7": ("=SUM(E4:E6)", 1334467),
    "B9": ("=SUM(B4:B6,B8)", 1334327), "C9": ("=SUM(C4:C6,C8)", 50077), "E9": ("=SUM(E4:E6,E8)", 1334477),
}
DIFFERENCES = {  # variance = notts - published
    "F4": ("=B4-E4", 100), "F6": ("=B6-E6", 0), "F7": ("=B7-E7", -150), "F8": ("=B8-E8", 0), "F9": ("=B9-E9", -150),
}
PERCENT = {"D4": 0.276, "D5": 0.125, "D6": 0.000005, "D8": 0.0}
TEXT = {
    "A4": "EMSOU SOC",
    "A5": "=1+1 <b>bold</b>\nsecond line | pipe",
    "A6": "@SUM(A1)",
    "A7": "Subtotal",
    "A8": "-1+2",
    "A9": "Total",
}
EMPTY = ["C5", "E5", "F5", "D7", "D9"]
HEADERS = {"A3": "Unit", "B3": "Notts", "C3": "Leics | pipe", "D3": "Share", "E3": "Published", "F3": "Variance"}


# ---- Evaluating the formulas the renderer writes: SUM over ranges, and X-Y. -------------------

def cell_values(sheet, ref):
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    for row in sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col):
        for cell in row:
            yield cell.value


def evaluate(formula, values):
    """What Excel would compute for `formula` from the cached/plain values in `values`."""
    m = re.fullmatch(r"=SUM\(([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?(?:,[A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)*)\)", formula)
    if m:
        total = 0
        for ref in m.group(1).split(","):
            for v in cell_values(values, ref):
                if v is not None:
                    if not isinstance(v, (int, float)):
                        raise ValueError(f"{formula}: {ref} holds {v!r}, not a number")
                    total += v
        return total
    m = re.fullmatch(r"=([A-Z]+[0-9]+)-([A-Z]+[0-9]+)", formula)
    if m:
        return values[m.group(1)].value - values[m.group(2)].value
    raise ValueError(f"a formula the check does not know: {formula}")


def check_every_formula(formulas, values):
    """Each formula of each sheet computes its own cached value from the cells it names."""
    count = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type == "f":
                    count += 1
                    cached = values[sheet.title][cell.coordinate].value
                    try:
                        computed = evaluate(cell.value, values[sheet.title])
                    except ValueError as e:
                        check(False, f"{sheet.title}!{cell.coordinate}: {e}")
                        continue
                    check(isinstance(cached, (int, float)) and abs(computed - cached) < 1e-6,
                          f"{sheet.title}!{cell.coordinate}: {cell.value} computes {computed}, cached {cached!r}")
    return count


# ---- The sheets. --------------------------------------------------------------------------------

def check_about(sheet):
    texts = [c.value for c in sheet["A"] if c.value is not None]
    check(texts[:2] == ["Sample </title><script>alert(1)</script>", "Every block & column type"],
          f"About: the title and subtitle first, got {texts[:2]!r}")
    check("year: 2016/17" in texts, "About: the parameter year: 2016/17")
    check("[1] Leicestershire's figures <as published>." in texts, "About: footnote 1")
    check(any(t.startswith("Nottinghamshire's contribution to EMSOU SOC, 2016/17\n") for t in texts),
          "About: the explanation x-soc-notts")


def check_contributions(f, v):
    check(f.freeze_panes == "A4", f"{f.title}: header frozen below row 3, got {f.freeze_panes!r}")
    check(f["A1"].value == "Contributions <script>alert('t')</script> & more", f"{f.title}: title in A1")
    check("B2:C2" in {str(r) for r in f.merged_cells.ranges} and f["B2"].value == "Cash",
          f"{f.title}: group heading 'Cash' merged over B2:C2")
    for ref, title in HEADERS.items():
        check(f[ref].value == title and f[ref].font.b, f"{f.title}!{ref}: bold heading {title!r}, got {f[ref].value!r}")
    for ref, expected in MONEY.items():
        cell = v[ref]
        check(cell.data_type == "n" and isinstance(cell.value, (int, float)) and pence(cell.value) == expected
              and cell.value == expected / 100,
              f"{f.title}!{ref}: money {expected / 100}, got {cell.value!r}")
        check(cell.number_format == "£#,##0;-£#,##0", f"{f.title}!{ref}: whole-pound format, got {cell.number_format!r}")
    for ref, (formula, expected) in {**SUMS, **DIFFERENCES}.items():
        check(f[ref].value == formula, f"{f.title}!{ref}: formula {formula}, got {f[ref].value!r}")
        cached = v[ref].value
        check(isinstance(cached, (int, float)) and cached == expected / 100,
              f"{f.title}!{ref}: cached {expected / 100}, got {cached!r}")
        check("£" in f[ref].number_format, f"{f.title}!{ref}: £ format, got {f[ref].number_format!r}")
    for ref in SUMS:
        check(f[ref].font.b, f"{f.title}!{ref}: a total is bold")
    for ref, expected in PERCENT.items():
        cell = v[ref]
        check(cell.data_type == "n" and cell.value == expected, f"{f.title}!{ref}: fraction {expected}, got {cell.value!r}")
        check(cell.number_format == "0.0%", f"{f.title}!{ref}: format 0.0%, got {cell.number_format!r}")
    for ref, expected in TEXT.items():
        check(f[ref].data_type == "s" and f[ref].value == expected,
              f"{f.title}!{ref}: the text {expected!r}, got {f[ref].value!r} ({f[ref].data_type})")
    for ref in EMPTY:
        check(v[ref].value is None, f"{f.title}!{ref}: empty, got {v[ref].value!r}")
    check(f["B4"].comment is not None and "EMSOU SOC, 2016/17" in f["B4"].comment.text,
          f"{f.title}!B4: the explanation as a comment")
    check(f["C3"].comment is not None and "[1] Leicestershire" in f["C3"].comment.text,
          f"{f.title}!C3: the heading's footnote as a comment")
    check(f["A11"].value == "Computed to the pound; published beside.", f"{f.title}!A11: the caption")
    check(f["A12"].value == "Source: pcp-2017, Force Financial Contributions 2016/17", f"{f.title}!A12: the source")
    check(f.column_dimensions["A"].width >= 20, f"{f.title}: column A wide enough for its text")


def check_workforce(f, v):
    check(f.freeze_panes == "A4", f"{f.title}: header frozen below row 3, got {f.freeze_panes!r}")
    for ref, expected in {"B4": 300, "C4": 46, "B5": 20, "C5": 180}.items():
        check(v[ref].data_type == "n" and v[ref].value == expected and v[ref].number_format == "#,##0",
              f"{f.title}!{ref}: count {expected} as #,##0, got {v[ref].value!r} {v[ref].number_format!r}")
    for ref, (formula, expected) in {"B6": ("=SUM(B4:B5)", 320), "C6": ("=SUM(C4:C5)", 226)}.items():
        check(f[ref].value == formula and v[ref].value == expected,
              f"{f.title}!{ref}: {formula} cached {expected}, got {f[ref].value!r} cached {v[ref].value!r}")
    for ref, expected in {"D4": "2012/13", "D5": "2013/14", "E4": "Sep 2011", "E5": "31 Mar 2013"}.items():
        check(f[ref].data_type == "s" and f[ref].value == expected, f"{f.title}!{ref}: the text {expected!r}, got {f[ref].value!r}")


def check_edge(path):
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    names = ["About", "History (2)", "About (2)", "history (3)"]
    check(formulas.sheetnames == names, f"edge: sheet names {names}, got {formulas.sheetnames!r}")
    if formulas.sheetnames != names:
        return
    f, v = formulas["History (2)"], values["History (2)"]
    check(f.freeze_panes == "A3", f"edge: no groups, header frozen below row 2, got {f.freeze_panes!r}")
    formats = {"B3": "£#,##0.00;-£#,##0.00", "C3": "£#,##0;-£#,##0", "D3": "£#,##0.00;-£#,##0.00", "E3": "0%", "F3": "0.00%"}
    for ref, fmt in formats.items():
        check(v[ref].data_type == "n" and v[ref].number_format == fmt, f"edge!{ref}: a number as {fmt}, got {v[ref].number_format!r}")
    check(v["B3"].value == 1.5 and v["E3"].value == 0.1 and v["F3"].value == 0.1234, "edge: B3 £1.50, E3 10%, F3 12.34%")
    for ref, shown, exact in [("G3", "£92,233,720,368,547,758", "£92,233,720,368,547,758.07"),
                              ("G4", "-£92,233,720,368,547,757", "-£92,233,720,368,547,757.07")]:
        check(f[ref].data_type == "s" and f[ref].value == shown, f"edge!{ref}: too large, the text {shown}, got {f[ref].value!r}")
        check(f[ref].comment is not None and f[ref].comment.text.startswith(exact + " is beyond"),
              f"edge!{ref}: a comment with the exact amount")
    for ref, (formula, cached) in {"B5": ("=SUM(B3:B4)", 3.5), "C5": ("=SUM(C3:C4)", 300), "D5": ("=SUM(D3:D4)", 500)}.items():
        check(f[ref].value == formula and v[ref].value == cached, f"edge!{ref}: {formula} cached {cached}, got {f[ref].value!r}")
    # A SUM would skip the summed figures written as text: the total is written as its value.
    check(f["G5"].data_type == "n" and f["G5"].value == 1, f"edge!G5: the value £1, not a formula, got {f['G5'].value!r}")
    check(f["A3"].value == "_x0041_ literal", f"edge!A3: a literal _x0041_, got {f['A3'].value!r}")
    with zipfile.ZipFile(path) as z:
        check("<t>_x005F_x0041_ literal</t>" in z.read("xl/sharedStrings.xml").decode(),
              "edge: the literal _x0041_ stored with its underscore escaped, so Excel does not decode it")
    for name in ["About (2)", "history (3)"]:
        cell = formulas[name]["B3"]
        check(cell.data_type == "n" and cell.value == 0, f"edge {name}!B3: a total of no rows is the number 0, got {cell.value!r}")


def main(path, edge=None):
    if edge:
        check_edge(edge)
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    check(formulas.sheetnames == ["About", CONTRIBUTIONS, WORKFORCE], f"sheet names, got {formulas.sheetnames!r}")
    if formulas.sheetnames == ["About", CONTRIBUTIONS, WORKFORCE]:
        check_about(formulas["About"])
        check_contributions(formulas[CONTRIBUTIONS], values[CONTRIBUTIONS])
        check_workforce(formulas[WORKFORCE], values[WORKFORCE])
        count = check_every_formula(formulas, values)
        check(count == len(SUMS) + len(DIFFERENCES) + 2, f"{count} formulas in the workbook")
    for failure in FAILURES:
        print(f"check_xlsx.py: {failure}", file=sys.stderr)
    if not FAILURES:
        print(f"check_xlsx.py: {path}{' and ' + edge if edge else ''}: every check passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
