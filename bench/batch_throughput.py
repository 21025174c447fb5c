#!/usr/bin/env python3
"""Batch throughput: `xxgk extract FOLDER --jsonl` with --jobs 1 against --jobs N, and at the
most jobs each output (--jsonl, --sqlite, both), in one run.

The born-digital reports of a corpus folder (NAME.truth.json without variant.scanned/mixed),
each copied COPIES times under new names (a comment after %%EOF makes each copy other content,
so the dataset stores every one), are extracted as one batch per --jobs value and output;
files/s and the speed-up over --jobs 1 (or the cost over --jsonl) are printed as markdown.
Usage: bench/batch_throughput.py XXGK_BINARY CORPUS_DIR [--copies 4] [--jobs 1,2]
"""
import argparse
import glob
import json
import os
import subprocess
import tempfile
import time


def born_digital(corpus):
    out = []
    for truth in sorted(glob.glob(os.path.join(corpus, "*.truth.json"))):
        variant = json.load(open(truth, encoding="utf-8")).get("variant", {})
        pdf = truth[: -len(".truth.json")] + ".pdf"
        if not variant.get("scanned") and not variant.get("mixed") and os.path.exists(pdf):
            out.append(pdf)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xxgk")
    ap.add_argument("corpus")
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--jobs", default="1,2")
    a = ap.parse_args()
    pdfs = born_digital(a.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = os.path.join(tmp, "in")
        for c in range(a.copies):
            os.makedirs(os.path.join(inputs, str(c)))
            for p in pdfs:
                with open(p, "rb") as src, open(os.path.join(inputs, str(c), os.path.basename(p)), "wb") as dst:
                    dst.write(src.read() + f"% copy {c}\n".encode())
        n = len(pdfs) * a.copies
        rows, base = [], None
        for jobs in [int(j) for j in a.jobs.split(",")]:
            out = os.path.join(tmp, f"jobs{jobs}.jsonl")
            start = time.perf_counter()
            proc = subprocess.run([a.xxgk, "extract", inputs, "--jsonl", out, "--jobs", str(jobs)],
                                  capture_output=True, text=True)
            seconds = time.perf_counter() - start
            records = sum(1 for _ in open(out, encoding="utf-8"))
            rate = n / seconds
            base = base or rate
            rows.append((jobs, seconds, rate, rate / base, records, proc.returncode))
        outputs = []
        most = max(int(j) for j in a.jobs.split(","))
        for name in ["--jsonl", "--sqlite", "--jsonl and --sqlite"]:
            for f in glob.glob(os.path.join(tmp, "out.*")):
                os.remove(f)
            args = []
            if "jsonl" in name:
                args += ["--jsonl", os.path.join(tmp, "out.jsonl")]
            if "sqlite" in name:
                args += ["--sqlite", os.path.join(tmp, "out.db")]
            start = time.perf_counter()
            proc = subprocess.run([a.xxgk, "extract", inputs, "--jobs", str(most)] + args, capture_output=True)
            outputs.append((name, time.perf_counter() - start, proc.returncode))
    print(f"{n} born-digital inputs ({len(pdfs)} reports x {a.copies} copies), {os.cpu_count()} cores\n")
    print("| --jobs | wall s | files/s | speed-up | records | exit |")
    print("|---|---|---|---|---|---|")
    for jobs, seconds, rate, up, records, code in rows:
        print(f"| {jobs} | {seconds:.1f} | {rate:.2f} | {up:.2f}x | {records} | {code} |")
    print(f"\nOutputs, --jobs {most}:\n")
    print("| output | wall s | files/s | against --jsonl | exit |")
    print("|---|---|---|---|---|")
    for name, seconds, code in outputs:
        print(f"| {name} | {seconds:.1f} | {n / seconds:.2f} | {seconds / outputs[0][1]:.2f}x | {code} |")


if __name__ == "__main__":
    main()
