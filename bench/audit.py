"""``make audit``: Lighthouse (mobile profile) on every page type, served compressed from ``site/``.

Writes ``build/audit/report.json`` and prints the scores the README quotes. Lighthouse is slow, so it
runs here rather than in ``make test``; it drives Debian's Chromium (CHROME_PATH=/usr/bin/chromium).
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import subprocess
import threading
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
PAGES = ["/", "/action-plan-2025/", "/action-plan-2025/zh/", "/action-plan-2025/en/", "/action-plan-2025/compare/",
         "/china-africa-chair-statement-2024/", "/glossary/", "/how-to-cite/"]
LIGHTHOUSE = "lighthouse@13.5.0"
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update " \
        "--disable-sync --no-first-run"


class CompressedHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it, as any production server would."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or \
                path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml"):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def main() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(CompressedHandler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = ROOT / "build" / "audit"
    out.mkdir(parents=True, exist_ok=True)
    scores = {}
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    for page in PAGES:
        target = out / (page.strip("/").replace("/", "_") or "home")
        subprocess.run(["npx", "--yes", LIGHTHOUSE, base + page, "--quiet", "--output=json",
                        f"--output-path={target}.json", f"--chrome-flags={FLAGS}",
                        "--only-categories=performance,accessibility,best-practices,seo"], env=env, check=True)
        report = json.loads(Path(f"{target}.json").read_text(encoding="utf-8"))
        scores[page] = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
        print(page, scores[page], flush=True)
    server.shutdown()
    (out / "report.json").write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
