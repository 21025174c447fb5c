#!/usr/bin/env python3
"""Table cells placed right: xxgk versus what `pdftotext -layout` lets a user recover.

For every born-digital report of a corpus folder (with NAME.truth.json beside it), counts the
truth's cell values that
  - xxgk puts under the right key (`xxgk extract --ocr never`), and
  - a user gets from `pdftotext -layout` with the obvious method: find each form row's label on a
    line and read the numbers that follow it on that line, in column order (the review table:
    the line of 15 numbers after its header).
Usage: bench/compare_pdftotext.py XXGK_BINARY CORPUS_DIR [CORPUS_DIR...]   (prints markdown)
"""
import glob
import json
import os
import re
import subprocess
import sys

NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?$|^[—\-/]$|^无$")


def numbers(tokens):
    out = []
    for t in tokens:
        if NUMBER.match(t):
            out.append(0.0 if t in "—-/无" else float(t.replace(",", "")))
    return out


def label_core(label):
    core = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]", "", label)
    return re.sub(r"\s", "", core)[:8]


def baseline(pdf, spec, edition):
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    return values_from_text(text, spec, edition)


def values_from_text(text, spec, edition):
    """The obvious method on a page's plain text: a form row's label, then its numbers."""
    lines = [re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", l) for l in text.splitlines()]
    got = {}
    for table in spec["editions"][edition]["tables"]:
        for block in table.get("groups", [table]):
            cols = [c["id"] for c in block["columns"]]
            for row in block["rows"]:
                core = label_core(row["label"])
                for line in lines:
                    squeezed = re.sub(r"\s", "", line)
                    if core and core in squeezed:
                        after = line[line.find(core[-1]) + 1:] if core[-1] in line else line
                        vals = numbers(after.split())
                        if len(vals) == len(cols):
                            for c, v in zip(cols, vals):
                                got[f"{table['id']}.{row['id']}.{c}"] = v
                            break
    review_rows = ["administrative_review", "litigation_direct", "litigation_after_review"]
    review_cols = ["upheld", "corrected", "other", "pending", "total"]
    for line in lines:
        vals = numbers(line.split())
        if len(vals) == 15:
            for i, v in enumerate(vals):
                got[f"review_litigation.{review_rows[i // 5]}.{review_cols[i % 5]}"] = v
    return got


def xxgk(binary, pdf):
    out = subprocess.run([binary, "extract", "--ocr", "never", pdf], capture_output=True, text=True).stdout
    got = {}
    for table, rows in json.loads(out)["tables"].items():
        for row, cols in rows.items():
            for col, v in cols.items():
                got[f"{table}.{row}.{col}"] = v
    return got


def score(got, truth):
    return sum(1 for k, v in truth.items() if got.get(k) is not None and abs(got[k] - v) < 1e-9)


def main():
    binary, folders = sys.argv[1], sys.argv[2:]
    spec = json.load(open(os.path.join(os.path.dirname(__file__), "..", "spec", "annual-report-format.json")))
    rows, totals = [], [0, 0, 0, 0, 0]
    for folder in folders:
        for truth_path in sorted(glob.glob(os.path.join(folder, "*.truth.json"))):
            truth = json.load(open(truth_path))
            pdf = truth_path[: -len(".truth.json")] + ".pdf"
            variant = truth["variant"]
            if variant.get("scanned") or variant.get("mixed") or not os.path.exists(pdf):
                continue
            values = truth["values"]
            a, b = score(xxgk(binary, pdf), values), score(baseline(pdf, spec, truth["edition"]), values)
            flags = ",".join(k for k, v in variant.items() if v is True) or "ruled"
            rows.append(f"| {os.path.basename(pdf)} | {flags} | {len(values)} | {a} | {b} |")
            for i, x in enumerate([len(values), a, b, a == len(values), b == len(values)]):
                totals[i] += x
    print("| report | variant | cells | xxgk right | pdftotext -layout right |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    n = totals[0]
    print(f"| **all {len(rows)}** | | {n} | {totals[1]} ({100 * totals[1] / n:.2f}%) | {totals[2]} ({100 * totals[2] / n:.2f}%) |")
    print(f"\nReports with every cell right: xxgk {totals[3]} of {len(rows)}, pdftotext -layout {totals[4]} of {len(rows)}.")


if __name__ == "__main__":
    main()
