#!/usr/bin/env python3
"""Scores xxgk on corpus folders against their truth, strictly.

A value is right when it equals the truth (the truth is what the report prints); a wrong value
is *flagged* only when a warning names its own key (a failed sum elsewhere does not count), and
*silent* otherwise. Meta (agency, year, edition) is right or flagged (a warning on the report
about it). Each corpus folder's reports are read in every form present (.pdf, .html, .gbk.html,
.docx) with one batch run per form (`xxgk extract --jsonl --jobs N`).

Usage: bench/score_corpus.py XXGK CORPUS_DIR... [--forms pdf html gbk.html docx] [--jobs 2]
                             [--only scanned|text] [--verbose] [--json OUT]
Prints a markdown table per corpus and form, and with --verbose every wrong value.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

META_FLAGS = {
    "agency": {"agency_missing", "agency_from_text", "agency_from_metadata", "agency_uncertain", "title_missing"},
    "year": {"year_missing", "year_uncertain", "title_missing"},
    "edition": {"edition_uncertain", "edition_guessed"},
}


def warned_keys(report):
    return {w.get("key") for w in report.get("warnings", []) if w.get("key")}


def warned_codes(report):
    return {w["code"] for w in report.get("warnings", [])}


def value_of(report, key):
    table, row, col = key.split(".")
    try:
        return report["tables"][table][row][col]
    except (KeyError, TypeError):
        return None


def score(report, truth):
    s = {"keys": 0, "right": 0, "flagged": 0, "silent": 0, "warned_keys": 0, "wrong": [], "meta": {}}
    if report.get("status") == "failed":
        s["keys"] = len(truth["values"])
        s["silent"] = 0
        s["flagged"] = s["keys"]
        s["wrong"].append(("*", "failed", report.get("error", {}).get("reason", "")))
        return s
    doubt = warned_keys(report)
    s["warned_keys"] = len([k for k in doubt if k.count(".") == 2])
    for key, expected in truth["values"].items():
        got = value_of(report, key)
        ok = got is not None and abs(got - expected) < 1e-6
        s["keys"] += 1
        if ok:
            s["right"] += 1
        elif key in doubt:
            s["flagged"] += 1
            s["wrong"].append((key, got, expected, "flagged"))
        else:
            s["silent"] += 1
            s["wrong"].append((key, got, expected, "SILENT"))
    codes = warned_codes(report)
    meta = report.get("meta", {})
    for field in ("agency", "year", "edition"):
        want = truth[field]
        got = meta.get(field)
        if field == "edition":
            got = str(got) if got else got
            want = str(want)
        if got == want:
            s["meta"][field] = "right"
        else:
            s["meta"][field] = "flagged" if codes & META_FLAGS[field] else "SILENT"
            s["wrong"].append((field, got, want, s["meta"][field]))
    want_sections = len(truth.get("sections", [])) or 6
    s["sections"] = (len(report.get("sections", [])), want_sections)
    s["status"] = report.get("status")
    return s


def run_batch(xxgk, inputs, jobs):
    with tempfile.TemporaryDirectory() as tmp:
        listing = os.path.join(tmp, "inputs.txt")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(inputs) + "\n")
        out = os.path.join(tmp, "out.jsonl")
        subprocess.run([xxgk, "extract", "--files-from", listing, "--jsonl", out, "--jobs", str(jobs)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        records = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                records[r["source"]["file"]] = r
        return records


def is_scanned(truth):
    v = truth.get("variant", {})
    return bool(v.get("scanned") or v.get("mixed"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xxgk")
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--forms", nargs="+", default=["pdf", "html", "gbk.html", "docx"])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", choices=["scanned", "text"])
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args()
    summary = []
    print("| corpus | form | kind | reports | values right | flagged wrong | silent wrong | fully right | meta right | meta silent | warned keys |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for corpus in args.corpora:
        truths = {}
        for path in sorted(glob.glob(os.path.join(corpus, "*.truth.json"))):
            truths[path[: -len(".truth.json")]] = json.load(open(path, encoding="utf-8"))
        for form in args.forms:
            inputs = []
            for stem, truth in truths.items():
                f = stem + "." + form
                if not os.path.exists(f):
                    continue
                if args.only == "scanned" and not is_scanned(truth):
                    continue
                if args.only == "text" and is_scanned(truth):
                    continue
                inputs.append(f)
            if not inputs:
                continue
            records = run_batch(args.xxgk, inputs, args.jobs)
            groups = {}
            for f in inputs:
                stem = f[: -len(form) - 1]
                truth = truths[stem]
                kind = "scanned" if is_scanned(truth) else "text"
                rec = records.get(f, {"status": "failed", "error": {"reason": "no record"}})
                s = score(rec, truth)
                s["file"] = os.path.basename(f)
                groups.setdefault(kind, []).append(s)
                if args.verbose and s["wrong"]:
                    print(f"  {s['file']}: {s['right']}/{s['keys']} status={s['status']} sections={s['sections']}",
                          file=sys.stderr)
                    for w in s["wrong"]:
                        print("     ", *w, file=sys.stderr)
            for kind, scores in sorted(groups.items()):
                keys = sum(s["keys"] for s in scores)
                right = sum(s["right"] for s in scores)
                flagged = sum(s["flagged"] for s in scores)
                silent = sum(s["silent"] for s in scores)
                full = sum(1 for s in scores if s["right"] == s["keys"] and all(
                    m == "right" for m in s["meta"].values()))
                meta_right = sum(sum(m == "right" for m in s["meta"].values()) for s in scores)
                meta_silent = sum(sum(m == "SILENT" for m in s["meta"].values()) for s in scores)
                warned = sum(s["warned_keys"] for s in scores)
                print(f"| {os.path.basename(os.path.normpath(corpus))} | {form} | {kind} | {len(scores)} | "
                      f"{right}/{keys} ({100.0 * right / max(keys, 1):.2f} %) | {flagged} | {silent} | "
                      f"{full} | {meta_right}/{3 * len(scores)} | {meta_silent} | {warned} |")
                summary.append({"corpus": corpus, "form": form, "kind": kind, "scores": scores})
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=1, default=str)


if __name__ == "__main__":
    main()
