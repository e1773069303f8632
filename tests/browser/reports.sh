#!/bin/sh
# Every bundled report rendered to HTML by `collab report --format html` and loaded in headless
# Chromium: no console errors, its tables there; the contributions report's stacked bar chart and
# its drill-down links to explanations; and a plug-in whose title and cells hold <script> shown as
# text, with no script element in the page.
# usage: reports.sh PATH/TO/collab SOURCE_DIR
set -eu
collab=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
chromium=$(command -v chromium || true)
chromedriver=$(command -v chromedriver || true)
if [ -z "$chromium" ] || [ -z "$chromedriver" ]; then
  echo "reports.sh: chromium and chromedriver are needed (Debian packages chromium and chromium-driver)" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
page() {
  /usr/bin/python3 "$here/check_page.py" --chromedriver "$chromedriver" --chromium "$chromium" "$@"
}

"$collab" report contributions --format html --out "$out/contributions.html" --root "$src"
page "$out/contributions.html" --expect-selector 'table' --expect-selector 'figure svg' \
  --expect-selector 'th[scope=colgroup]' --expect-selector 'a.explain[href^="#x-"]' \
  --expect-text 'Force contributions 2016/17, computed' --expect-text '£2,641,009' \
  --expect-text 'Where the figures come from' --forbid-selector script

for id in board-pack business-cases disagreements forecast formula-and-grant programme reconciliation s22-register savings-baseline \
          savings-targets workforce; do
  "$collab" report "$id" --format html --out "$out/$id.html" --root "$src"
  page "$out/$id.html" --expect-selector table --forbid-selector script
done

# A hostile plug-in in a copy of the tree.
mkdir -p "$out/tree/plugins/hostile"
cp -r "$src/data" "$src/scripts" "$out/tree/"
printf '{"name": "hostile", "version": "1", "api_version": 1, "reports": ["h.lua"]}' >"$out/tree/plugins/hostile/plugin.json"
cat >"$out/tree/plugins/hostile/h.lua" <<'LUA'
return collab.report { id = "hostile", title = "x", build = function()
  return collab.layout.document { title = "<script>alert('title')</script>", blocks = {
    collab.layout.paragraph("<img src=x onerror=alert(2)>"),
    collab.layout.table { id = "t", title = "<b>T</b>", columns = { { key = "c", title = "<script>c</script>" } },
      rows = { { c = "<script>alert(3)</script>" } } } } }
end }
LUA
"$collab" report hostile --format html --out "$out/hostile.html" --root "$out/tree"
page "$out/hostile.html" --expect-selector table --expect-text "<script>alert('title')</script>" \
  --expect-text '<img src=x onerror=alert(2)>' --expect-text '<script>alert(3)</script>' \
  --forbid-selector script --forbid-selector img --forbid-selector b
