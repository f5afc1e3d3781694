#!/usr/bin/env python3
"""Opens an HTML report in headless Chromium and checks what a reader's browser would do.

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: the browser
reads commands on fd 3 and writes replies and events on fd 4, each a JSON object ended by a
NUL byte), so nothing listens on a port and only the standard library is needed.

Fails (exit 1) when the page logs a console error or throws, when it makes any network request
other than loading its own file (data: URLs aside), or when a chart (an <svg class="chart">)
renders with zero width or height; saves a full-page PNG screenshot either way. Exit 2 when the
browser cannot be started or does not answer in time.

Usage: check_html.py PAGE.html SCREENSHOT.png [--timeout SECONDS] [--chromium PATH]
"""
import argparse
import base64
import json
import os
import pathlib
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# Every <svg> that is a chart: the report marks them with class "chart"; an <svg> inside a
# chart figure counts too, so a chart that lost its class is still measured.
CHART_SIZES = """
JSON.stringify(Array.from(document.querySelectorAll('svg.chart, figure.chart svg')).map(svg => {
  const box = svg.getBoundingClientRect();
  return {label: svg.getAttribute('aria-label') || svg.id || '(unnamed svg)', width: box.width, height: box.height};
}))
"""

PAGE_SIZE = """
JSON.stringify({width: Math.ceil(document.documentElement.scrollWidth),
                height: Math.ceil(document.documentElement.scrollHeight)})
"""


class BrowserError(Exception):
    """The browser could not be started, or broke the protocol, or ran out of time."""


class DevToolsPipe:
    """One Chromium process and its DevTools pipe."""

    def __init__(self, chromium, deadline):
        self.deadline = deadline
        self.profile = tempfile.mkdtemp(prefix="check-html-profile-")
        commands_read, self.commands = os.pipe()  # we write, the browser reads (its fd 3)
        self.events, events_write = os.pipe()  # the browser writes (its fd 4), we read

        def give_the_browser_its_pipe():
            # Runs in the child before exec: move the two ends to 3 and 4 (via fresh numbers,
            # in case one of them already is 3 or 4) and keep them open across exec.
            read_end, write_end = os.dup(commands_read), os.dup(events_write)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        arguments = [
            chromium, "--headless", "--disable-gpu", "--remote-debugging-pipe",
            f"--user-data-dir={self.profile}", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--disable-dev-shm-usage", "--mute-audio",
            "--hide-scrollbars", "--window-size=1280,900", "about:blank",
        ]
        if os.geteuid() == 0:
            arguments.insert(1, "--no-sandbox")  # Chromium refuses to run its sandbox as root
        self.stderr = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.stderr,
                preexec_fn=give_the_browser_its_pipe, close_fds=False,
                start_new_session=True)
        except OSError as error:
            raise BrowserError(f"cannot start {chromium}: {error}")
        os.close(commands_read)
        os.close(events_write)
        self.buffer = b""
        self.next_id = 0
        self.pending_events = []

    def send(self, method, params=None, session=None):
        """Sends a command and returns its result; events that arrive meanwhile are kept."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self.commands, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise BrowserError(f"the browser closed its pipe before {method}")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method} failed: {reply['error'].get('message')}")
                return reply.get("result", {})
            self.pending_events.append(reply)

    def events_until(self, predicate, quiet_seconds=None):
        """Yields events until `predicate(event)` holds (the event is yielded too), or, with
        `quiet_seconds`, until no event has arrived for that long."""
        while True:
            if self.pending_events:
                event = self.pending_events.pop(0)
            else:
                event = self._read(idle_timeout=quiet_seconds)
                if event is None:
                    return
            yield event
            if predicate(event):
                return

    def _read(self, idle_timeout=None):
        while b"\0" not in self.buffer:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError("timed out waiting for the browser")
            wait = remaining if idle_timeout is None else min(remaining, idle_timeout)
            ready, _, _ = select.select([self.events], [], [], wait)
            if not ready:
                if idle_timeout is not None and wait == idle_timeout:
                    return None
                continue
            chunk = os.read(self.events, 1 << 20)
            if not chunk:
                raise BrowserError("the browser exited:\n" + self.browser_output())
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def browser_output(self):
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")[-2000:]

    def close(self):
        try:
            os.close(self.commands)
        except OSError:
            pass
        if self.process.poll() is None:
            # The browser and its helpers share the session we started it in: end that group.
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait()
        os.close(self.events)
        shutil.rmtree(self.profile, ignore_errors=True)


def describe_console(event):
    """The text of a console error, uncaught exception or error log entry; None otherwise."""
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        text = " ".join(str(arg.get("value", arg.get("description", arg.get("type")))) for arg in params.get("args", []))
        return f"console.{params['type']}: {text}"
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        exception = details.get("exception", {})
        return f"uncaught exception: {exception.get('description') or details.get('text')}"
    if method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
        entry = params["entry"]
        where = f" ({entry['url']})" if entry.get("url") else ""
        return f"log error [{entry.get('source')}]: {entry.get('text')}{where}"
    return None


def check(page, screenshot, chromium, timeout):
    url = page.resolve().as_uri()
    failures = []
    requests = []
    browser = DevToolsPipe(chromium, time.monotonic() + timeout)
    try:
        targets = browser.send("Target.getTargets")["targetInfos"]
        tab = next((t for t in targets if t["type"] == "page"), None)
        if tab is None:
            tab = {"targetId": browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]}
        session = browser.send("Target.attachToTarget", {"targetId": tab["targetId"], "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable", session=session)
        started = time.monotonic()
        navigation = browser.send("Page.navigate", {"url": url}, session=session)
        if navigation.get("errorText"):
            raise BrowserError(f"cannot open {url}: {navigation['errorText']}")

        def record(event):
            if event.get("sessionId") not in (None, session):
                return
            message = describe_console(event)
            if message:
                failures.append(message)
            if event.get("method") == "Network.requestWillBeSent":
                requests.append(event["params"]["request"]["url"])
            if event.get("method") == "Network.webSocketCreated":
                requests.append(event["params"]["url"])

        for event in browser.events_until(lambda e: e.get("method") == "Page.loadEventFired"):
            record(event)
        loaded_ms = (time.monotonic() - started) * 1000
        # Whatever the page does after its load event (timers, late requests) shows up within
        # a moment; wait until the browser has been quiet for half a second.
        for event in browser.events_until(lambda e: False, quiet_seconds=0.5):
            record(event)

        charts = json.loads(browser.send(
            "Runtime.evaluate", {"expression": CHART_SIZES, "returnByValue": True}, session=session)["result"]["value"])
        size = json.loads(browser.send(
            "Runtime.evaluate", {"expression": PAGE_SIZE, "returnByValue": True}, session=session)["result"]["value"])
        # A full-page screenshot: make the viewport as tall as the page, then capture it.
        width, height = max(1280, size["width"]), max(1, min(size["height"], 16000))
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=session)
        for event in browser.events_until(lambda e: False, quiet_seconds=0.2):
            record(event)
    finally:
        browser.close()

    png = base64.b64decode(shot["data"])
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    screenshot.write_bytes(png)

    own = {url, url.split("#")[0]}
    foreign = [r for r in requests if r not in own and not r.startswith("data:")]
    for request in foreign:
        failures.append(f"network request: {request}")
    if not charts:
        failures.append("no chart found (no <svg class=\"chart\">)")
    for chart in charts:
        if chart["width"] <= 0 or chart["height"] <= 0:
            failures.append(f"chart renders at zero size: {chart['label']} ({chart['width']:g}×{chart['height']:g})")

    print(f"check-html: {page} ({page.stat().st_size} bytes) loaded in {loaded_ms:.0f} ms")
    print(f"  charts: {len(charts)}")
    for chart in charts:
        print(f"    {chart['width']:g}×{chart['height']:g}  {chart['label']}")
    print(f"  requests: {len(requests)} ({len(requests) - len(foreign)} the page's own file, {len(foreign)} other)")
    print(f"  console errors: {sum(1 for f in failures if not f.startswith(('network', 'chart', 'no chart')))}")
    print(f"  screenshot: {screenshot} ({width}×{height}, {len(png)} bytes)")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=pathlib.Path)
    parser.add_argument("screenshot", type=pathlib.Path)
    parser.add_argument("--timeout", type=float, default=60, help="seconds for the whole check (default 60)")
    parser.add_argument("--chromium", default=None, help="the browser (default: chromium on PATH)")
    options = parser.parse_args()

    if not options.page.is_file():
        print(f"check-html: no such page: {options.page}", file=sys.stderr)
        return 2
    chromium = options.chromium or next(
        (path for path in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if path), None)
    if chromium is None:
        print("check-html: chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        failures = check(options.page, options.screenshot, chromium, options.timeout)
    except BrowserError as error:
        print(f"check-html: {error}", file=sys.stderr)
        return 2
    for failure in failures:
        print(f"check-html: FAIL: {failure}", file=sys.stderr)
    if failures:
        print(f"check-html: {options.page}: {len(failures)} problem(s)", file=sys.stderr)
        return 1
    print(f"check-html: {options.page}: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
