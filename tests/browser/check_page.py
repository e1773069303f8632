#!/usr/bin/env python3
"""Loads an HTML file in headless Chromium through chromedriver (W3C WebDriver over HTTP, standard
library only) and checks it: selectors that must match, texts the reader must see, selectors that
must not match, and no SEVERE entry (console error, uncaught exception) in the browser's log.

usage: check_page.py --chromedriver PATH --chromium PATH FILE.html
                     [--expect-selector CSS]... [--expect-text TEXT]... [--forbid-selector CSS]...
Exit status: 0 every check passed, 1 a check failed or the browser could not be driven.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

TIMEOUT = 60  # seconds for any one step: generous, so a busy machine does not fail the test
START_TIMEOUT = 120  # starting chromedriver and the browser is the slow step


class Failure(Exception):
    """A check failed or the browser could not be driven; the message says which."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    """A chromedriver process and at most one session on it."""

    def __init__(self, chromedriver, log_file):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_file = log_file
        self.process = subprocess.Popen([chromedriver, f"--port={self.port}"], stdout=log_file,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.session = None

    def request(self, method, path, body=None, timeout=TIMEOUT):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return json.loads(response.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")[:2000]
            raise Failure(f"{method} {path}: HTTP {e.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as e:
            raise Failure(f"{method} {path}: {e}") from None

    def wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Failure(f"chromedriver exited with status {self.process.returncode}")
            try:
                if (self.request("GET", "/status", timeout=5) or {}).get("ready"):
                    return
            except Failure:
                pass
            time.sleep(0.2)
        raise Failure(f"chromedriver was not ready after {START_TIMEOUT} s")

    def start_session(self, chromium, profile):
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"]
        capabilities = {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
            "goog:loggingPrefs": {"browser": "ALL"},
            "timeouts": {"pageLoad": TIMEOUT * 1000, "script": TIMEOUT * 1000},
        }
        value = self.request("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}}, START_TIMEOUT)
        self.session = value["sessionId"]

    def call(self, method, what, body=None):
        return self.request(method, f"/session/{self.session}{what}", body)

    def execute(self, script):
        return self.call("POST", "/execute/sync", {"script": script, "args": []})

    def quit(self):
        try:
            if self.session:
                self.request("DELETE", f"/session/{self.session}", timeout=TIMEOUT)
        except Failure as e:
            print(f"check_page: could not end the session: {e}", file=sys.stderr)
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def check_page(driver, page, args):
    """Runs every check on the loaded page; returns the list of failures (empty: passed)."""
    failures = []
    started = time.monotonic()
    driver.call("POST", "/url", {"url": page.as_uri()})
    elapsed = time.monotonic() - started
    state = driver.execute("return document.readyState")
    load_ms = driver.execute("const t = performance.getEntriesByType('navigation')[0];"
                             "return t ? Math.round(t.loadEventEnd - t.startTime) : null")
    print(f"loaded {page} in {elapsed:.2f} s (readyState {state}, load event after {load_ms} ms)")
    for selector in args.expect_selector:
        found = driver.call("POST", "/elements", {"using": "css selector", "value": selector})
        print(f"  selector {selector!r}: {len(found)} found")
        if not found:
            failures.append(f"no element matches {selector!r}")
    for selector in args.forbid_selector:
        found = driver.call("POST", "/elements", {"using": "css selector", "value": selector})
        print(f"  forbidden selector {selector!r}: {len(found)} found")
        if found:
            failures.append(f"{len(found)} element(s) match the forbidden selector {selector!r}")
    text = driver.execute("return document.body ? document.body.innerText : ''") or ""
    for expected in args.expect_text:
        shown = expected in text
        print(f"  text {expected!r}: {'shown' if shown else 'NOT shown'}")
        if not shown:
            failures.append(f"the page does not show the text {expected!r}")
    log = driver.call("POST", "/se/log", {"type": "browser"}) or []
    severe = [entry for entry in log if entry.get("level") == "SEVERE"]
    print(f"  browser log: {len(log)} entries, {len(severe)} SEVERE")
    failures += [f"console: {entry.get('message')}" for entry in severe]
    return failures


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromedriver", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--expect-selector", action="append", default=[])
    parser.add_argument("--expect-text", action="append", default=[])
    parser.add_argument("--forbid-selector", action="append", default=[])
    parser.add_argument("file")
    return parser.parse_args(argv)


def require_executable(path, package):
    if not path or not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise Failure(f"{path or '(none given)'} is not an executable: install Debian's {package} package")


def run(args):
    page = Path(args.file).resolve()
    if not page.is_file():
        raise Failure(f"{args.file}: no such file")
    require_executable(args.chromedriver, "chromium-driver")
    require_executable(args.chromium, "chromium")
    profile = tempfile.mkdtemp(prefix="check-page-profile-")
    log_file = tempfile.TemporaryFile(mode="w+")
    driver = None
    try:
        driver = WebDriver(args.chromedriver, log_file)
        driver.wait_ready()
        driver.start_session(args.chromium, profile)
        return check_page(driver, page, args)
    except Failure:
        log_file.seek(0)
        print("chromedriver's log, last lines:\n" + "".join(log_file.readlines()[-30:]), file=sys.stderr)
        raise
    finally:
        if driver:
            driver.quit()
        log_file.close()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv):
    args = parse_args(argv)
    try:
        failures = run(args)
    except Failure as e:
        print(f"check_page: FAIL: {e}", file=sys.stderr)
        return 1
    for failure in failures:
        print(f"check_page: FAIL: {failure}", file=sys.stderr)
    print("check_page: " + ("FAIL" if failures else "pass"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
