#!/bin/sh
# text_sample.sh RENDERER: renders the sample document to Markdown, CSV and JSON in a fresh folder
# and checks the CSV with Python's csv module and the JSON against the collab.report schema.
set -eu
renderer=$1
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$renderer" "$out"
python3 "$here/check_csv.py" "$out"
python3 "$here/check_report_json.py" "$out/sample.json"
