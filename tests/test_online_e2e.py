"""End to end: `dpglint check --online` against a small web server on 127.0.0.1 started
inside the test. Private addresses are refused unless --allow-private-urls."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from dpglint.cli import main


@pytest.fixture
def site() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, body: bool) -> None:
            seen.append(f"{self.command} {self.path}")
            status = {"/ok": 200, "/LICENSE": 200, "/gone": 404, "/robots-only": 403}.get(
                self.path, 404
            )
            if self.path == "/old":
                self.send_response(301)
                self.send_header("Location", "/ok")
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Length", "2" if body else "0")
            self.end_headers()
            if body:
                self.wfile.write(b"ok")

        def do_HEAD(self) -> None:
            self._answer(False)

        def do_GET(self) -> None:
            self._answer(True)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _record(base: str) -> dict[str, Any]:
    return {
        "name": "Example",
        "description": "An example project.",
        "website": f"{base}/ok",
        "license": [{"spdx": "MIT", "licenseURL": f"{base}/LICENSE"}],
        "SDGs": [
            {"SDGNumber": 3, "evidenceText": "Clinic records.", "evidenceURL": f"{base}/gone"},
            {"SDGNumber": 4, "evidenceText": "Training.", "evidenceURL": f"{base}/robots-only"},
            {"SDGNumber": 5, "evidenceText": "Equality.", "evidenceURL": f"{base}/old"},
        ],
        "type": ["software"],
        "organizations": [{"name": "Example", "org_type": "owner"}],
        "stage": "nominee",
    }


def _check(tmp_path: Path, base: str, *args: str) -> Result:
    path = tmp_path / "nominee.json"
    path.write_text(json.dumps(_record(base), indent=2))
    return CliRunner().invoke(
        main,
        ["check", "--no-config", "--online", "--select", "N", "--format", "json", *args, str(path)],
        catch_exceptions=False,
    )


def test_online_check_finds_broken_blocked_and_moved_links(
    site: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, _seen = site
    result = _check(tmp_path, base, "--allow-private-urls")
    found = sorted((f["id"], f["pointer"]) for f in json.loads(result.output)["findings"])
    assert found == [
        ("N001", "/SDGs/0/evidenceURL"),
        ("N002", "/SDGs/1/evidenceURL"),
        ("N005", "/SDGs/2/evidenceURL"),
    ]
    assert result.exit_code == 1


def test_private_addresses_are_refused_by_default(
    site: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, seen = site
    result = _check(tmp_path, base)
    ids = {f["id"] for f in json.loads(result.output)["findings"]}
    assert ids == {"N004"}
    assert seen == [], "no request may reach a private address"
