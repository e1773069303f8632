#!/usr/bin/env python3
"""The scenario explorer in headless Chromium (through chromedriver, as check_page.py drives it):
starts `collab serve` on a free port over a copy of the root, opens the page, ticks Lincolnshire
into EMCHRS L&D and types Derbyshire's grant down 5%, reads every force's bill from the page and
checks it against `collab whatif` on a scenario file with the same two steps; then edits the
formula script and sees the page's figures change, breaks it and sees its error on the page with
the last good figures kept; no SEVERE entry in the browser's log. Prints the update time the page
measured (never asserted).

usage: explorer.py --chromedriver PATH --chromium PATH --collab PATH --root DIR
Exit status: 0 passed, 1 a check failed or the browser could not be driven.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_page import TIMEOUT, Failure, WebDriver, require_executable  # noqa: E402

YEAR = "2017/18"
PREVIOUS = "2016/17"
GRANT_FORCE = "derbyshire"


def start_server(collab, root, log):
    """`collab serve` on a free port; its address, read from its first line of output."""
    process = subprocess.Popen([collab, "serve", "--root", str(root)], stdout=subprocess.PIPE,
                               stderr=log, stdin=subprocess.DEVNULL, text=True)
    line = process.stdout.readline().strip()  # blocks until the address is printed (or it exits)
    if not line.startswith("http://127.0.0.1:"):
        process.wait(timeout=TIMEOUT)
        raise Failure(f"collab serve printed {line!r} and exited with {process.returncode}")
    return process, line


def wait_until(driver, script, what):
    """Polls a script in the page until it returns true."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if driver.execute(script):
            return
        time.sleep(0.05)
    raise Failure(f"the page did not {what} within {TIMEOUT} s")


IDLE = "return !!window.explorer && explorer.updates >= %d && !explorer.inflight && !explorer.again"


def settle(driver, after):
    """Waits for the page to have shown figures for every control moved since `after` updates."""
    wait_until(driver, IDLE % (after + 1), "show updated figures")
    return driver.execute("return explorer.updates")


def page_figures(driver):
    """{force: (baseline pence, changed pence)} from the page's forces table."""
    rows = driver.execute("""
        return Array.from(document.querySelectorAll('#forces tbody tr[data-force]')).map((tr) => [
          tr.dataset.force,
          Number(tr.querySelector('td[data-col=reference]').dataset.value),
          Number(tr.querySelector('td[data-col=s1]').dataset.value)]);""")
    return {force: (reference, changed) for force, reference, changed in rows}


def cli_figures(collab, root, scenario):
    out = subprocess.run([collab, "whatif", scenario, "--year", YEAR, "--format", "json", "--root", str(root)],
                         capture_output=True, text=True, timeout=TIMEOUT)
    if out.returncode != 0:
        raise Failure(f"collab whatif {scenario}: exit {out.returncode}: {out.stderr}")
    doc = json.loads(out.stdout)
    table = next(b for b in doc["blocks"] if b.get("type") == "table" and b.get("id") == "forces-2017-18")
    return {("total" if r["$kind"] == "total" else r["force"]): (r["reference"], r["s1"]) for r in table["rows"]}


def element(driver, css):
    found = driver.call("POST", "/element", {"using": "css selector", "value": css})
    return next(iter(found.values()))


def run(args, root, cli_root, failures):
    profile = tempfile.mkdtemp(prefix="explorer-profile-")
    log = tempfile.TemporaryFile(mode="w+")
    server = driver = None
    try:
        server, url = start_server(args.collab, root, log)
        driver = WebDriver(args.chromedriver, log)
        driver.wait_ready()
        driver.start_session(args.chromium, profile)
        driver.call("POST", "/url", {"url": url})
        updates = settle(driver, 0) - 1
        # The year of the example: L&D is four-force in 2017/18.
        driver.execute(f"const s = document.getElementById('year'); s.value = '{YEAR}';"
                       "s.dispatchEvent(new Event('change'));")
        wait_until(driver, "return !!(explorer.last && explorer.last.year === '%s') && !explorer.inflight" % YEAR,
                   f"show {YEAR}")
        updates = driver.execute("return explorer.updates")
        before = page_figures(driver)

        # Lincolnshire joins L&D: a click on its box.
        driver.call("POST", f"/element/{element(driver, 'input[data-unit=emchrs-ld][data-member=lincolnshire]')}/click", {})
        updates = settle(driver, updates)
        joined = page_figures(driver)
        if joined["Lincs"][1] <= before["Lincs"][1]:
            failures.append(f"Lincs's bill did not rise when it joined L&D: {before['Lincs']} -> {joined['Lincs']}")

        # Derbyshire's grant down 5%, typed into its box (each key is an update).
        box = element(driver, f"input[data-grant-number={GRANT_FORCE}]")
        driver.call("POST", f"/element/{box}/clear", {})  # may or may not fire an input event
        driver.call("POST", f"/element/{box}/value", {"text": "-5"})
        updates = settle(driver, updates)
        shown = page_figures(driver)
        text = driver.execute("return document.getElementById('scenario-text').textContent")
        print("the page's scenario:\n" + text)

        # The same two steps as a scenario file, through `collab whatif`.
        scenario = {
            "id": "browser-explorer", "title": "Lincs joins L&D, Derbyshire's grant -5%",
            "description": "The browser test's changes", "baseline": "data", "years": [YEAR],
            "steps": [
                {"rule": "join", "from": YEAR, "params": {"force": "lincolnshire", "unit": "emchrs-ld"}},
                {"rule": "grant_change", "from": PREVIOUS, "params": {"forces": GRANT_FORCE, "by": "-5%", "once": True}},
            ]}
        # (In a copy of its own: a new file in the served root would start a reload.)
        (cli_root / "data" / "scenarios" / "browser-explorer.json").write_text(json.dumps(scenario, indent=2))
        expected = cli_figures(args.collab, cli_root, "browser-explorer")
        print(f"{'force':<10} {'page baseline':>15} {'page changed':>15} {'whatif changed':>15}")
        for force, (reference, changed) in expected.items():
            got = shown.get(force)
            print(f"{force:<10} {got[0] if got else '-':>15} {got[1] if got else '-':>15} {changed:>15}")
            if got != (reference, changed):
                failures.append(f"{force}: the page shows {got}, collab whatif gives {(reference, changed)}")
        if set(shown) != set(expected):
            failures.append(f"the page shows forces {sorted(shown)}, collab whatif {sorted(expected)}")
        if shown == joined:
            failures.append("the grant change moved no figure")

        # The update time as the page measured it, over a few more moves of a slider.
        times = [driver.execute("return explorer.lastMs")]
        for value in ["-4.5", "-5"] * 3:
            driver.execute(f"const r = document.querySelector('input[data-grant={GRANT_FORCE}]'); r.value = '{value}';"
                           "r.dispatchEvent(new Event('input'));")
            updates = settle(driver, updates)
            times.append(driver.execute("return explorer.lastMs"))
        if page_figures(driver) != shown:
            failures.append("after moving the slider back to -5% the figures differ")
        print(f"explorer update time in the browser (request to figures shown), {len(times)} updates: "
              f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
        print("  the page says: " + driver.execute("return document.getElementById('timing').textContent"))

        # Watch mode with the page open: an edit of the formula (shares rounded to 5% instead of
        # 0.1%) reloads and the page shows new figures; a syntax error shows at its line on the
        # page, and the figures stay the last good ones.
        before_version = driver.execute("return explorer.last.version")
        settled = page_figures(driver)
        formula = root / "scripts" / "formulae" / "grant_share.lua"
        text = formula.read_text()
        edited = text.replace("shares_of(grant, total, 0.1)", "shares_of(grant, total, 5)")
        if edited == text:
            raise Failure("the formula edit did not apply")
        formula.write_text(edited)
        wait_until(driver, "return explorer.last.version > %d && !explorer.inflight && !explorer.again" % before_version,
                   "show figures of the load after the formula was edited")
        reloaded = page_figures(driver)
        print(f"after the edit (load {driver.execute('return explorer.last.version')}): Lincs {settled['Lincs']} -> {reloaded['Lincs']}")
        if reloaded == settled:
            failures.append("editing the formula did not change the page's figures")
        formula.write_text(edited + "\nlocal broken = (\n")
        line = len((edited + "\nlocal broken = (\n").splitlines())
        wait_until(driver, "const e = document.getElementById('load-errors'); return !e.hidden && "
                   "e.textContent.includes('grant_share.lua:')", "show the broken formula's error")
        shown_error = driver.execute("return document.getElementById('load-errors').textContent")
        print("the page shows: " + shown_error.splitlines()[0] if shown_error else "(nothing)")
        if f"scripts/formulae/grant_share.lua:{line}" not in shown_error:
            failures.append(f"the error shown does not name grant_share.lua:{line}: {shown_error!r}")
        if page_figures(driver) != reloaded:
            failures.append("the figures changed when the formula broke; the last good ones should stay")

        entries = driver.call("POST", "/se/log", {"type": "browser"}) or []
        severe = [e for e in entries if e.get("level") == "SEVERE"]
        print(f"browser log: {len(entries)} entries, {len(severe)} SEVERE")
        failures += [f"console: {e.get('message')}" for e in severe]
    except Failure:
        log.seek(0)
        print("chromedriver's and collab serve's log, last lines:\n" + "".join(log.readlines()[-40:]), file=sys.stderr)
        raise
    finally:
        if driver:
            driver.quit()
        if server:
            server.terminate()
            try:
                server.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name in ("--chromedriver", "--chromium", "--collab", "--root"):
        parser.add_argument(name, required=True)
    args = parser.parse_args(argv)
    failures = []
    work = Path(tempfile.mkdtemp(prefix="explorer-root-"))
    try:
        require_executable(args.chromedriver, "chromium-driver")
        require_executable(args.chromium, "chromium")
        for copy in ("served", "cli"):
            for part in ("data", "scripts", "plugins"):
                shutil.copytree(Path(args.root) / part, work / copy / part)
        run(args, work / "served", work / "cli", failures)
    except Failure as e:
        failures.append(str(e))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print(f"explorer: FAIL: {failure}", file=sys.stderr)
    print("explorer: " + ("FAIL" if failures else "pass"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
