#!/usr/bin/env python3
"""A small government website on 127.0.0.1 for the fetch tests: files from a folder, and the
ways real sites fail. Every request is logged as one JSON line when it arrives (time, path, agent).

Usage: test_site.py ROOT PORT_FILE LOG_FILE
  ROOT/...           served as files (index pages, reports, attachments, robots.txt)
  /redirect/N        302 to /redirect/N-1, and /redirect/0 to /reports/a.html
  /loop/a, /loop/b   302 to each other
  /flaky/NAME        503 twice, then ROOT/reports/NAME
  /busy/NAME         429 with Retry-After: 1 once, then ROOT/reports/NAME
  /slow              answers after 5 s
  /huge              2 MB of text
  /gzip/NAME         ROOT/reports/NAME gzip-encoded when the client accepts it
The port chosen by the system is written to PORT_FILE once the server listens.
"""
import gzip
import http.server
import json
import os
import sys
import threading
import time

ROOT, PORT_FILE, LOG_FILE = sys.argv[1], sys.argv[2], sys.argv[3]
SEEN = {}
LOCK = threading.Lock()


class Site(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def log_arrival(self):
        with LOCK, open(LOG_FILE, "a", encoding="utf-8") as f:
            f.write(json.dumps({"t": time.time(), "path": self.path,
                                "agent": self.headers.get("User-Agent", "")}) + "\n")

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def file(self, relative, extra=()):
        path = os.path.join(ROOT, relative.lstrip("/"))
        if not os.path.isfile(path):
            return self.send(404, b"not found")
        body = open(path, "rb").read()
        kind = "application/pdf" if path.endswith(".pdf") else "text/html; charset=utf-8"
        if path.endswith(".gbk.html"):
            kind = "text/html; charset=gbk"
        return self.send(200, body, [("Content-Type", kind)] + list(extra))

    def do_GET(self):
        self.log_arrival()
        p = self.path
        with LOCK:
            SEEN[p] = SEEN.get(p, 0) + 1
            seen = SEEN[p]
        if p.startswith("/redirect/"):
            n = int(p.rsplit("/", 1)[1])
            return self.send(302, b"", [("Location", "/reports/a.html" if n == 0 else f"/redirect/{n - 1}")])
        if p == "/loop/a":
            return self.send(302, b"", [("Location", "/loop/b")])
        if p == "/loop/b":
            return self.send(302, b"", [("Location", "/loop/a")])
        if p.startswith("/flaky/"):
            if seen <= 2:
                return self.send(503, b"busy")
            return self.file("/reports/" + p.split("/", 2)[2])
        if p.startswith("/busy/"):
            if seen == 1:
                return self.send(429, b"slow down", [("Retry-After", "1")])
            return self.file("/reports/" + p.split("/", 2)[2])
        if p == "/slow":
            time.sleep(5)
            return self.send(200, b"too late")
        if p == "/huge":
            return self.send(200, b"x" * (2 << 20), [("Content-Type", "text/html")])
        if p.startswith("/gzip/"):
            body = open(os.path.join(ROOT, "reports", p.split("/", 2)[2]), "rb").read()
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                return self.send(200, gzip.compress(body), [("Content-Type", "text/html; charset=utf-8"),
                                                            ("Content-Encoding", "gzip")])
            return self.send(200, body, [("Content-Type", "text/html; charset=utf-8")])
        return self.file(p.split("?", 1)[0] if "?" not in p else p.replace("?page=", "_page_"))


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
