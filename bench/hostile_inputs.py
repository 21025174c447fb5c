#!/usr/bin/env python3
"""Hostile web pages, Word files and images: the time and peak memory of `xxgk extract` on each.

Each input is made here by a few lines of Python (nothing is stored), the kinds of file a badly
made website or an attacker serves: tree nesting that would overflow a recursive walk, tables of
tens of thousands of cells, an image whose header promises a gigapixel, spans of billions, an
entity-expansion Word file, a zip bomb, a TIFF of thousands of pages. Each is run as one
`xxgk extract FILE` (single-file mode, its default limits) with a wall-clock guard; the table
gives the exit code, the seconds, the peak resident memory of the process tree, and the line
xxgk said about it (its error, or what it did). The goal (issue 26): every case under 10 s and 1 GB, with a clear error or a
flagged result.
Usage: bench/hostile_inputs.py XXGK_BINARY [--only NAME,...] [--guard SECONDS]
"""
import argparse
import io
import os
import resource
import signal
import struct
import subprocess
import tempfile
import time
import zipfile
import zlib

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(document_xml, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def word_body(inner):
    return f'<?xml version="1.0"?><w:document {W_NS}><w:body>{inner}</w:body></w:document>'


def nested_html_tables(depth):
    return ("<html><body>" + "<table><tr><td>" * depth + "x").encode()


def nested_divs(depth):
    return ("<html><body>" + "<div>" * depth + "x").encode()


def nested_docx_tables(depth):
    cell = "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    return docx(word_body("<w:tbl><w:tr><w:tc>" * depth + cell + "</w:tc></w:tr></w:tbl>" * depth))


def wide_table(rows, cols):
    out = ["<html><head><meta charset='utf-8'></head><body><h1>附件 统计表</h1><table>"]
    for r in range(rows):
        out.append("<tr>" + "".join(f"<td>{(r * cols + c) % 997}</td>" for c in range(cols)) + "</tr>")
    out.append("</table></body></html>")
    return "".join(out).encode()


def huge_spans():
    return ("<html><body><table><tr><td rowspan='2147483647' colspan='100000'>一、本年新收政府信息公开申请数量</td>"
            "<td>3</td></tr><tr><td>1</td></tr></table></body></html>").encode()


def invalid_gbk():
    return b"<html><head><meta charset='gbk'></head><body><p>\xb1\xbe\xc4\xea\xff\xff\x81\x20\xfe</p></body></html>"


def entity_expansion_docx():
    dtd = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
    xml = word_body("<w:p><w:r><w:t>&j;</w:t></w:r></w:p>").replace("<w:document", dtd + "<w:document", 1)
    return docx(xml)


def inflating_docx(megabytes):
    return docx(word_body("<w:p><w:r><w:t>" + "0" * (megabytes << 20) + "</w:t></w:r></w:p>"))


def png(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + b"\xff" * width  # filter byte, then white gray pixels
    z = zlib.compressobj(9)
    body = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit gray
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def multipage_tiff(pages, side=16):
    """An uncompressed 8-bit gray TIFF of `pages` white pages, one IFD each."""
    entries = 8
    ifd_size = 2 + entries * 12 + 4
    pixels = side * side
    out = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for p in range(pages):
        ifd_at = len(out)
        data_at = ifd_at + ifd_size
        next_at = data_at + pixels if p + 1 < pages else 0
        tags = [(256, 3, side), (257, 3, side), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, data_at),
                (278, 3, side), (279, 4, pixels)]
        out += struct.pack("<H", entries)
        for tag, kind, value in tags:
            out += struct.pack("<HHII", tag, kind, 1, value) if kind == 4 else struct.pack("<HHIHH", tag, kind, 1,
                                                                                             value, 0)
        out += struct.pack("<I", next_at)
        out += b"\xff" * pixels
    return bytes(out)


CASES = [
    ("200,000 nested <table><tr><td>", "nested-tables.html", lambda: nested_html_tables(200_000)),
    ("100,000 nested <w:tbl><w:tr><w:tc>", "nested-tables.docx", lambda: nested_docx_tables(100_000)),
    ("300,000 nested <div>", "nested-divs.html", lambda: nested_divs(300_000)),
    ("a table of 200 x 100 cells", "table-200x100.html", lambda: wide_table(200, 100)),
    ("a table of 500 x 100 cells", "table-500x100.html", lambda: wide_table(500, 100)),
    ("a table of 1,000 x 100 cells", "table-1000x100.html", lambda: wide_table(1000, 100)),
    ("a 30,000 x 30,000-pixel PNG", "gigapixel.png", lambda: png(30_000, 30_000)),
    ("rowspan 2147483647, colspan 100000", "spans.html", huge_spans),
    ("invalid GBK bytes", "bad-gbk.html", invalid_gbk),
    ("entity-expansion DOCX", "entities.docx", entity_expansion_docx),
    ("DOCX whose document.xml inflates to 80 MiB", "inflating.docx", lambda: inflating_docx(80)),
    ("a TIFF of 3,000 pages", "pages.tiff", lambda: multipage_tiff(3000)),
]


def run(xxgk, path, guard):
    start = time.monotonic()
    p = subprocess.Popen([xxgk, "extract", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         start_new_session=True)
    err = b""
    try:
        _, err = p.communicate(timeout=guard)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        _, err = p.communicate()
    seconds = time.monotonic() - start
    return p.returncode, seconds, err.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xxgk")
    ap.add_argument("--only", default="")
    ap.add_argument("--guard", type=float, default=120, help="seconds before a run is killed (default 120)")
    a = ap.parse_args()
    only = set(filter(None, a.only.split(",")))
    print("| input | file | exit | seconds | peak RSS MB | xxgk said |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for title, name, make in CASES:
            if only and name not in only:
                continue
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(make())
            # Each case in its own child, so that RUSAGE_CHILDREN's maximum is this case's alone.
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(reader)
                code, seconds, err = run(a.xxgk, path, a.guard)
                peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                lines = [l for l in err.splitlines() if l.strip()]
                # The line that says what became of the input: an error, else what was done.
                telling = [l for l in lines if "error" in l or "nests" in l or "far larger" in l]
                line = (telling or lines or [""])[0]
                os.write(writer, f"{code}\t{seconds:.2f}\t{peak_kb / 1024:.0f}\t{line}".encode())
                os._exit(0)
            os.close(writer)
            with os.fdopen(reader) as r:
                code, seconds, peak, line = r.read().split("\t", 3)
            os.waitpid(pid, 0)
            size = os.path.getsize(path)
            os.remove(path)
            code = "killed" if code.startswith("-") else code
            line = line.replace("|", "\\|")[:110]
            print(f"| {title} | {size / 1e6:.2f} MB | {code} | {seconds} | {peak} | {line} |", flush=True)


if __name__ == "__main__":
    main()
