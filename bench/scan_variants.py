#!/usr/bin/env python3
"""Scans we were not given: born-digital corpus reports printed to images and "scanned" again.

Each born-digital report of a corpus folder (its truth beside it) is rasterized by `pdftoppm` at
a scan resolution, turned by a skew angle as if fed into the scanner askew, and wrapped into an
image-only PDF (fixtures/generator's --image-pages). xxgk reads it with OCR; its values are
scored against the report's truth, and every wrong value without a flag (a warning on its key
or a failed check it takes part in) is counted.
Usage: bench/scan_variants.py XXGK MAKE_FIXTURES CORPUS_DIR [--dpi 150 200] [--skew 2.5 -3]
                               [--limit N] [--jobs 2]        (prints markdown)
"""
import argparse
import concurrent.futures
import glob
import json
import os
import subprocess
import tempfile


def flagged(report):
    keys = {w.get("key") for w in report["warnings"] if w.get("key")}
    for f in report["validation"]["failed"]:
        keys.update(f["sum"]["keys"])
        keys.update(f["equals"]["keys"])
    return keys


def run_one(xxgk, maker, pdf, truth, dpi, skew):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", pdf, os.path.join(tmp, "p")], check=True)
        pngs = sorted(glob.glob(os.path.join(tmp, "p*.png")))
        scan = os.path.join(tmp, "scan.pdf")
        subprocess.run([maker, "--image-pages", str(dpi), scan, "--rotate", str(skew)] + pngs, check=True)
        out = os.path.join(tmp, "r.json")
        subprocess.run([xxgk, "extract", scan, "--threads", "1", "-o", out], capture_output=True)
        report = json.load(open(out, encoding="utf-8"))
    doubt = flagged(report)
    right = silent = 0
    for key, value in truth["values"].items():
        table, row, col = key.split(".")
        got = report["tables"][table][row][col]
        ok = got is not None and abs(got - value) < 1e-9
        right += ok
        silent += not ok and key not in doubt
    skews = [p["skew_degrees"] for p in report["pages"]]
    return right, len(truth["values"]), silent, report["meta"]["agency"] == truth["agency"], skews


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xxgk")
    ap.add_argument("maker")
    ap.add_argument("corpus")
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 200])
    ap.add_argument("--skew", type=float, nargs="+", default=[2.5, -3.0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    reports = []
    for truth_path in sorted(glob.glob(os.path.join(args.corpus, "*.truth.json"))):
        truth = json.load(open(truth_path, encoding="utf-8"))
        variant = truth.get("variant", {})
        pdf = truth_path[: -len(".truth.json")] + ".pdf"
        if variant.get("scanned") or variant.get("mixed") or not os.path.exists(pdf):
            continue
        reports.append((pdf, truth))
    if args.limit:
        reports = reports[: args.limit]
    jobs = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for dpi in args.dpi:
            for i, (pdf, truth) in enumerate(reports):
                skew = args.skew[i % len(args.skew)]
                jobs.append((dpi, skew, pdf, pool.submit(run_one, args.xxgk, args.maker, pdf, truth, dpi, skew)))
    print("| report | dpi | skew ° | found ° | values right | wrong, unflagged | agency |")
    print("|---|---|---|---|---|---|---|")
    totals = {}
    for dpi, skew, pdf, job in jobs:
        right, keys, silent, agency, found = job.result()
        found_text = "/".join("%.1f" % s for s in found)
        print("| %s | %d | %.1f | %s | %d/%d | %d | %s |" % (os.path.basename(pdf), dpi, skew, found_text, right,
                                                       keys, silent, "ok" if agency else "wrong"))
        t = totals.setdefault(dpi, [0, 0, 0, 0, 0])
        for k, v in enumerate([right, keys, silent, agency, 1]):
            t[k] += v
    for dpi, (right, keys, silent, agency, n) in sorted(totals.items()):
        print("| **all %d at %d dpi** | | | | **%d/%d (%.1f%%)** | **%d** | %d/%d |" % (
            n, dpi, right, keys, 100.0 * right / keys, silent, agency, n))


if __name__ == "__main__":
    main()
