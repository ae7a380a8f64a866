#!/usr/bin/python3
"""Load a self-contained HTML report in headless Chromium (DevTools Protocol) and check it.

Proves a page renders offline: no console errors, no uncaught exceptions, no network
request, the expected charts drawn and non-empty, and a full-page screenshot taken.
Exit 0 = clean, 1 = the page failed a check, 2 = Chromium (or its client) is unusable,
3 = a bug in this script.
Needs only the standard library and Debian's python3-websocket.
"""
import argparse, base64, collections, ctypes, json, os, shutil, signal, subprocess, sys, tempfile, time
import math, traceback
import urllib.request

FIX_CHROMIUM = "install Debian's chromium: apt-get install chromium"
ALLOWED_SCHEMES = ("file:", "data:", "blob:", "about:")
CHROMIUM_FLAGS = ["--headless=new", "--remote-debugging-port=0", "--no-first-run",
                  "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--metrics-recording-only", "--window-size=1280,900"]

# The page coordinates of an element, with a margin, for a screenshot of it alone.
ELEMENT_BOX_JS = r"""(() => { const e = document.querySelector(%s); if (!e) return null;
  const r = e.getBoundingClientRect(), m = 8;
  return {x: Math.max(0, r.left + scrollX - m), y: Math.max(0, r.top + scrollY - m),
          width: Math.ceil(r.width + 2 * m), height: Math.ceil(Math.min(r.height, 3000) + 2 * m)}; })()"""

# One evaluation for all charts; a canvas counts as drawn when any pixel is not transparent.
CHARTS_JS = r"""Array.from(document.querySelectorAll('[data-chart]')).map(el => {
  const r = el.getBoundingClientRect(), tag = el.tagName.toLowerCase();
  const c = {name: el.getAttribute('data-chart'), tag, width: r.width, height: r.height, nonEmpty: false};
  const boxed = r.width > 0 && r.height > 0;
  try {
    if (tag === 'canvas') {
      let n = 0;
      if (el.width > 0 && el.height > 0) {
        const d = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      }
      c.pixels = n; c.nonEmpty = n > 0;
    } else if (tag === 'svg') {
      c.shapes = el.querySelectorAll('rect,path,circle,line,polyline,polygon,text').length;
      c.nonEmpty = c.shapes > 0 && boxed;
    } else {
      c.children = el.childElementCount; c.nonEmpty = c.children > 0 && boxed;
    }
  } catch (e) { c.error = String(e); }
  return c;
})"""
SECTION_JS = """(() => { const el = document.getElementById(%s); if (!el) return null;
  const r = el.getBoundingClientRect(); return {width: r.width, height: r.height}; })()"""


class Unusable(Exception):
    """Chromium cannot be started or reached: exit 2, not a verdict on the page."""


class CDP:
    """Sequential CDP client: responses are matched by id, events seen meanwhile are queued."""

    def __init__(self, ws_url, timeout):
        import websocket  # Debian python3-websocket; imported late so its absence exits 2
        self._wsmod = websocket
        # suppress_origin: Chromium rejects websocket clients sending an Origin it was not told to allow.
        try:
            self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        except websocket.WebSocketException as e:
            raise Unusable(f"DevTools websocket refused: {e}") from None
        self.timeout, self.last_id, self.events = timeout, 0, collections.deque()

    def _recv(self, deadline, what):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(what)
        self.ws.settimeout(left)
        try:
            return json.loads(self.ws.recv())
        except self._wsmod.WebSocketTimeoutException:
            raise TimeoutError(what) from None
        except self._wsmod.WebSocketException as e:  # e.g. the browser died mid-check
            raise ConnectionError(f"DevTools connection lost: {e}") from None

    def call(self, method, **params):
        self.last_id += 1
        self.ws.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while True:
            msg = self._recv(deadline, f"no answer to {method} within {self.timeout:g} s")
            if msg.get("id") == self.last_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error'].get('message')}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_event(self, method, deadline, what):
        """Wait for an event, looking first at those that arrived while awaiting responses."""
        if any(ev["method"] == method for ev in self.events):
            return
        while True:
            msg = self._recv(deadline, what)
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == method:
                    return

    def evaluate(self, expression):
        res = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in res:
            raise RuntimeError(f"evaluating check script: {res['exceptionDetails'].get('text')}")
        return res["result"].get("value")


def _die_with_parent():
    # If this script is SIGKILLed (e.g. a CTest timeout), take the browser down with it.
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_chromium(chromium, profile):
    """Start Chromium in its own process group, so that stop() reaches its helpers too."""
    if not (os.path.isfile(chromium) and os.access(chromium, os.X_OK)):
        raise Unusable(f"{chromium} is not an executable")
    args = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"]
    if os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    log = open(os.path.join(profile, "chromium.log"), "wb")  # kept out of our stdout/stderr
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                            start_new_session=True, preexec_fn=_die_with_parent)
    log.close()
    return proc


def devtools_page_url(proc, profile, timeout):
    """The websocket URL of Chromium's page target, once DevTools listens."""
    port_file, deadline = os.path.join(profile, "DevToolsActivePort"), time.monotonic() + timeout
    while True:  # Chromium writes the port it chose there (line 1 = port)
        if proc.poll() is not None:
            with open(os.path.join(profile, "chromium.log"), errors="replace") as f:
                last = ([ln.strip() for ln in f if ln.strip()] or ["no output"])[-1][:200]
            raise Unusable(f"chromium exited with status {proc.returncode} at start-up: {last}")
        try:
            with open(port_file) as f:
                port = int(f.readline())
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=timeout) as r:
                pages = [t for t in json.load(r) if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
        except (OSError, ValueError):
            pass  # not written / not listening yet
        if time.monotonic() > deadline:
            raise Unusable(f"chromium did not open DevTools within {timeout:g} s")
        time.sleep(0.05)


def stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(5)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    try:  # renderers left behind in the group after the browser went
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def arg_text(arg):
    """A console argument as the page author would read it (RemoteObject -> text)."""
    for key in ("value", "unserializableValue", "description"):
        if key in arg:
            return arg[key]
    return arg.get("type")


class Check:
    def __init__(self, opts):
        self.o, self.failures = opts, []
        self.r = {"page": opts.page, "rendered": None, "render_ms": None, "console_errors": [],
                  "console_warnings": [], "exceptions": [], "log_errors": [], "requests": [],
                  "network_requests": [], "charts": [], "failures": self.failures}

    def collect(self, cdp):
        """Classify the events queued so far (called after every step and at the end)."""
        while cdp.events:
            ev = cdp.events.popleft()
            m, p = ev["method"], ev.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
                text = " ".join(str(arg_text(a)) for a in p.get("args", []))
                if p["type"] == "warning":
                    self.r["console_warnings"].append(text)
                else:
                    self.r["console_errors"].append(text)
                    self.failures.append(f"console.{p['type']}: {text}")
            elif m == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                text = d.get("exception", {}).get("description") or d.get("text", "exception")
                self.r["exceptions"].append(text)
                self.failures.append(f"uncaught exception: {text.splitlines()[0]}")
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                e = p["entry"]
                self.r["log_errors"].append({"text": e.get("text"), "url": e.get("url")})
                self.failures.append(f"log error: {e.get('text')} {e.get('url') or ''}".rstrip())
            elif m == "Network.requestWillBeSent":
                url = p.get("request", {}).get("url", "")
                self.r["requests"].append(url)
                if not url.startswith(ALLOWED_SCHEMES):
                    self.r["network_requests"].append(url)
                    self.failures.append(f"network request (pages must work offline): {url}")

    def run(self, cdp):
        o = self.o
        for domain in ("Runtime", "Log", "Network", "Page"):
            cdp.call(f"{domain}.enable")
        nav = cdp.call("Page.navigate", url="file://" + os.path.abspath(o.page))
        if nav.get("errorText"):
            self.failures.append(f"cannot load page: {nav['errorText']}")
            return
        # A TimeoutError from here on means the page stopped answering (hung script):
        # main() records it and skips the remaining steps rather than wait on each one.
        deadline = time.monotonic() + o.timeout
        cdp.wait_event("Page.loadEventFired", deadline, f"page did not load within {o.timeout:g} s")
        while True:  # the page contract: phRendered becomes "done" or "error"
            state = cdp.evaluate("document.documentElement.dataset.phRendered")
            self.collect(cdp)
            if state in ("done", "error") or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        self.r["rendered"], self.r["render_ms"] = state, cdp.evaluate("window.phRenderMs ?? null")
        if state == "error":
            self.failures.append("the page's renderer reported an error (phRendered = \"error\")")
        elif state != "done":
            self.failures.append(f"did not finish rendering within {o.timeout:g} s")
        elif not isinstance(self.r["render_ms"], (int, float)):
            self.failures.append("window.phRenderMs is not a number (page contract)")
        # Inspect and screenshot even a failed page: the picture is what explains the failure.
        self.check_charts(cdp)
        self.screenshot(cdp)
        self.collect(cdp)

    def check_charts(self, cdp):
        charts = self.r["charts"] = cdp.evaluate(CHARTS_JS) or []
        for name in self.o.expect_chart:
            found = [c for c in charts if c["name"] == name]
            if not found:
                self.failures.append(f"expected chart {name!r} is missing")
            for c in found:
                if not c["nonEmpty"]:
                    why = c.get("error") or f"{c['width']:g}x{c['height']:g} px, nothing drawn"
                    self.failures.append(f"chart {name!r} (<{c['tag']}>) is empty: {why}")
        for name in self.o.forbid_chart:
            if any(c["name"] == name for c in charts):
                self.failures.append(f"chart {name!r} is present but forbidden")
        for sid in self.o.expect_section:
            box = cdp.evaluate(SECTION_JS % json.dumps(sid))
            if not box:
                self.failures.append(f"expected section #{sid} is missing")
            elif not (box["width"] > 0 and box["height"] > 0):
                self.failures.append(f"section #{sid} has an empty box ({box['width']:g}x{box['height']:g})")

        if self.o.expect_text:
            text = cdp.evaluate("document.body.innerText") or ""
            for wanted in self.o.expect_text:
                if wanted not in text:
                    self.failures.append(f"expected text {wanted!r} is not on the page")

    def screenshot(self, cdp):
        size = cdp.call("Page.getLayoutMetrics")["cssContentSize"]
        w, h = (max(1, min(math.ceil(size[k]), cap)) for k, cap in (("width", 1600), ("height", 12000)))
        shot = cdp.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                        clip={"x": 0, "y": 0, "width": w, "height": h, "scale": 1})
        os.makedirs(os.path.dirname(os.path.abspath(self.o.screenshot)), exist_ok=True)
        with open(self.o.screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        for spec in self.o.element_screenshot:
            selector, _, path = spec.partition("=")
            box = cdp.evaluate(ELEMENT_BOX_JS % json.dumps(selector))
            if not box or not path:
                self.failures.append(f"no element {selector!r} to screenshot")
                continue
            shot = cdp.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                            clip={**box, "scale": 1})
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page")
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--screenshot", required=True)
    ap.add_argument("--result")
    ap.add_argument("--expect-chart", action="append", default=[], metavar="NAME")
    ap.add_argument("--expect-section", action="append", default=[], metavar="ID")
    ap.add_argument("--forbid-chart", action="append", default=[], metavar="NAME")
    ap.add_argument("--element-screenshot", action="append", default=[], metavar="SELECTOR=FILE",
                    help="also a screenshot of the first element SELECTOR matches (docs' pictures)")
    ap.add_argument("--expect-text", action="append", default=[], metavar="TEXT",
                    help="text the rendered page must show (document.body.innerText)")
    ap.add_argument("--timeout", type=float, default=60, metavar="SECONDS")
    o = ap.parse_args()
    # A SIGTERM (e.g. from a test driver) must still run the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))

    check, proc, profile = Check(o), None, tempfile.mkdtemp(prefix="check_page.")
    try:
        try:
            proc = start_chromium(o.chromium, profile)
            cdp = CDP(devtools_page_url(proc, profile, o.timeout), o.timeout)
        except ImportError:
            print("check_page: no websocket client: apt-get install python3-websocket", file=sys.stderr)
            return 2
        except (Unusable, OSError) as e:
            print(f"check_page: cannot start chromium ({e}): {FIX_CHROMIUM}", file=sys.stderr)
            return 2
        try:
            check.run(cdp)
        except (TimeoutError, RuntimeError, OSError, ConnectionError) as e:
            check.failures.append(f"{type(e).__name__}: {e}")  # includes a browser that died mid-check
        check.collect(cdp)
    finally:
        if proc:
            stop(proc)
        shutil.rmtree(profile, ignore_errors=True)

    if o.result:
        os.makedirs(os.path.dirname(os.path.abspath(o.result)), exist_ok=True)
        with open(o.result, "w") as f:
            json.dump(check.r, f, indent=2)
    for failure in check.failures:
        print(f"check_page: {o.page}: {failure}", file=sys.stderr)
    if check.failures:
        return 1
    print(f"check_page: {o.page}: rendered in {check.r['render_ms']:.0f} ms, "
          f"{len(check.r['charts'])} charts, screenshot {o.screenshot}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # a bug here must not pass for a rejected page (status 1)
        traceback.print_exc()
        sys.exit(3)
