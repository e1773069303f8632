#!/usr/bin/env bash
# The kill test at length (not in ctest): SIGKILL collab run at KILLS random moments (default 500).
# Usage: tests/nightly/soak.sh [COLLAB [KILLS [SEED]]], from the source tree.
here=$(cd "$(dirname "$0")/../.." && pwd)
collab=${1:-$here/build/dev/collab}
KILLS=${2:-500} SEED=${3:-$$} exec bash "$here/tests/cli/nightly_kill.sh" "$collab" "$here"
