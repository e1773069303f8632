#!/bin/sh
# check_page.py itself can fail: a page with a script, a console error, an uncaught exception
# and a missing element must be rejected with each problem named.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
chromium=$(command -v chromium || true)
chromedriver=$(command -v chromedriver || true)
if [ -z "$chromium" ] || [ -z "$chromedriver" ]; then
  echo "self_check.sh: chromium and chromedriver are needed (Debian packages chromium and chromium-driver)" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/bad.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>bad</title>
<script>console.error("deliberate error"); not_defined();</script></head><body><p>shown</p></body></html>
HTML
status=0
python3 "$here/check_page.py" --chromedriver "$chromedriver" --chromium "$chromium" "$out/bad.html" \
  --expect-selector table --expect-text shown --expect-text absent --forbid-selector script \
  > "$out/log" 2>&1 || status=$?
cat "$out/log"
fail() { echo "self_check.sh: $1" >&2; exit 1; }
[ "$status" = 1 ] || fail "check_page.py exited $status on a bad page, not 1"
for expected in "no element matches 'table'" "the page does not show the text 'absent'" \
                "match the forbidden selector 'script'" "deliberate error" "not_defined is not defined"; do
  grep -qF "$expected" "$out/log" || fail "check_page.py did not report: $expected"
done
grep -qF "the page does not show the text 'shown'" "$out/log" && fail "check_page.py missed a text that is shown"
echo "self_check.sh: check_page.py rejects a bad page, naming each problem"
