#!/bin/sh
# The browser test: renders the sample document (hostile text included) to HTML and loads it in
# headless Chromium: the table and the charts are there, the <script> in its title is shown as
# text, no script element exists and the console has no errors.
# usage: sample.sh PATH/TO/collab_render_sample
set -eu
render=$1
here=$(cd "$(dirname "$0")" && pwd)
chromium=$(command -v chromium || true)
chromedriver=$(command -v chromedriver || true)
if [ -z "$chromium" ] || [ -z "$chromedriver" ]; then
  echo "sample.sh: chromium and chromedriver are needed (Debian packages chromium and chromium-driver)" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$render" "$out"
python3 "$here/check_page.py" --chromedriver "$chromedriver" --chromium "$chromium" "$out/sample.html" \
  --expect-selector table --expect-selector svg --expect-selector 'th[scope=col]' \
  --expect-selector 'th[scope=colgroup]' --expect-selector 'a.explain[href^="#x-"]' \
  --expect-text '<script>alert(1)</script>' --expect-text 'Where the figures come from' \
  --forbid-selector script
