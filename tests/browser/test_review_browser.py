#!/usr/bin/env python3
"""`xxgk review` in a real browser (Debian's Chromium, headless, driven over DevTools).

A scanned report of the shared corpus is extracted, then reviewed as a person would: the list
shows it, its flagged cells are marked, Tab opens the first one with its crop from the page and
Enter confirms it; a value corrected by a slip makes a check of the form fail on the page, and
corrected again the failure clears; a value no check covers is corrected; the corrections are
saved, and `xxgk extract --corrections` gives the corrected values.

usage: test_review_browser.py XXGK SHARED_DIR WORK_DIR [--screenshots DIR]
exit 0 passed, 1 failed, 77 no browser here (skipped)
"""
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser, BrowserError  # noqa: E402

REVIEW_CODES = {"confirmed", "corrected"}
# A value in the form's balance check, and one of 主动公开 that no check covers.
CHECKED_KEY = "applications.new_received.total"
UNCHECKED_KEY = "active_disclosure.regulations.issued"
SCAN = os.path.join("corpus", "synth", "r011-000-scanned.pdf")


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def value_at(record, key):
    t, r, c = key.split(".")
    return record["tables"][t][r][c]


def flagged_keys(record):
    keys = set()
    for w in record["warnings"]:
        key = w.get("key", "")
        if key.count(".") == 2 and not key.startswith("meta.") and w["code"] not in REVIEW_CODES:
            keys.add(key)
    return keys


def start_review(xxgk, results, corrections):
    server = subprocess.Popen([xxgk, "review", results, "--corrections", corrections, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = server.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        server.kill()
        fail(f"review printed no URL: {url!r} {server.stderr.read()}")
    return server, url


def set_value(browser, key, text):
    browser.click(f'td[data-key="{key}"]')
    browser.wait_for(f"document.querySelector('td.value.selected')?.dataset.key === {json.dumps(key)}",
                     what=f"{key} selected")
    browser.evaluate("document.getElementById('value-input').select()")
    browser.type_text(text)
    browser.key("Enter", key_code=13)


def cell_text(browser, key):
    return browser.evaluate(f"document.querySelector('td[data-key=\"{key}\"]').textContent")


def failed_checks(browser):
    return browser.evaluate("document.querySelectorAll('.checks li.failed').length")


def review_in_browser(browser, url, record, shots):
    browser.open_page(url)
    browser.wait_for("document.querySelectorAll('table.list tbody tr').length === 1", what="the list")
    row = browser.evaluate("document.querySelector('table.list tbody tr').textContent")
    expect(record["status"] in row, f"the list row shows the status: {row}")
    browser.screenshot(os.path.join(shots, "review-list.png"))

    browser.click("table.list tbody tr")
    browser.wait_for("document.querySelectorAll('table.form').length === 3", what="the three tables of the form")
    flagged = flagged_keys(record)
    marked = browser.evaluate("[...document.querySelectorAll('td.value.flagged')].map(e => e.dataset.key)")
    expect(set(marked) == flagged, f"flagged cells marked: page {sorted(marked)} record {sorted(flagged)}")
    expect(marked, "the scan has flagged values to review")
    before_failed = failed_checks(browser)

    # Tab: the first flagged value, its crop cut from the page; Enter confirms it.
    browser.key("Tab", key_code=9)
    first = browser.wait_for("document.querySelector('td.value.selected')?.dataset.key", what="a selected value")
    expect(first == marked[0], f"Tab selects the first flagged value: {first}, not {marked[0]}")
    browser.wait_for("(() => { const i = document.getElementById('crop'); return i && i.complete && i.naturalWidth > 40; })()",
                     what="the crop of the value's cell")
    browser.screenshot(os.path.join(shots, "review-form.png"))
    browser.key("Enter", key_code=13)
    browser.wait_for(f"document.querySelector('td[data-key=\"{first}\"]').classList.contains('reviewed')",
                     what="the confirmed value marked")
    left = browser.evaluate("document.querySelectorAll('td.value.flagged').length")
    expect(left == len(marked) - 1, f"one flag fewer after a confirmation: {left} of {len(marked)}")

    # A slip makes the form's check fail on the page; the right number clears it.
    checked = value_at(record, CHECKED_KEY)
    expect(checked is not None, f"{CHECKED_KEY} was read")
    set_value(browser, CHECKED_KEY, str(checked + 1))
    browser.wait_for(f"document.querySelectorAll('.checks li.failed').length > {before_failed}",
                     what="a failed check after the slip")
    expect(cell_text(browser, CHECKED_KEY) == str(checked + 1), "the slip is shown in the form")
    browser.evaluate("window.scrollTo(0, 0)")
    browser.screenshot(os.path.join(shots, "review-failed-check.png"))
    set_value(browser, CHECKED_KEY, str(checked))
    browser.wait_for(f"document.querySelectorAll('.checks li.failed').length === {before_failed}",
                     what="the failed check cleared")

    unchecked = value_at(record, UNCHECKED_KEY)
    expect(unchecked is not None, f"{UNCHECKED_KEY} was read")
    set_value(browser, UNCHECKED_KEY, str(unchecked + 7))
    browser.wait_for(f"document.querySelector('td[data-key=\"{UNCHECKED_KEY}\"]').textContent === '{unchecked + 7}'",
                     what="the corrected value shown")
    # The page around a value, on demand.
    set_value_crop = f"td[data-key=\"{UNCHECKED_KEY}\"]"
    browser.click(set_value_crop)
    browser.wait_for("[...document.querySelectorAll('#panel button')].some(b => b.textContent.startsWith('page'))",
                     what="the page button")
    browser.evaluate("[...document.querySelectorAll('#panel button')].find(b => b.textContent.startsWith('page')).click()")
    browser.wait_for("(() => { const i = document.querySelector('#page-view img'); return i && i.complete && i.naturalWidth > 200; })()",
                     what="the page image")
    browser.screenshot(os.path.join(shots, "review-page.png"))
    return first, checked, unchecked


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    xxgk, shared, work = sys.argv[1:4]
    shots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else os.path.join(work, "shots")
    if not shutil.which("chromium"):
        print("no chromium here: skipped (scripts/setup.sh installs it)")
        return 77
    os.makedirs(shots, exist_ok=True)
    scan = os.path.join(shared, SCAN)
    results = os.path.join(work, "scan.json")
    corrections = os.path.join(work, "corrections")
    done = subprocess.run([xxgk, "extract", scan, "--provenance", "-o", results], capture_output=True, text=True)
    expect(done.returncode in (0, 8), f"extract: exit {done.returncode}: {done.stderr}")
    with open(results) as f:
        record = json.load(f)

    server, url = start_review(xxgk, results, corrections)
    browser = Browser()
    try:
        first, checked, unchecked = review_in_browser(browser, url, record, shots)
    except BrowserError as e:
        fail(str(e))
    finally:
        browser.close()
        server.terminate()
        server.wait(timeout=30)
    expect(server.returncode == 0, f"review exits 0 on SIGTERM, not {server.returncode}")

    sidecar = os.path.join(corrections, record["source"]["sha256"] + ".corrections.json")
    expect(os.path.exists(sidecar), f"the corrections are saved in {sidecar}")
    again = subprocess.run([xxgk, "extract", scan, "--corrections", corrections], capture_output=True, text=True)
    expect(again.returncode in (0, 8), f"extract --corrections: exit {again.returncode}: {again.stderr}")
    rerun = json.loads(again.stdout)
    expect(value_at(rerun, UNCHECKED_KEY) == unchecked + 7, "the re-run gives the corrected value")
    codes = {(w.get("key"), w["code"]) for w in rerun["warnings"]}
    expect((UNCHECKED_KEY, "corrected") in codes, "the corrected value is marked")
    expect((first, "confirmed") in codes, "the confirmed value is marked")
    expect(value_at(rerun, CHECKED_KEY) == checked, "the value corrected back is the machine's")
    expect(set(rerun["corrections"]["applied"]) == {first, CHECKED_KEY, UNCHECKED_KEY}, "three corrections applied")
    expect(len(rerun["validation"]["failed"]) == len(record["validation"]["failed"]), "no check broken by the review")
    print("passed: list, flags, crop, confirm, a check failed and cleared, correction, page, re-run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
