#!/bin/sh
# The what-if comparison rendered to HTML by `collab whatif --format html` and loaded in headless
# Chromium: no console errors, its tables with their scenario column groups, the figures there.
# usage: whatif.sh PATH/TO/collab SOURCE_DIR
set -eu
collab=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
chromium=$(command -v chromium || true)
chromedriver=$(command -v chromedriver || true)
if [ -z "$chromium" ] || [ -z "$chromedriver" ]; then
  echo "whatif.sh: chromium and chromedriver are needed (Debian packages chromium and chromium-driver)" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$collab" whatif lincs-joins-ld derbys-leaves-forensics --format html --out "$out/whatif.html" --root "$src"
/usr/bin/python3 "$here/check_page.py" --chromedriver "$chromedriver" --chromium "$chromium" "$out/whatif.html" \
  --expect-selector table --expect-selector 'th[scope=colgroup]' \
  --expect-text 'Lincs pays £309,381 more (+8.6%)' --expect-text '£1,145,647' --forbid-selector script
