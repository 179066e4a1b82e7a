"""A small static server that answers as GitHub Pages does, for measuring the built site on 127.0.0.1.

What it copies from GitHub Pages (as observed on a *.github.io site): directory addresses serve index.html and
``/dir`` redirects to ``/dir/`` with 301; a missing path answers 404 with the site's 404.html; text types
(HTML, CSS, JavaScript, JSON, XML, SVG, plain text) are gzip-compressed when the browser accepts it, with
``Vary: Accept-Encoding``; every response has ``Cache-Control: max-age=600``, ``Last-Modified`` and an ``ETag``
and a matching ``If-None-Match`` gets 304. ``compress=False`` serves everything uncompressed, as some council
web servers do.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import http.server
import mimetypes
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "application/atom+xml", "image/svg+xml", "application/manifest+json")
CACHE_CONTROL = "max-age=600"


@lru_cache(maxsize=4096)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class PagesHandler(http.server.BaseHTTPRequestHandler):
    root: Path
    compress: bool = True
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet: the audit prints its own table
        pass

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _resolve(self, path: str) -> tuple[int, Path | None, str | None]:
        """(status, file, redirect location)."""
        rel = unquote(path).lstrip("/")
        target = (self.root / rel).resolve()
        if self.root not in target.parents and target != self.root:
            return 404, self.root / "404.html", None
        if target.is_dir():
            if not path.endswith("/"):
                return 301, None, path + "/"
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        return 404, self.root / "404.html", None

    def _answer(self, send_body: bool) -> None:
        status, file, location = self._resolve(urlsplit(self.path).path)
        if location:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if file is None or not file.is_file():
            body, ctype, stat = b"Not found", "text/plain", None
        else:
            stat = file.stat()
            body = file.read_bytes()
            ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", CACHE_CONTROL)
            self.end_headers()
            return
        compressible = ctype.startswith(COMPRESSED_TYPES) and len(body) > 0
        gzip_ok = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if self.compress and compressible and gzip_ok and file is not None and stat is not None:
            body = _gzipped(file, stat.st_mtime_ns)
            encoded = True
        else:
            encoded = False
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("ETag", etag)
        if compressible and self.compress:
            self.send_header("Vary", "Accept-Encoding")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        if stat is not None:
            self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def serve(root: Path, compress: bool = True, port: int = 0) -> tuple[str, Callable[[], None]]:
    """Serve ``root`` from a thread on 127.0.0.1; returns (origin, stop)."""
    handler = type("Handler", (PagesHandler,), {"root": root.resolve(), "compress": compress})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_port}", stop
