#!/usr/bin/env bash
# The command itself: help, version, usage errors, --root, check and summary on good and bad data.
. "$(dirname "$0")/lib.sh"

expect version 0 "collab 0.1.0" -- --version
expect help 0 "check                       validate the data, scripts and plug-ins" -- --help
expect check-help 0 "Exit codes: 0 valid; 1 warnings under --strict; 2 errors in the data or scripts." -- check --help
expect no-subcommand 2 "A subcommand is required" --
expect unknown-option 2 "The following argument was not expected: --bogus" -- check --bogus
expect unknown-command 2 "unknown command 'bogus'; commands are check, summary, contributions, reports, report, whatif, sweep, seek, serve, explain, impact, reconcile, units, forces, plugins, generate, test, run, verify (collab --help says more)" -- bogus
expect unknown-command-after-root 2 "unknown command 'bogus'" -- --root "$src" bogus
expect missing-root 2 "Directory does not exist: $tmp/nowhere" -- check --root "$tmp/nowhere"
expect bundled-check 0 "collab check: 0 errors, 17 warnings, 20 notes" -- check --root "$src"
expect bundled-check-warns 0 "row 'EMSOU MC': the figures add up to £943,449.00 but the table prints £943,448.00" -- check --root "$src"
expect bundled-check-strict 1 "collab check: 0 errors, 17 warnings, 20 notes" -- check --strict --root "$src"
expect bundled-check-quiet 0 "collab check: 0 errors, 17 warnings, 20 notes" -- check --quiet --root "$src"
check_absent bundled-check-quiet-no-warnings "warning:"
expect bundled-summary 0 "East Midlands (east-midlands): 5 forces, 72 collaborations, 5 source documents" -- summary --root "$src"
expect root-after-subcommand 0 "collab check: 0 errors" -- check --root "$src"
expect root-before-subcommand 0 "collab check: 0 errors" -- --root "$src" check

# A bad data set: exit 2, the place and the problem, and nothing else run.
cp -r "$src/tests/data/minimal" "$tmp/bad"
cp "$src/tests/data/bad/unknown-force/collaborations.json" "$tmp/bad/data/"
expect bad-check 2 "data/collaborations.json:4:55: error: unknown force 'west'" -- check --root "$tmp/bad"
expect bad-summary 2 "the data set has errors" -- summary --root "$tmp/bad"

# The checks can fail: the same expectation on the good data set is rejected.
run check --root "$src"
must_fail check-can-fail check bad-check-on-good-data 2 "unknown force 'west'"

finish
