#!/usr/bin/env python3
"""Time per scanned page: xxgk against plain `tesseract` on the same page images, in one run.

For each scanned or mixed report of a corpus folder (NAME.truth.json with variant.scanned or
variant.mixed), measures
  - xxgk: `xxgk extract --ocr auto --dpi DPI` on the PDF, wall time divided by the pages it OCR'd
    (rendering, deskew, rulings, page OCR, cell re-reading, mapping: everything);
  - tesseract: `tesseract PAGE.png - -l chi_sim` on each of those pages rendered at the same DPI
    by `pdftoppm` (rendering not counted: the floor of reading the page once with Tesseract);
and, for both, how many of the truth's values a user gets: xxgk's keys; for tesseract's text,
the obvious method of bench/compare_pdftotext.py (a row label on a line, its numbers after it).
Both tools run on one thread (xxgk --threads 1, OMP_THREAD_LIMIT=1), one process at a time.
Usage: bench/ocr_vs_tesseract.py XXGK_BINARY CORPUS_DIR [--dpi 300] [--limit N]   (prints markdown)
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_pdftotext  # noqa: E402  (the row-label method, reused on tesseract's text)


SPEC = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "spec",
                        "annual-report-format.json"), encoding="utf-8"))


def timed(cmd, env):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env)
    return time.perf_counter() - start, proc


def ocr_pages(report_json):
    return [p["number"] for p in report_json["pages"] if p["read_from"] == "ocr"]


def xxgk_right(report_json, truth):
    right = 0
    for key, value in truth["values"].items():
        table, row, col = key.split(".")
        got = report_json["tables"][table][row][col]
        right += got is not None and abs(got - value) < 1e-9
    return right


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xxgk")
    ap.add_argument("corpus")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    rows = []
    files = sorted(glob.glob(os.path.join(args.corpus, "*.pdf")))
    for pdf in files:
        truth_path = pdf[:-4] + ".truth.json"
        if not os.path.exists(truth_path):
            continue
        truth = json.load(open(truth_path, encoding="utf-8"))
        variant = truth.get("variant", {})
        if not (variant.get("scanned") or variant.get("mixed")):
            continue
        if args.limit and len(rows) >= args.limit:
            break
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r.json")
            xxgk_s, _ = timed([args.xxgk, "extract", pdf, "--dpi", str(args.dpi), "--threads", "1", "-o", out], env)
            report = json.load(open(out, encoding="utf-8"))
            pages = ocr_pages(report)
            tess_s, text = 0.0, []
            for n in pages:
                png = os.path.join(tmp, "p%d" % n)
                subprocess.run(["pdftoppm", "-r", str(args.dpi), "-f", str(n), "-l", str(n), "-png",
                                "-singlefile", pdf, png], check=True)
                s, proc = timed(["tesseract", png + ".png", "-", "-l", "chi_sim", "--psm", "3"], env)
                tess_s += s
                text.append(proc.stdout.decode("utf-8", "replace"))
            got = compare_pdftotext.values_from_text("\n".join(text), SPEC, truth["edition"])
            tess_right = compare_pdftotext.score(got, truth["values"])
        rows.append((os.path.basename(pdf), len(pages), xxgk_s, tess_s, xxgk_right(report, truth),
                     tess_right, len(truth["values"])))
        print("%s: %d OCR pages, xxgk %.1f s, tesseract %.1f s" % rows[-1][:4], file=sys.stderr)
    print("| report | OCR pages | xxgk s/page | tesseract s/page | ratio | values right: xxgk | tesseract text |")
    print("|---|---|---|---|---|---|---|")
    tp = tx = tt = rx = rt = keys = 0
    for name, n, xs, ts, xr, tr, k in rows:
        if n == 0:
            continue
        print("| %s | %d | %.2f | %.2f | %.2f | %d/%d | %d/%d |" % (name, n, xs / n, ts / n, xs / ts, xr, k, tr, k))
        tp, tx, tt, rx, rt, keys = tp + n, tx + xs, tt + ts, rx + xr, rt + tr, keys + k
    if tp:
        print("| **all %d files** | %d | **%.2f** | **%.2f** | **%.2f** | %d/%d (%.1f%%) | %d/%d (%.1f%%) |" % (
            len(rows), tp, tx / tp, tt / tp, tx / tt, rx, keys, 100.0 * rx / keys, rt, keys, 100.0 * rt / keys))


if __name__ == "__main__":
    main()
