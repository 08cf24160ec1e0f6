"""End to end: `dpglint audit` against a small fake GitHub API served on 127.0.0.1 inside
the test, through --api-url. Checks the findings, the number of REST calls per
repository, and that a second run is served by conditional requests."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from dpglint.cli import main

CLINIC_RECORD = {
    "name": "Clinic Registry",
    "description": "Records clinic visits.",
    "license": [{"spdx": "MIT", "licenseURL": "https://github.com/acme/clinic/blob/main/LICENSE"}],
    "SDGs": [{"SDGNumber": 3, "evidenceText": "Maternal health visits (target 3.1)."}],
    "type": ["software"],
    "repositories": [{"name": "main", "url": "https://github.com/acme/clinic"}],
    "organizations": [
        {"name": "Global Health Org", "org_type": "owner", "contact_email": "dpg@ghorg.example"}
    ],
    "stage": "nominee",
}


def _repo(full_name: str, **changes: Any) -> dict[str, Any]:
    owner = full_name.split("/")[0]
    body = {
        "full_name": full_name,
        "name": full_name.split("/")[1],
        "html_url": f"https://github.com/{full_name}",
        "private": False,
        "visibility": "public",
        "archived": False,
        "disabled": False,
        "fork": False,
        "default_branch": "main",
        "license": {"key": "mit", "spdx_id": "MIT", "name": "MIT License"},
        "pushed_at": (datetime.now(UTC) - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "topics": ["digital-public-goods"],
        "owner": {"login": owner, "type": "Organization"},
        "description": "x",
        "homepage": None,
    }
    body.update(changes)
    return body


def _tree(*paths: str) -> dict[str, Any]:
    return {
        "sha": "abc",
        "truncated": False,
        "tree": [{"path": p, "type": "blob", "mode": "100644", "sha": "x"} for p in paths],
    }


@dataclass
class FakeGitHub:
    """Routes: path -> (body bytes, content type). Every request is logged."""

    routes: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    log: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def add_json(self, path: str, body: Any) -> None:
        self.routes[path] = (json.dumps(body).encode(), "application/json")

    def add_text(self, path: str, text: str) -> None:
        self.routes[path] = (text.encode(), "application/vnd.github.raw")

    def calls(self, prefix: str) -> list[tuple[str, str, dict[str, str]]]:
        return [c for c in self.log if c[1].split("?")[0].startswith(prefix)]


def _handler(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            fake.log.append(("GET", self.path, headers))
            route = fake.routes.get(self.path) or fake.routes.get(self.path.split("?")[0])
            if route is None:
                self._send(404, b'{"message": "Not Found"}', "application/json")
                return
            body, content_type = route
            etag = f'"{abs(hash(body))}"'
            if headers.get("if-none-match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(200, body, content_type, etag)

        def _send(self, status: int, body: bytes, content_type: str, etag: str = "") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-RateLimit-Limit", "60")
            self.send_header("X-RateLimit-Remaining", "59")
            self.send_header("X-RateLimit-Reset", str(int(datetime.now(UTC).timestamp()) + 3600))
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Cache-Control", "private, max-age=60")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GH_TOKEN", raising=False)
    return tmp_path / "cache"


def _serve_clinic(fake: FakeGitHub) -> None:
    # Apache-2.0 in the repository, MIT in the record; no SECURITY or CONTRIBUTING; the
    # account is "acme", the owner "Global Health Org"; last push 800 days ago.
    old = (datetime.now(UTC) - timedelta(days=800)).strftime("%Y-%m-%dT%H:%M:%SZ")
    fake.add_json(
        "/repos/acme/clinic",
        _repo(
            "acme/clinic",
            license={"key": "apache-2.0", "spdx_id": "Apache-2.0", "name": "Apache"},
            pushed_at=old,
        ),
    )
    fake.add_json(
        "/repos/acme/clinic/git/trees/main",
        _tree("README.md", "LICENSE", "CODE_OF_CONDUCT.md", "publicgoods.json", "src/app.py"),
    )
    fake.add_text(
        "/repos/acme/clinic/contents/publicgoods.json", json.dumps(CLINIC_RECORD, indent=2)
    )


def _audit(fake: FakeGitHub, repository: str, *args: str) -> Result:
    return CliRunner().invoke(
        main,
        ["audit", repository, "--api-url", fake.url, "--no-config", "--format", "json", *args],
        catch_exceptions=False,
    )


def _ids(result: Result) -> list[str]:
    return sorted(f["id"] for f in json.loads(result.output)["findings"] if f["id"][0] == "E")


def test_audit_reports_what_the_repository_contradicts(
    fake_github: FakeGitHub, cache_home: Path
) -> None:
    _serve_clinic(fake_github)
    result = _audit(fake_github, "acme/clinic")
    assert _ids(result) == ["E005", "E007", "E008", "E008", "E009"], result.output
    findings = {f["id"]: f for f in json.loads(result.output)["findings"]}
    assert "Apache-2.0" in findings["E005"]["message"]
    assert "'acme'" in findings["E009"]["message"]
    messages = [f["message"] for f in json.loads(result.output)["findings"] if f["id"] == "E008"]
    assert any("CONTRIBUTING" in m for m in messages)
    assert any("SECURITY" in m for m in messages)
    assert result.exit_code == 1  # E005 is an error
    document = json.loads(result.output)
    assert document["files"][0]["path"] == (
        "https://github.com/acme/clinic/blob/main/publicgoods.json"
    )
    # the project file's findings are located in it
    e005 = findings["E005"]
    assert (e005["line"], e005["pointer"]) == (22, "/repositories/0/url")
    # three REST calls: the repository, one tree listing, the project file
    assert len(fake_github.log) == 3
    assert [c[1].split("?")[0] for c in fake_github.log] == [
        "/repos/acme/clinic",
        "/repos/acme/clinic/git/trees/main",
        "/repos/acme/clinic/contents/publicgoods.json",
    ]


def test_a_second_run_is_served_by_conditional_requests(
    fake_github: FakeGitHub, cache_home: Path
) -> None:
    _serve_clinic(fake_github)
    first = _audit(fake_github, "acme/clinic")
    fake_github.log.clear()
    second = _audit(fake_github, "https://github.com/acme/clinic")
    assert json.loads(second.output)["findings"] == json.loads(first.output)["findings"]
    assert len(fake_github.log) == 3
    assert all("if-none-match" in headers for _m, _p, headers in fake_github.log)
    assert any(cache_home.rglob("*")), "the cache lives under XDG_CACHE_HOME"


def test_no_cache_sends_no_conditional_requests(fake_github: FakeGitHub, cache_home: Path) -> None:
    _serve_clinic(fake_github)
    _audit(fake_github, "acme/clinic", "--no-cache")
    _audit(fake_github, "acme/clinic", "--no-cache")
    assert len(fake_github.log) == 6
    assert not any("if-none-match" in headers for _m, _p, headers in fake_github.log)
    assert not cache_home.exists() or not any(cache_home.rglob("*.json"))


def test_archived_repository_without_a_project_file(
    fake_github: FakeGitHub, cache_home: Path
) -> None:
    fake_github.add_json("/repos/acme/old-tool", _repo("acme/old-tool", archived=True))
    fake_github.add_json(
        "/repos/acme/old-tool/git/trees/main",
        _tree("README.md", "LICENSE", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "SECURITY.md"),
    )
    result = _audit(fake_github, "acme/old-tool")
    assert _ids(result) == ["E003", "E011"], result.output
    assert len(fake_github.log) == 2  # no project file: no third call
    document = json.loads(result.output)
    assert document["files"][0]["path"] == "https://github.com/acme/old-tool"


def test_token_is_sent_and_never_printed(
    fake_github: FakeGitHub, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve_clinic(fake_github)
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_sekrit_value_123")
    result = CliRunner().invoke(
        main, ["audit", "acme/clinic", "--api-url", fake_github.url, "--no-config"]
    )
    assert all(
        h.get("authorization") == "Bearer ghp_sekrit_value_123" for _m, _p, h in fake_github.log
    )
    assert "ghp_sekrit_value_123" not in result.output
    for path in cache_home.rglob("*"):
        if path.is_file():
            assert b"ghp_sekrit_value_123" not in path.read_bytes()
            assert "ghp_sekrit" not in path.name


def test_missing_repository_is_a_finding(fake_github: FakeGitHub, cache_home: Path) -> None:
    result = _audit(fake_github, "acme/nothing")
    assert _ids(result) == ["E001"]
    assert result.exit_code == 1


def test_check_github_uses_the_declared_repositories(
    fake_github: FakeGitHub, cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve_clinic(fake_github)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "publicgoods.json").write_text(json.dumps(CLINIC_RECORD, indent=2))
    result = CliRunner().invoke(
        main,
        ["check", "--github", "--api-url", fake_github.url, "--no-config", "--format", "json"],
    )
    assert _ids(result) == ["E005", "E007", "E008", "E008", "E009"]
    assert len(fake_github.log) == 3
    skipped = json.loads(result.output)["summary"]["skipped"]
    assert "github" not in skipped
    assert skipped["network"]["reasons"] == ["URLs are not fetched: run with --online"]


@pytest.fixture
def limited_github(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    reset = int(datetime.now(UTC).timestamp()) + 3600

    class Limited(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b'{"message": "API rate limit exceeded for 127.0.0.1."}'
            self.send_response(403)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-RateLimit-Remaining", "0")
            self.send_header("X-RateLimit-Reset", str(reset))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Limited)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_rate_limited_check_skips_the_github_rules(
    limited_github: str, cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "publicgoods.json").write_text(json.dumps(CLINIC_RECORD, indent=2))
    result = CliRunner().invoke(
        main, ["check", "--github", "--api-url", limited_github, "--no-config"]
    )
    assert "Traceback" not in result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("  github")]
    assert len(skipped) == 1
    assert "rate limited until" in skipped[0]
    assert "Set GITHUB_TOKEN" in skipped[0]
    assert not [line for line in result.output.splitlines() if ": E0" in line]


def test_rate_limited_audit_cannot_be_done(limited_github: str, cache_home: Path) -> None:
    result = CliRunner().invoke(main, ["audit", "acme/clinic", "--api-url", limited_github])
    assert result.exit_code == 2
    assert result.output.startswith(
        "dpglint: error: GitHub API: https://github.com/acme/clinic skipped: the GitHub API "
        "rate limit for unauthenticated requests (60 per hour) ran out: rate limited until "
    )


def test_an_unreachable_api_skips_the_github_rules_and_the_run_completes(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "publicgoods.json").write_text(json.dumps(CLINIC_RECORD, indent=2))
    result = CliRunner().invoke(
        main, ["check", "--github", "--api-url", closed, "--no-config", "--format", "json"]
    )
    document = json.loads(result.output)
    reasons = document["summary"]["skipped"]["github"]["reasons"]
    assert len(reasons) == 1 and "127.0.0.1" in reasons[0]
    assert any(f["id"] == "S005" for f in document["findings"])  # the rest of the run ran
    assert result.exit_code in (0, 1)
