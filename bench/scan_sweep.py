#!/usr/bin/env python3
"""The robustness sweep: born-digital corpus reports printed to page images under one condition
at a time, and read back by xxgk as scans.

Conditions (each a row of the result): resolution 150, 200, 300 DPI; gray, bitonal (1 bit) and
JPEG at quality 30; skewed by -3 and +3 degrees (gray, 200 DPI). Each report of the corpus
folders (born-digital ones, with their truth beside them) is rendered by pdftoppm and handed to
xxgk as its page images (a folder of PNG or JPEG files); a skewed one is wrapped into an
image-only PDF by the fixture generator (--image-pages ... --rotate DEG). Scoring is strict: a
value is right only as printed, and a wrong one is flagged only by a warning on its own key.

Usage: bench/scan_sweep.py XXGK MAKE_FIXTURES CORPUS_DIR... [--limit N] [--jobs 2]
                           [--conditions NAME...] [--json OUT]        (prints markdown)
"""
import argparse
import concurrent.futures
import glob
import json
import os
import subprocess
import tempfile

# name -> (dpi, pdftoppm colour flags, image format, skew degrees)
CONDITIONS = {
    "gray-150": (150, ["-gray"], "png", 0),
    "gray-200": (200, ["-gray"], "png", 0),
    "gray-300": (300, ["-gray"], "png", 0),
    "bitonal-200": (200, ["-mono"], "png", 0),
    "bitonal-300": (300, ["-mono"], "png", 0),
    "jpeg30-200": (200, ["-gray"], "jpeg", 0),
    "jpeg30-300": (300, ["-gray"], "jpeg", 0),
    "skew-3-200": (200, ["-gray"], "png", -3.0),
    "skew+3-200": (200, ["-gray"], "png", 3.0),
}


def render(pdf, folder, dpi, colour, fmt):
    os.makedirs(folder)
    args = ["pdftoppm", "-r", str(dpi)] + colour
    args += ["-jpeg", "-jpegopt", "quality=30"] if fmt == "jpeg" else ["-png"]
    subprocess.run(args + [pdf, os.path.join(folder, "page")], check=True)
    return sorted(glob.glob(os.path.join(folder, "page*")))


def read(xxgk, maker, pdf, condition):
    dpi, colour, fmt, skew = CONDITIONS[condition]
    with tempfile.TemporaryDirectory() as tmp:
        pages = os.path.join(tmp, "pages")
        images = render(pdf, pages, dpi, colour, fmt)
        source = pages
        if skew:
            source = os.path.join(tmp, "scan.pdf")
            subprocess.run([maker, "--image-pages", str(dpi), source, "--rotate", str(skew)] + images, check=True)
        out = os.path.join(tmp, "r.json")
        subprocess.run([xxgk, "extract", source, "--threads", "1", "-o", out], capture_output=True)
        if not os.path.exists(out):
            return None
        return json.load(open(out, encoding="utf-8"))


def score(report, truth):
    keys = len(truth["values"])
    if report is None:
        return {"keys": keys, "right": 0, "flagged": keys, "silent": 0, "meta_silent": 0}
    warned = {w.get("key") for w in report["warnings"] if w.get("key")}
    codes = {w["code"] for w in report["warnings"]}
    right = silent = 0
    for key, value in truth["values"].items():
        table, row, col = key.split(".")
        got = report["tables"][table][row][col]
        ok = got is not None and abs(got - value) < 1e-6
        right += ok
        silent += not ok and key not in warned
    meta_flags = {"agency": {"agency_missing", "agency_from_text", "agency_from_metadata", "agency_uncertain", "title_missing"},
                  "year": {"year_missing", "year_uncertain", "title_missing"},
                  "edition": {"edition_uncertain"}}
    meta_silent = sum(1 for field, flags in meta_flags.items()
                      if str(report["meta"].get(field)) != str(truth[field]) and not codes & flags)
    return {"keys": keys, "right": right, "flagged": keys - right - silent, "silent": silent,
            "meta_silent": meta_silent}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xxgk")
    ap.add_argument("maker")
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--limit", type=int, default=0, help="reports per corpus folder (0: all)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--conditions", nargs="+", default=list(CONDITIONS), choices=list(CONDITIONS))
    ap.add_argument("--json")
    args = ap.parse_args()
    reports = []
    for corpus in args.corpora:
        found = []
        for truth_path in sorted(glob.glob(os.path.join(corpus, "*.truth.json"))):
            truth = json.load(open(truth_path, encoding="utf-8"))
            variant = truth.get("variant", {})
            pdf = truth_path[: -len(".truth.json")] + ".pdf"
            if variant.get("scanned") or variant.get("mixed") or variant.get("real") or not os.path.exists(pdf):
                continue
            found.append((pdf, truth))
        reports += found[: args.limit] if args.limit else found
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        jobs = [(c, pdf, truth, pool.submit(read, args.xxgk, args.maker, pdf, c))
                for c in args.conditions for pdf, truth in reports]
        results = {}
        for condition, pdf, truth, job in jobs:
            results.setdefault(condition, []).append((os.path.basename(pdf), score(job.result(), truth)))
    print("| condition | reports | values right | wrong, flagged | wrong, no warning on the key | title facts wrong, unflagged |")
    print("|---|---|---|---|---|---|")
    for condition in args.conditions:
        rows = [s for _, s in results[condition]]
        keys = sum(s["keys"] for s in rows)
        right = sum(s["right"] for s in rows)
        print("| %s | %d | %d/%d (%.2f%%) | %d | %d | %d |" % (
            condition, len(rows), right, keys, 100.0 * right / max(keys, 1), sum(s["flagged"] for s in rows),
            sum(s["silent"] for s in rows), sum(s["meta_silent"] for s in rows)))
    if args.json:
        json.dump(results, open(args.json, "w", encoding="utf-8"), indent=1)


if __name__ == "__main__":
    main()
