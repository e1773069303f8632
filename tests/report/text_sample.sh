#!/bin/sh
# text_sample.sh RENDERER: renders the sample document to Markdown, CSV and JSON in a fresh folder,
# checks the CSV with Python's csv module and the JSON against the collab.report schema, then
# checks that the checkers do fail on broken copies (an unguarded formula, a bare LF record end,
# money as a float, a row missing a column, a dangling footnote).
set -eu
renderer=$1
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$renderer" "$out"
python3 "$here/check_csv.py" "$out"
python3 "$here/check_report_json.py" "$out/sample.json"

must_fail() {  # must_fail WHAT COMMAND...: COMMAND exits 1 and says something
  what=$1
  shift
  if "$@" > "$out/fail.log" 2>&1; then
    echo "FAIL: the checker accepted $what" >&2
    exit 1
  fi
  grep -q . "$out/fail.log" || { echo "FAIL: no message for $what" >&2; exit 1; }
}

mkdir "$out/bad-formula" "$out/bad-crlf"
sed "s/\"'@SUM/\"@SUM/" "$out/sample-contributions.csv" > "$out/bad-formula/sample-contributions.csv"
must_fail "an unguarded @SUM" python3 "$here/check_csv.py" "$out/bad-formula"
tr -d '\r' < "$out/sample-workforce.csv" > "$out/bad-crlf/sample-workforce.csv"
must_fail "LF record ends" python3 "$here/check_csv.py" "$out/bad-crlf"

sed 's/"notts": 100000,/"notts": 100000.0,/' "$out/sample.json" > "$out/float.json"
must_fail "money as a float" python3 "$here/check_report_json.py" "$out/float.json"
sed '/"unit": "EMSOU SOC",/d' "$out/sample.json" > "$out/missing.json"
must_fail "a row missing a column" python3 "$here/check_report_json.py" "$out/missing.json"
sed 's/"footnote": "fn-leics"/"footnote": "fn-gone"/' "$out/sample.json" > "$out/dangling.json"
must_fail "a dangling footnote" python3 "$here/check_report_json.py" "$out/dangling.json"
echo "ok: the checkers refuse each broken copy"
