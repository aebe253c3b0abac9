#!/usr/bin/env python3
"""End-to-end test of the built desktop app in a real window.

Runs the standalone Schemata binary under the current X display (start it with xvfb-run),
driven by tauri-driver and WebKitWebDriver through Selenium:

1. open a design file given on the command line, add a table and a column, save with the toolbar,
   and check the file on disk; start again and check the table is there, with no restore offer;
2. add a table, wait for the autosave, kill the app without saving, start again, and check that
   the restore offer appears and restores the edit;
3. open the Worksheet, "Score & indexes" and Sharding tabs on the example, whose contents come
   from the real `advise` and `shard` commands;
4. with an unsaved edit, close through File > Close's shortcut and check that the window asks;
   cancel and check the window and the edit are still there; close again through the window's
   close request and confirm: the app exits, the file is untouched and the autosave is gone; after
   a save, a close exits without asking.

Screenshots of every step go to target/e2e-artifacts/app/. Exits non-zero when a check fails.
Usage: test_app.py BINARY
"""

import ctypes
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "target" / "e2e-artifacts" / "app"
EXAMPLE = REPO / "examples" / "ecommerce.schemata.json"
PORT = 4444
TIMEOUT = 30


def log(message):
    print(f"[e2e] {message}", flush=True)


def wait_for_port(port, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def descendants(root_pid):
    """Process ids under `root_pid`, from /proc."""
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces; the parent id follows the closing parenthesis.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            found.append(child)
            todo.append(child)
    return found


def running(pid):
    """Whether `pid` is a live process (an exited child waiting for its parent counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def x_keys(keysyms):
    """Press `keysyms` together on the X display (XTEST), with the pointer over the window."""
    x11, xtst = ctypes.CDLL("libX11.so.6"), ctypes.CDLL("libXtst.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XStringToKeysym.restype = ctypes.c_ulong
    x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x11.XFlush.argtypes = x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                          ctypes.c_ulong]
    display = x11.XOpenDisplay(None)
    if not display:
        raise RuntimeError("cannot open the X display")
    try:
        # With no window manager the keyboard follows the pointer.
        xtst.XTestFakeMotionEvent(display, -1, 640, 300, 0)
        codes = [x11.XKeysymToKeycode(display, x11.XStringToKeysym(k.encode())) for k in keysyms]
        for code, down in [(c, True) for c in codes] + [(c, False) for c in reversed(codes)]:
            xtst.XTestFakeKeyEvent(display, code, down, 0)
            x11.XFlush(display)
            time.sleep(0.05)
    finally:
        x11.XCloseDisplay(display)


def exe_of(pid):
    try:
        return os.path.realpath(f"/proc/{pid}/exe")
    except OSError:
        return None


class App:
    """One run of the app: a WebDriver session whose browser is the app's window."""

    def __init__(self, binary, args, driver_pid):
        self.binary = os.path.realpath(binary)
        self.driver_pid = driver_pid
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": self.binary, "args": args})
        self.driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{PORT}", options=options)
        self.driver.set_script_timeout(TIMEOUT)

    def pid(self):
        """The app's process id: the process running our binary below tauri-driver."""
        for pid in descendants(self.driver_pid):
            if exe_of(pid) == self.binary:
                return pid
        raise RuntimeError("the app's process is not found")

    def wait(self, what, condition, timeout=TIMEOUT):
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.2).until(lambda d: condition())
        except Exception as e:
            raise AssertionError(f"timed out waiting for {what}") from e

    def css(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def button(self, label):
        for b in self.driver.find_elements(By.TAG_NAME, "button"):
            if b.text.strip() == label and b.is_displayed():
                return b
        raise AssertionError(f"no button `{label}`")

    def table_names(self):
        return self.driver.execute_script(
            "return [...document.querySelectorAll('.react-flow__node-table')].map(n => n.textContent)"
        )

    def has_table(self, name):
        return any(name in text for text in self.table_names())

    def type_into(self, selector, text):
        self.wait(f"the field {selector}", lambda: self.css(selector))
        field = self.css(selector)[0]
        field.click()
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.BACKSPACE)
        field.send_keys(text)
        field.send_keys(Keys.ENTER)

    def table_count(self):
        """The design's table count, as the header shows it (only visible nodes are mounted)."""
        header = self.driver.execute_script(
            "return document.querySelector('.doc-name')?.innerText ?? ''")
        found = re.search(r"(\d+) tables?", header)
        return int(found.group(1)) if found else -1

    def add_table_with_column(self, table, column):
        before = self.table_count()
        self.button("+ Table").click()
        self.wait("a new table", lambda: self.table_count() == before + 1)
        self.type_into("#table-name", table)
        self.wait(f"the table `{table}` on the diagram", lambda: self.has_table(table))
        if column:
            self.button("+ Column").click()
            self.type_into("#column-name", column)
            # Zoomed out, the diagram draws tables without their columns: read the inspector.
            self.wait(f"the column `{column}` in the inspector",
                      lambda: column in self.driver.execute_script(
                          "return document.querySelector('[data-testid=inspector]')?.innerText ?? ''"))

    def tab(self, label):
        """The bottom panel's tab whose label starts with `label` (labels carry counts)."""
        for b in self.css("nav.tabs button"):
            if b.text.strip().startswith(label) and b.is_displayed():
                return b
        raise AssertionError(f"no tab `{label}`")

    def text(self, selector):
        return self.driver.execute_script(
            "return document.querySelector(arguments[0])?.innerText ?? ''", selector)

    def prompt(self):
        """The window's confirmation dialog, or None."""
        found = [d for d in self.css("[data-testid=confirm]") if d.is_displayed()]
        return found[0] if found else None

    def prompt_button(self, label):
        for b in self.prompt().find_elements(By.TAG_NAME, "button"):
            if b.text.strip() == label:
                return b
        raise AssertionError(f"the prompt has no button `{label}`")

    def close_shortcut(self):
        """Ctrl+W, File > Close's accelerator, typed on the X display: WebDriver's keys stay
        inside the web view, where the native menu never sees them."""
        self.driver.execute_script("document.activeElement?.blur()")
        x_keys(["Control_L", "w"])

    def request_close(self):
        """Request the window's close, as the window manager's close button does."""
        self.driver.execute_script(
            "window.__TAURI_INTERNALS__.invoke('plugin:window|close', {label: 'main'}).catch(() => {})")

    def shot(self, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            self.driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
        except WebDriverException as e:
            log(f"no screenshot {name}: {e.msg}")

    def quit(self):
        try:
            self.driver.quit()
        except WebDriverException:
            pass


def loaded(app):
    app.wait("the diagram", lambda: len(app.css(".react-flow__node-table")) > 0)


def design_tables(path):
    design = json.loads(path.read_text())
    return {t["name"]: [c["name"] for c in t["columns"]] for t in design["tables"]}


def test_edit_save_reopen(binary, driver_pid, work):
    design = work / "shop.schemata.json"
    shutil.copy(EXAMPLE, design)
    app = App(binary, [str(design)], driver_pid)
    try:
        loaded(app)
        app.shot("1-opened")
        app.add_table_with_column("e2e_audit", "happened_at")
        app.shot("2-edited")
        app.button("Save").click()
        deadline = time.monotonic() + TIMEOUT
        while "e2e_audit" not in design_tables(design) and time.monotonic() < deadline:
            time.sleep(0.2)
        tables = design_tables(design)
        assert "e2e_audit" in tables, f"the saved file lacks the new table: {sorted(tables)}"
        assert "happened_at" in tables["e2e_audit"], tables["e2e_audit"]
        assert "customers" in tables, "the example's tables are still there"
        app.shot("3-saved")
    except Exception:
        app.shot("failed")
        raise
    finally:
        app.quit()

    app = App(binary, [str(design)], driver_pid)
    try:
        loaded(app)
        app.wait("the saved table after reopening", lambda: app.has_table("e2e_audit"))
        assert not app.css("[data-testid=restore]"), "a saved document is not offered for restore"
        app.shot("4-reopened")
    except Exception:
        app.shot("failed")
        raise
    finally:
        app.quit()


def test_crash_and_restore(binary, driver_pid, work, data_dir):
    design = work / "shop.schemata.json"
    before = design.read_text()
    app = App(binary, [str(design)], driver_pid)
    try:
        loaded(app)
        app.add_table_with_column("e2e_unsaved", None)
        autosave = data_dir / "autosave.json"
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if autosave.exists() and "e2e_unsaved" in autosave.read_text():
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the edit was not autosaved")
        app.shot("5-before-crash")
        pid = app.pid()
        log(f"killing the app (pid {pid})")
        os.kill(pid, signal.SIGKILL)
    except Exception:
        app.shot("failed")
        raise
    finally:
        app.quit()
    assert design.read_text() == before, "the design file was not written without a save"

    app = App(binary, [str(design)], driver_pid)
    try:
        loaded(app)
        app.wait("the restore offer", lambda: app.css("[data-testid=restore]"))
        app.shot("6-restore-offer")
        assert not app.has_table("e2e_unsaved"), "the file as saved opens first"
        banner = app.css("[data-testid=restore]")[0]
        restore = [b for b in banner.find_elements(By.TAG_NAME, "button") if b.text.strip() == "Restore"]
        assert restore, "the offer has a Restore button"
        restore[0].click()
        app.wait("the restored edit", lambda: app.has_table("e2e_unsaved"))
        app.shot("7-restored")
    except Exception:
        app.shot("failed")
        raise
    finally:
        app.quit()


def test_panels(binary, driver_pid, work, data_dir):
    design = work / "panels.schemata.json"
    shutil.copy(EXAMPLE, design)
    (data_dir / "autosave.json").unlink(missing_ok=True)  # no restore offer from the test before
    names = [p["name"] for p in json.loads(EXAMPLE.read_text())["worksheet"]["patterns"]]
    app = App(binary, [str(design)], driver_pid)
    try:
        loaded(app)
        app.tab("Worksheet").click()
        app.wait("the example's patterns in the worksheet", lambda: app.driver.execute_script(
            "return [...document.querySelectorAll('[data-testid=worksheet] tr.pattern td:first-child input')]"
            ".map(i => i.value)") == names)
        # The worksheet's score comes from the `advise` command.
        bar = app.wait("the score in the worksheet's bar", lambda: re.search(
            r"(\d+) access patterns · score (\d+)/100", app.text(".worksheet-panel .panel-bar")))
        assert int(bar.group(1)) == len(names), bar.group(0)
        app.shot("8-worksheet")

        app.tab("Score & indexes").click()
        total = app.wait("the score", lambda: re.fullmatch(r"\d+", app.text("[data-testid=score-total]").strip()))
        total = int(total.group(0))
        assert 0 <= total <= 100, total
        assert total == int(bar.group(2)), f"the score tab says {total}, the worksheet {bar.group(2)}"
        app.wait("the score in the tab's label", lambda: app.tab("Score & indexes").text.strip() == f"Score & indexes ({total})")
        assert "/100" in app.text("[data-testid=score]")
        app.shot("9-score")

        app.tab("Sharding").click()
        headline = app.wait("the headline share", lambda: re.match(
            r"(\d+(?:\.\d+)?%) of the rate-weighted worksheet runs on one shard",
            app.text("[data-testid=shard-headline]")))
        share = headline.group(1)
        app.wait("the share in the tab's label", lambda: app.tab("Sharding").text.strip() == f"Sharding ({share})")
        ddl = app.text("[data-testid=shard-ddl]")
        assert "create_distributed_table('orders'" in ddl, f"no Citus DDL for the example: {ddl[:300]}"
        app.shot("10-sharding")
    except Exception:
        app.shot("failed")
        raise
    finally:
        app.quit()


def wait_closed(app, pid, what, timeout=15):
    """Wait for the app's process to exit; fails at once when the window asks instead."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not running(pid):
            return
        try:
            asking = app.prompt()
        except WebDriverException:
            asking = None  # the window is going away
        if asking is not None:
            app.shot("failed")
            raise AssertionError(f"{what}: the window asked `{asking.text}` instead of closing")
        time.sleep(0.2)
    raise AssertionError(f"{what}: the app still runs {timeout} s after the close request")


def test_close_prompt(binary, driver_pid, work, data_dir):
    design = work / "close.schemata.json"
    shutil.copy(EXAMPLE, design)
    before = design.read_text()
    autosave = data_dir / "autosave.json"
    autosave.unlink(missing_ok=True)
    app = App(binary, [str(design)], driver_pid)
    try:
        loaded(app)
        app.add_table_with_column("e2e_draft", None)
        app.wait("the unsaved mark in the title", lambda: "•" in app.driver.title)
        app.wait("the autosave of the edit",
                 lambda: autosave.exists() and "e2e_draft" in autosave.read_text(), timeout=10)

        app.close_shortcut()
        prompt = app.wait("the unsaved-changes prompt after File > Close", app.prompt)
        assert "unsaved changes" in prompt.text, prompt.text
        app.shot("11-close-prompt")
        app.prompt_button("Cancel").click()
        app.wait("the prompt to go", lambda: app.prompt() is None)
        pid = app.pid()
        time.sleep(1)  # a close that went ahead anyway would be under way by now
        assert running(pid), "the app exited although the close was cancelled"
        assert app.has_table("e2e_draft"), "the edit is still there"
        assert "•" in app.driver.title, "the document is still unsaved"
        assert "e2e_draft" in autosave.read_text(), "a cancelled close keeps the autosave"
        app.shot("12-close-cancelled")

        app.request_close()
        app.wait("the unsaved-changes prompt after the window's close request", app.prompt)
        app.shot("13-close-prompt-again")
        app.prompt_button("Close without saving").click()
        wait_closed(app, pid, "closing without saving")
    except Exception:
        app.shot("failed")
        raise
    finally:
        app.quit()
    assert design.read_text() == before, "closing without saving left the file as it was"
    assert not autosave.exists(), "closing without saving drops the autosave"

    app = App(binary, [str(design)], driver_pid)
    try:
        loaded(app)
        assert not app.has_table("e2e_draft"), "the discarded edit is gone"
        assert not app.css("[data-testid=restore]"), "discarded work is not offered for restore"
        # The example stores no positions: laying it out is part of opening it, not an edit.
        assert "•" not in app.driver.title, "a design just opened has no unsaved changes"
        app.add_table_with_column("e2e_kept", None)
        app.button("Save").click()
        app.wait("the save", lambda: "e2e_kept" in design_tables(design) and "•" not in app.driver.title)
        app.shot("14-saved-before-close")
        pid = app.pid()
        app.request_close()
        wait_closed(app, pid, "closing after a save")
    except Exception:
        app.shot("failed")
        raise
    finally:
        app.quit()


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = sys.argv[1]
    if not os.access(binary, os.X_OK):
        print(f"test_app.py: {binary} is not an executable", file=sys.stderr)
        return 2
    if shutil.which("tauri-driver") is None:
        print("test_app.py: tauri-driver is not on PATH", file=sys.stderr)
        return 2
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="schemata-e2e-"))
    data_dir = work / "data"
    env = dict(os.environ, SCHEMATA_DATA_DIR=str(data_dir))
    driver_log = open(ARTIFACTS / "tauri-driver.log", "w")
    driver = subprocess.Popen(["tauri-driver", "--port", str(PORT)], env=env,
                              stdout=driver_log, stderr=subprocess.STDOUT)
    failed = []
    try:
        wait_for_port(PORT, 20)
        for name, run in [
            ("edit, save and reopen", lambda: test_edit_save_reopen(binary, driver.pid, work)),
            ("crash and restore", lambda: test_crash_and_restore(binary, driver.pid, work, data_dir)),
            ("worksheet, score and sharding tabs", lambda: test_panels(binary, driver.pid, work, data_dir)),
            ("close prompt", lambda: test_close_prompt(binary, driver.pid, work, data_dir)),
        ]:
            started = time.monotonic()
            try:
                run()
                log(f"ok      {name} ({time.monotonic() - started:.1f} s)")
            except Exception:
                failed.append(name)
                log(f"FAILED  {name}")
                traceback.print_exc()
                break
    finally:
        driver.terminate()
        try:
            driver.wait(10)
        except subprocess.TimeoutExpired:
            driver.kill()
        driver_log.close()
        shutil.rmtree(work, ignore_errors=True)
    log(f"screenshots in {ARTIFACTS}")
    if failed:
        log(f"{len(failed)} failed: {', '.join(failed)}")
        return 1
    log("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
