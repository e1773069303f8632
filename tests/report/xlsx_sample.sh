#!/bin/sh
# The xlsx-sample ctest: renders the sample document to XLSX and opens it with openpyxl
# (check_xlsx.py). Usage: xlsx_sample.sh PATH/TO/collab_render_sample_xlsx
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$1" "$out"
# Debian's python3-openpyxl belongs to /usr/bin/python3; a python3 earlier on PATH may lack it.
for python in python3 /usr/bin/python3; do
  if "$python" -c 'import openpyxl' 2>/dev/null; then
    "$python" "$here/check_xlsx.py" "$out/sample.xlsx" "$out/edge.xlsx"
    exit $?
  fi
done
echo "xlsx_sample.sh: no python3 with openpyxl (Debian: apt-get install python3-openpyxl)" >&2
exit 1
