#!/bin/sh
# The scenario explorer (collab serve) in headless Chromium: tests/browser/explorer.py.
# usage: explorer.sh PATH/TO/collab SOURCE_DIR
set -eu
collab=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
chromium=$(command -v chromium || true)
chromedriver=$(command -v chromedriver || true)
if [ -z "$chromium" ] || [ -z "$chromedriver" ]; then
  echo "explorer.sh: chromium and chromedriver are needed (Debian packages chromium and chromium-driver)" >&2
  exit 1
fi
exec /usr/bin/python3 "$here/explorer.py" --chromedriver "$chromedriver" --chromium "$chromium" --collab "$collab" --root "$src"
