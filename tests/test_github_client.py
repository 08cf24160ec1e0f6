"""The GitHub REST client (dpglint.sources.github), against responses-mocked HTTP.

Each test names how many HTTP requests it expects and asserts it with len(responses.calls).
Bodies have the shape of real GitHub API answers (fields trimmed to those that matter).
Nothing sleeps for real: sleep and clock are injected.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
import responses

from dpglint.sources.github import (
    GitHubClient,
    GitHubError,
    RepoSnapshot,
    default_cache_dir,
    parse_repository,
    token_from_environment,
)

API = "https://api.github.com"
NOW = 1_700_000_000.0  # the injected clock: 2023-11-14 22:13:20 UTC
TOKEN = "ghp_Sup3rSecretTok3nValue0123456789"  # distinctive: must never leak
REPO_URL = f"{API}/repos/acme/widget"
TREE_URL = f"{API}/repos/acme/widget/git/trees/main?recursive=1"
CONTENT_URL = f"{API}/repos/acme/widget/contents/publicgoods.json?ref=main"

PROJECT_JSON = '{\n  "name": "Widget",\n  "description": "A widget"\n}\n'


def repo_body(**overrides: Any) -> dict[str, Any]:
    """The shape of GET /repos/{owner}/{repo} (trimmed)."""
    body: dict[str, Any] = {
        "id": 123456,
        "node_id": "R_kgDOAbCdEf",
        "name": "widget",
        "full_name": "acme/widget",
        "private": False,
        "owner": {
            "login": "acme",
            "id": 9919,
            "type": "Organization",
            "site_admin": False,
            "html_url": "https://github.com/acme",
        },
        "html_url": "https://github.com/acme/widget",
        "description": "Widgets for the public good",
        "fork": False,
        "url": REPO_URL,
        "created_at": "2019-03-01T10:00:00Z",
        "updated_at": "2024-05-02T08:00:00Z",
        "pushed_at": "2024-05-01T12:34:56Z",
        "homepage": "https://widget.example.org",
        "size": 2048,
        "stargazers_count": 42,
        "language": "Python",
        "has_issues": True,
        "archived": False,
        "disabled": False,
        "open_issues_count": 3,
        "license": {
            "key": "apache-2.0",
            "name": "Apache License 2.0",
            "spdx_id": "Apache-2.0",
            "url": f"{API}/licenses/apache-2.0",
            "node_id": "MDc6TGljZW5zZTI=",
        },
        "allow_forking": True,
        "is_template": False,
        "topics": ["digital-public-goods", "sdg-3"],
        "visibility": "public",
        "forks": 7,
        "default_branch": "main",
        "network_count": 7,
        "subscribers_count": 5,
    }
    body.update(overrides)
    return body


def tree_body(paths: list[str], *, truncated: bool = False) -> dict[str, Any]:
    """The shape of GET /repos/{o}/{r}/git/trees/{sha}?recursive=1."""
    entries: list[dict[str, Any]] = []
    dirs = sorted({p.rsplit("/", 1)[0] for p in paths if "/" in p})
    for d in dirs:
        entries.append({"path": d, "mode": "040000", "type": "tree", "sha": "d" * 40})
    for p in paths:
        entries.append({"path": p, "mode": "100644", "type": "blob", "sha": "b" * 40, "size": 100})
    entries.append({"path": "vendor/lib", "mode": "160000", "type": "commit", "sha": "c" * 40})
    return {"sha": "a" * 40, "url": f"{API}/x", "tree": entries, "truncated": truncated}


BASE_PATHS = ["README.md", "LICENSE", ".github/SECURITY.md", "docs/index.md"]


class Recorder:
    """An injected sleep that records the waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def sleep() -> Recorder:
    return Recorder()


@pytest.fixture
def make_client(sleep: Recorder) -> Callable[..., GitHubClient]:
    def make(**kwargs: Any) -> GitHubClient:
        kwargs.setdefault("sleep", sleep)
        kwargs.setdefault("clock", lambda: NOW)
        kwargs.setdefault("user_agent", "dpglint/test")
        return GitHubClient(**kwargs)

    return make


def add_repo(
    mocked: responses.RequestsMock,
    *,
    project: bool = True,
    etag: bool = True,
    **overrides: Any,
) -> None:
    paths = BASE_PATHS + (["publicgoods.json"] if project else [])
    h: dict[str, str] = {"X-RateLimit-Remaining": "57", "X-RateLimit-Limit": "60"}
    mocked.get(
        REPO_URL,
        json=repo_body(**overrides),
        headers={**h, "ETag": 'W/"repo-v1"'} if etag else h,
    )
    mocked.get(
        TREE_URL,
        json=tree_body(paths),
        headers={**h, "ETag": '"tree-v1"'} if etag else h,
    )
    if project:
        mocked.get(
            CONTENT_URL,
            body=PROJECT_JSON,
            content_type="application/vnd.github.raw; charset=utf-8",
            headers={**h, "Last-Modified": "Wed, 01 May 2024 12:34:56 GMT"} if etag else h,
        )


def call_urls(mocked: responses.RequestsMock) -> list[str]:
    return [str(call.request.url) for call in mocked.calls]


# ----------------------------------------------------------------------------- snapshots


def test_full_snapshot_takes_exactly_three_calls(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    add_repo(mocked)
    snap = make_client().repository("acme", "widget")

    assert len(mocked.calls) == 3  # repository, tree, project file
    assert call_urls(mocked) == [REPO_URL, TREE_URL, CONTENT_URL]
    assert all(call.request.method == "GET" for call in mocked.calls)
    assert snap.requested == "acme/widget"
    assert snap.full_name == "acme/widget"
    assert snap.renamed is False
    assert snap.html_url == "https://github.com/acme/widget"
    assert (snap.private, snap.visibility, snap.archived, snap.disabled, snap.fork) == (
        False,
        "public",
        False,
        False,
        False,
    )
    assert snap.default_branch == "main"
    assert snap.license_spdx == "Apache-2.0"
    assert snap.pushed_at == datetime(2024, 5, 1, 12, 34, 56, tzinfo=UTC)
    assert snap.topics == ("digital-public-goods", "sdg-3")
    assert (snap.owner_login, snap.owner_type) == ("acme", "Organization")
    assert snap.description == "Widgets for the public good"
    assert snap.homepage == "https://widget.example.org"
    assert snap.paths == frozenset([*BASE_PATHS, "publicgoods.json"])  # blobs only
    assert "docs" not in snap.paths and "vendor/lib" not in snap.paths
    assert snap.tree_truncated is False
    assert snap.project_file == ("publicgoods.json", PROJECT_JSON)
    assert (snap.requests, snap.conditional_hits) == (3, 0)


def test_no_project_file_takes_two_calls(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    add_repo(mocked, project=False)
    snap = make_client().repository("acme", "widget")

    assert len(mocked.calls) == 2  # repository, tree: no contents call
    assert call_urls(mocked) == [REPO_URL, TREE_URL]
    assert snap.project_file is None
    assert snap.requests == 2


def test_project_file_in_a_subfolder_is_not_fetched(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    mocked.get(REPO_URL, json=repo_body())
    mocked.get(TREE_URL, json=tree_body(["docs/publicgoods.json", "README.md"]))
    snap = make_client().repository("acme", "widget")

    assert len(mocked.calls) == 2  # only a root publicgoods.* is the project file
    assert snap.project_file is None


def test_yaml_project_file_from_the_json_content_form(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    """A server that ignores the raw media type answers the JSON form: base64-decoded."""
    import base64

    text = "name: Widget\ndescription: \u00e9t\u00e9\n"
    url = f"{API}/repos/acme/widget/contents/publicgoods.yaml?ref=main"
    mocked.get(REPO_URL, json=repo_body())
    mocked.get(TREE_URL, json=tree_body(["README.md", "publicgoods.yaml"]))
    mocked.get(
        url,
        json={
            "type": "file",
            "encoding": "base64",
            "name": "publicgoods.yaml",
            "path": "publicgoods.yaml",
            "content": base64.encodebytes(text.encode()).decode(),
        },
    )
    snap = make_client().repository("acme", "widget")

    assert len(mocked.calls) == 3
    assert mocked.calls[2].request.url == url
    assert snap.project_file == ("publicgoods.yaml", text)


def test_branch_with_a_slash_and_absent_optional_fields(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    body = repo_body(default_branch="release/1.x", license=None, pushed_at=None, homepage="")
    del body["topics"], body["visibility"]
    mocked.get(REPO_URL, json=body)
    mocked.get(
        f"{API}/repos/acme/widget/git/trees/release%2F1.x?recursive=1",
        json=tree_body(["README.md"]),
    )
    snap = make_client().repository("acme", "widget")

    assert len(mocked.calls) == 2
    assert snap.license_spdx is None
    assert snap.pushed_at is None
    assert snap.homepage is None
    assert snap.topics == ()
    assert snap.visibility == "public"


def test_noassertion_license_is_kept(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    add_repo(mocked, project=False, license={"key": "other", "spdx_id": "NOASSERTION"})
    snap = make_client().repository("acme", "widget")
    assert len(mocked.calls) == 2
    assert snap.license_spdx == "NOASSERTION"


def test_private_repository_is_still_a_snapshot(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    add_repo(mocked, project=False, private=True, visibility="private")
    snap = make_client(token=TOKEN).repository("acme", "widget")
    assert len(mocked.calls) == 2
    assert (snap.private, snap.visibility) == (True, "private")


def test_truncated_tree(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    mocked.get(REPO_URL, json=repo_body())
    mocked.get(TREE_URL, json=tree_body(["README.md", "src/a.py"], truncated=True))
    snap = make_client().repository("acme", "widget")

    assert len(mocked.calls) == 2  # still one tree call: no per-folder follow-up
    assert snap.tree_truncated is True
    assert snap.paths == frozenset(["README.md", "src/a.py"])


def test_empty_repository_has_no_paths(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    mocked.get(REPO_URL, json=repo_body())
    mocked.get(TREE_URL, status=409, json={"message": "Git Repository is empty."})
    snap = make_client().repository("acme", "widget")

    assert len(mocked.calls) == 2
    assert snap.paths is None
    assert snap.project_file is None


def test_renamed_repository_follows_the_redirect(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], tmp_path: Path
) -> None:
    moved = f"{API}/repositories/123456"
    new_tree = f"{API}/repos/acme-foundation/gadget/git/trees/main?recursive=1"
    mocked.get(
        REPO_URL,
        status=301,
        headers={"Location": moved},
        json={"message": "Moved Permanently", "url": moved},
    )
    mocked.get(
        moved,
        json=repo_body(
            full_name="acme-foundation/gadget",
            name="gadget",
            html_url="https://github.com/acme-foundation/gadget",
            owner={"login": "acme-foundation", "type": "Organization"},
        ),
        headers={"ETag": '"moved"'},
    )
    mocked.get(new_tree, json=tree_body(["README.md"]), headers={"ETag": '"t"'})
    snap = make_client(cache_dir=tmp_path).repository("acme", "widget")

    assert len(mocked.calls) == 3  # 301, the repository it points to, the tree (new name)
    assert call_urls(mocked) == [REPO_URL, moved, new_tree]
    assert snap.renamed is True
    assert snap.requested == "acme/widget"
    assert snap.full_name == "acme-foundation/gadget"
    assert snap.owner_login == "acme-foundation"
    assert snap.requests == 3

    # a repeat: the redirect again, then 304s served from the cache
    mocked.replace(responses.GET, moved, status=304)
    mocked.replace(responses.GET, new_tree, status=304)
    again = make_client(cache_dir=tmp_path).repository("acme", "widget")
    assert len(mocked.calls) == 6  # 3 more: 301, 304, 304
    assert mocked.calls[3].request.headers["If-None-Match"] == '"moved"'
    assert mocked.calls[4].request.headers["If-None-Match"] == '"moved"'
    assert again.full_name == "acme-foundation/gadget" and again.renamed
    assert (again.requests, again.conditional_hits) == (3, 2)


def test_case_only_difference_is_not_a_rename(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    mocked.get(f"{API}/repos/ACME/Widget", json=repo_body())
    mocked.get(TREE_URL, json=tree_body(["README.md"]))
    snap = make_client().repository("ACME", "Widget")
    assert len(mocked.calls) == 2
    assert snap.renamed is False
    assert snap.full_name == "acme/widget"


def test_enterprise_api_url_builds_every_url(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    ghe = "https://ghe.example.org/api/v3"
    mocked.get(f"{ghe}/repos/acme/widget", json=repo_body())
    mocked.get(
        f"{ghe}/repos/acme/widget/git/trees/main?recursive=1",
        json=tree_body(["publicgoods.yml"]),
    )
    mocked.get(f"{ghe}/repos/acme/widget/contents/publicgoods.yml?ref=main", body="name: W\n")
    snap = make_client(api_url=ghe + "/").repository("acme", "widget")

    assert len(mocked.calls) == 3
    assert all(url.startswith(ghe + "/repos/") for url in call_urls(mocked))
    assert snap.project_file == ("publicgoods.yml", "name: W\n")


# ----------------------------------------------------------------------------- headers


def test_headers_without_a_token(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    add_repo(mocked)
    client = make_client()
    client.repository("acme", "widget")

    assert len(mocked.calls) == 3
    for call in mocked.calls:
        headers = call.request.headers
        assert headers["X-GitHub-Api-Version"] == "2022-11-28"
        assert headers["User-Agent"] == "dpglint/test"
        assert "Authorization" not in headers
        assert "If-None-Match" not in headers and "If-Modified-Since" not in headers
    assert mocked.calls[0].request.headers["Accept"] == "application/vnd.github+json"
    assert mocked.calls[1].request.headers["Accept"] == "application/vnd.github+json"
    assert mocked.calls[2].request.headers["Accept"] == "application/vnd.github.raw"
    assert client.rate_limit_remaining == 57
    assert client.authenticated is False


def test_headers_with_a_token(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    add_repo(mocked)
    make_client(token=TOKEN).repository("acme", "widget")

    assert len(mocked.calls) == 3
    for call in mocked.calls:
        assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_netrc_is_not_used_without_a_token(
    mocked: responses.RequestsMock,
    make_client: Callable[..., GitHubClient],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine api.github.com login someone password hunter2\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    add_repo(mocked, project=False)
    make_client().repository("acme", "widget")
    assert len(mocked.calls) == 2
    assert all("Authorization" not in call.request.headers for call in mocked.calls)


# ----------------------------------------------------------------------------- cache


def test_second_client_is_served_by_conditional_requests(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    add_repo(mocked)
    first = make_client(cache_dir=cache).repository("acme", "widget")
    assert len(mocked.calls) == 3
    assert len(list(cache.glob("*.json"))) == 3  # one entry per URL

    mocked.replace(responses.GET, REPO_URL, status=304, headers={"X-RateLimit-Remaining": "57"})
    mocked.replace(responses.GET, TREE_URL, status=304)
    mocked.replace(responses.GET, CONTENT_URL, status=304)
    second = make_client(cache_dir=cache).repository("acme", "widget")

    assert len(mocked.calls) == 6  # 3 more, all answered 304
    repo_call, tree_call, content_call = (c.request for c in mocked.calls[3:])
    assert repo_call.headers["If-None-Match"] == 'W/"repo-v1"'
    assert tree_call.headers["If-None-Match"] == '"tree-v1"'
    assert content_call.headers["If-Modified-Since"] == "Wed, 01 May 2024 12:34:56 GMT"
    assert "If-None-Match" not in content_call.headers
    assert second.conditional_hits == second.requests == 3
    assert _without_counters(second) == _without_counters(first)


def test_changed_resource_replaces_the_entry(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], tmp_path: Path
) -> None:
    add_repo(mocked, project=False)
    make_client(cache_dir=tmp_path).repository("acme", "widget")
    mocked.replace(
        responses.GET, REPO_URL, json=repo_body(archived=True), headers={"ETag": '"repo-v2"'}
    )
    mocked.replace(responses.GET, TREE_URL, status=304)
    changed = make_client(cache_dir=tmp_path).repository("acme", "widget")
    assert changed.archived is True
    assert (changed.requests, changed.conditional_hits) == (2, 1)

    mocked.replace(responses.GET, REPO_URL, status=304)
    third = make_client(cache_dir=tmp_path).repository("acme", "widget")
    assert len(mocked.calls) == 6  # 2 per run
    assert mocked.calls[4].request.headers["If-None-Match"] == '"repo-v2"'
    assert third.archived is True and third.conditional_hits == 2


def test_no_cache_sends_no_conditional_headers(
    mocked: responses.RequestsMock,
    make_client: Callable[..., GitHubClient],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    add_repo(mocked)
    make_client(cache_dir=None).repository("acme", "widget")
    snap = make_client(cache_dir=None).repository("acme", "widget")

    assert len(mocked.calls) == 6  # 3 per run, none conditional
    for call in mocked.calls:
        assert "If-None-Match" not in call.request.headers
        assert "If-Modified-Since" not in call.request.headers
    assert snap.conditional_hits == 0
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere


def test_corrupt_cache_entries_are_ignored_and_replaced(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], tmp_path: Path
) -> None:
    add_repo(mocked)
    make_client(cache_dir=tmp_path).repository("acme", "widget")
    entries = sorted(tmp_path.glob("*.json"))
    assert len(entries) == 3
    entries[0].write_bytes(b"\x00\xff not json")
    entries[1].write_text('{"v": 1, "url": "x"')  # truncated
    doc = json.loads(entries[2].read_text())
    doc["body"] = "%%% not base64 %%%"
    entries[2].write_text(json.dumps(doc))

    snap = make_client(cache_dir=tmp_path).repository("acme", "widget")

    assert len(mocked.calls) == 6  # 3 more, none conditional: every entry was corrupt
    for call in mocked.calls[3:]:
        assert "If-None-Match" not in call.request.headers
        assert "If-Modified-Since" not in call.request.headers
    assert snap.conditional_hits == 0 and snap.license_spdx == "Apache-2.0"
    for entry in entries:  # replaced by valid entries
        assert json.loads(entry.read_text())["v"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [e.name for e in entries]  # no temp


def test_unwritable_cache_is_no_error(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], tmp_path: Path
) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("I am a file")
    add_repo(mocked, project=False)
    snap = make_client(cache_dir=not_a_dir).repository("acme", "widget")
    assert len(mocked.calls) == 2
    assert snap.full_name == "acme/widget"


def test_responses_without_validators_are_not_cached(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], tmp_path: Path
) -> None:
    add_repo(mocked, project=False, etag=False)
    make_client(cache_dir=tmp_path).repository("acme", "widget")
    make_client(cache_dir=tmp_path).repository("acme", "widget")
    assert len(mocked.calls) == 4
    assert not list(tmp_path.iterdir())
    assert all("If-None-Match" not in c.request.headers for c in mocked.calls)


def test_304_without_a_conditional_request_is_a_bad_response(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    mocked.get(REPO_URL, status=304)
    with pytest.raises(GitHubError) as info:
        make_client().repository("acme", "widget")
    assert len(mocked.calls) == 1
    assert info.value.kind == "bad-response"


# ----------------------------------------------------------------------------- errors


def test_not_found(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(REPO_URL, status=404, json={"message": "Not Found", "status": "404"})
    with pytest.raises(GitHubError) as info:
        make_client().repository("acme", "widget")
    assert len(mocked.calls) == 1  # no retry, no tree call
    assert info.value.kind == "not-found"
    assert info.value.message == (
        "repository acme/widget does not exist or is private; if it is private, dpglint "
        "can only see it with a token that has access"
    )
    assert str(info.value) == info.value.message
    assert sleep.waits == []


def test_unavailable_for_legal_reasons(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    mocked.get(
        REPO_URL,
        status=451,
        json={"message": "Repository access blocked", "block": {"reason": "dmca"}},
    )
    with pytest.raises(GitHubError) as info:
        make_client().repository("acme", "widget")
    assert len(mocked.calls) == 1
    assert info.value.kind == "unavailable-legal"
    assert "acme/widget" in info.value.message and "451" in info.value.message


def _rate_limited_403(mocked: responses.RequestsMock, reset: float) -> None:
    mocked.get(
        REPO_URL,
        status=403,
        json={
            "message": "API rate limit exceeded for 203.0.113.7.",
            "documentation_url": "https://docs.github.com/rest/rate-limit",
        },
        headers={
            "X-RateLimit-Limit": "60",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(int(reset)),
        },
    )


def test_rate_limited_without_a_token_says_to_set_one(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    _rate_limited_403(mocked, NOW + 3600)
    client = make_client()
    with pytest.raises(GitHubError) as info:
        client.repository("acme", "widget")

    assert len(mocked.calls) == 1  # the reset is an hour away: no wait, no retry
    error = info.value
    assert error.kind == "rate-limited"
    assert error.rate_limited_until == datetime.fromtimestamp(NOW + 3600, UTC)
    assert "unauthenticated" in error.message
    assert "GITHUB_TOKEN" in error.message
    assert "until 2023-11-14 23:13:20 UTC" in error.message
    assert sleep.waits == []
    assert client.rate_limit_remaining == 0


def test_rate_limited_with_a_token_does_not_ask_for_one(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    _rate_limited_403(mocked, NOW + 3600)
    with pytest.raises(GitHubError) as info:
        make_client(token=TOKEN).repository("acme", "widget")
    assert len(mocked.calls) == 1
    assert info.value.kind == "rate-limited"
    assert "this token" in info.value.message
    assert "GITHUB_TOKEN" not in info.value.message
    assert "unauthenticated" not in info.value.message


def test_reset_within_max_wait_is_waited_out(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    _rate_limited_403(mocked, NOW + 30)
    mocked.get(REPO_URL, json=repo_body())  # after the wait
    mocked.get(TREE_URL, json=tree_body(["README.md"]))
    snap = make_client(max_wait=60).repository("acme", "widget")

    assert len(mocked.calls) == 3  # 403, the retried repository call, the tree
    assert sleep.waits == [30.0]
    assert snap.requests == 3


def test_reset_beyond_max_wait_is_a_rate_limited_error_with_the_time(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    _rate_limited_403(mocked, NOW + 61)
    with pytest.raises(GitHubError) as info:
        make_client(max_wait=60).repository("acme", "widget")
    assert len(mocked.calls) == 1
    assert sleep.waits == []
    assert info.value.rate_limited_until == datetime.fromtimestamp(NOW + 61, UTC)
    assert "maximum wait of 60 s" in info.value.message


def test_retry_after_is_honoured(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(
        REPO_URL,
        status=429,
        headers={"Retry-After": "7"},
        json={"message": "You have exceeded a secondary rate limit."},
    )
    mocked.get(REPO_URL, json=repo_body())
    mocked.get(TREE_URL, json=tree_body(["README.md"]))
    snap = make_client().repository("acme", "widget")

    assert len(mocked.calls) == 3  # 429, retried repository call, tree
    assert sleep.waits == [7.0]
    assert snap.full_name == "acme/widget"


def test_retry_after_is_retried_only_once(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(REPO_URL, status=403, headers={"Retry-After": "5"}, json={"message": "slow down"})
    with pytest.raises(GitHubError) as info:
        make_client().repository("acme", "widget")
    assert len(mocked.calls) == 2  # the first answer and one retry
    assert sleep.waits == [5.0]
    assert info.value.kind == "rate-limited"
    assert info.value.rate_limited_until == datetime.fromtimestamp(NOW + 5, UTC)


def test_retry_after_beyond_max_wait_is_not_waited(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(REPO_URL, status=429, headers={"Retry-After": "600"})
    with pytest.raises(GitHubError) as info:
        make_client(max_wait=60).repository("acme", "widget")
    assert len(mocked.calls) == 1
    assert sleep.waits == []
    assert info.value.kind == "rate-limited"
    assert info.value.rate_limited_until == datetime.fromtimestamp(NOW + 600, UTC)


def test_403_without_rate_limit_headers_is_forbidden(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(
        REPO_URL,
        status=403,
        json={"message": "Resource protected by organization SAML enforcement."},
        headers={"X-RateLimit-Remaining": "4999"},
    )
    with pytest.raises(GitHubError) as info:
        make_client(token=TOKEN).repository("acme", "widget")
    assert len(mocked.calls) == 1
    assert sleep.waits == []
    assert info.value.kind == "forbidden"
    assert "SAML" in info.value.message


def test_server_error_then_success_is_retried(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(REPO_URL, status=500, json={"message": "Server Error"})
    mocked.get(REPO_URL, json=repo_body())
    mocked.get(TREE_URL, status=502, body="<html>Bad Gateway</html>")
    mocked.get(TREE_URL, json=tree_body(["README.md"]))
    snap = make_client().repository("acme", "widget")

    assert len(mocked.calls) == 4  # 500, 200, 502, 200
    assert sleep.waits == [1.0, 1.0]  # exponential backoff restarts for each request
    assert snap.requests == 4


def test_server_errors_outlasting_the_retries(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(REPO_URL, status=503, body="unavailable")
    with pytest.raises(GitHubError) as info:
        make_client(retries=2).repository("acme", "widget")
    assert len(mocked.calls) == 3  # 1 + 2 retries
    assert sleep.waits == [1.0, 2.0]  # exponential backoff
    assert info.value.kind == "server"
    assert "503" in info.value.message and "api.github.com" in info.value.message


def test_total_wait_never_exceeds_max_wait(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(REPO_URL, status=500)
    with pytest.raises(GitHubError):
        make_client(retries=4, max_wait=2.5).repository("acme", "widget")
    assert len(mocked.calls) == 5
    assert sum(sleep.waits) <= 2.5
    assert sleep.waits == [1.0, 1.5, 0.0, 0.0]


def test_connection_errors_are_retried_then_a_network_error(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    refused = requests.exceptions.ConnectionError(
        "HTTPSConnectionPool(host='api.github.com', port=443): Max retries exceeded "
        "(Caused by NewConnectionError('[Errno 111] Connection refused'))"
    )
    mocked.get(REPO_URL, body=refused)
    client = make_client()
    with pytest.raises(GitHubError) as info:
        client.repository("acme", "widget")
    assert len(mocked.calls) == 3  # 1 + 2 retries
    assert sleep.waits == [1.0, 2.0]
    assert info.value.kind == "network"
    assert "api.github.com" in info.value.message
    assert "connection refused" in info.value.message


def test_connection_error_then_success(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(REPO_URL, body=requests.exceptions.ConnectionError("reset by peer"))
    mocked.get(REPO_URL, json=repo_body())
    mocked.get(TREE_URL, json=tree_body(["README.md"]))
    snap = make_client().repository("acme", "widget")
    assert len(mocked.calls) == 3
    assert sleep.waits == [1.0]
    assert snap.requests == 3


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[Errno -2] Name or service not known", "DNS"),
        ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "TLS"),
    ],
)
def test_network_error_messages(
    mocked: responses.RequestsMock,
    make_client: Callable[..., GitHubClient],
    text: str,
    reason: str,
) -> None:
    mocked.get(REPO_URL, body=requests.exceptions.ConnectionError(text))
    with pytest.raises(GitHubError) as info:
        make_client(retries=0).repository("acme", "widget")
    assert len(mocked.calls) == 1  # retries=0
    assert info.value.kind == "network"
    assert reason in info.value.message and "api.github.com" in info.value.message


def test_timeout(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(REPO_URL, body=requests.exceptions.ReadTimeout("Read timed out."))
    with pytest.raises(GitHubError) as info:
        make_client(timeout=3).repository("acme", "widget")
    assert len(mocked.calls) == 3
    assert sleep.waits == [1.0, 2.0]
    assert info.value.kind == "timeout"
    assert "within 3 s" in info.value.message


def test_every_request_has_a_connect_and_read_timeout(
    make_client: Callable[..., GitHubClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []

    def fake_get(self: requests.Session, url: str, **kwargs: Any) -> Any:
        seen.append(kwargs.get("timeout"))
        raise requests.exceptions.ConnectTimeout("timed out")

    monkeypatch.setattr(requests.Session, "get", fake_get)
    with pytest.raises(GitHubError) as info:
        make_client(timeout=4.5, retries=1).repository("acme", "widget")
    assert seen == [(4.5, 4.5), (4.5, 4.5)]
    assert info.value.kind == "timeout"


def test_malformed_json(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], sleep: Recorder
) -> None:
    mocked.get(REPO_URL, body="<html>Unicorn! This page is taking too long</html>")
    with pytest.raises(GitHubError) as info:
        make_client().repository("acme", "widget")
    assert len(mocked.calls) == 1  # not retried
    assert sleep.waits == []
    assert info.value.kind == "bad-response"
    assert "not JSON" in info.value.message


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ([1, 2, 3], "not a JSON object"),
        ({**repo_body(), "default_branch": None}, "default_branch"),
        ({**repo_body(), "private": "no"}, "private"),
        ({**repo_body(), "full_name": "../../etc"}, "full_name"),
        ({**repo_body(), "topics": "a,b"}, "topics"),
        ({**repo_body(), "pushed_at": "yesterday"}, "pushed_at"),
        ({**repo_body(), "owner": None}, "owner"),
        ({**repo_body(), "license": "MIT"}, "license"),
    ],
)
def test_unexpected_shape_is_a_bad_response(
    mocked: responses.RequestsMock,
    make_client: Callable[..., GitHubClient],
    body: Any,
    problem: str,
) -> None:
    mocked.get(REPO_URL, json=body)
    with pytest.raises(GitHubError) as info:
        make_client().repository("acme", "widget")
    assert len(mocked.calls) == 1
    assert info.value.kind == "bad-response"
    assert problem in info.value.message


def test_malformed_tree_is_a_bad_response(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    mocked.get(REPO_URL, json=repo_body())
    mocked.get(TREE_URL, json={"sha": "x", "tree": [{"mode": "100644"}]})
    with pytest.raises(GitHubError) as info:
        make_client().repository("acme", "widget")
    assert len(mocked.calls) == 2
    assert info.value.kind == "bad-response"


def test_oversized_body_is_a_bad_response(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    mocked.get(REPO_URL, body="{}", headers={"Content-Length": str(1 << 40)})
    with pytest.raises(GitHubError) as info:
        make_client().repository("acme", "widget")
    assert len(mocked.calls) == 1
    assert info.value.kind == "bad-response"


def test_invalid_names_make_no_request(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient]
) -> None:
    for owner, name in [("..", "x"), ("acme", ".."), ("a/b", "c"), ("acme", "")]:
        with pytest.raises(GitHubError) as info:
            make_client().repository(owner, name)
        assert info.value.kind == "not-found"
    assert len(mocked.calls) == 0


@pytest.mark.parametrize(
    "api_url", ["ftp://example.org", "api.github.com", "https://user:pw@ghe.example.org/api/v3"]
)
def test_bad_api_url_is_a_value_error(api_url: str) -> None:
    with pytest.raises(ValueError, match="API URL"):
        GitHubClient(api_url=api_url)


# ----------------------------------------------------------------------------- real sockets


class _FakeGitHub(BaseHTTPRequestHandler):
    """A tiny GitHub API on 127.0.0.1: a renamed repository, ETags, a slow endpoint."""

    seen: list[tuple[str, dict[str, str]]]
    release: threading.Event

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for key, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.seen.append((self.path, dict(self.headers)))
        if self.path == "/repos/old/name":
            self._send(301, Location="/repositories/1")
        elif self.path == "/repositories/1":
            if self.headers.get("If-None-Match") == '"r1"':
                self._send(304, ETag='"r1"')
            else:
                body = repo_body(full_name="new/name", owner={"login": "new", "type": "User"})
                self._send(200, json.dumps(body).encode(), ETag='"r1"')
        elif self.path == "/repos/new/name/git/trees/main?recursive=1":
            self._send(200, json.dumps(tree_body(["publicgoods.json"])).encode())
        elif self.path == "/repos/new/name/contents/publicgoods.json?ref=main":
            self._send(200, PROJECT_JSON.encode(), Content_Type="application/vnd.github.raw")
        elif self.path.startswith("/slow/"):
            self.release.wait(5)  # longer than the client's timeout; released at teardown
            self._send(200, b"{}")
        else:
            self._send(404, b'{"message": "Not Found"}')


@pytest.fixture
def fake_github() -> Iterator[tuple[str, list[tuple[str, dict[str, str]]]]]:
    seen: list[tuple[str, dict[str, str]]] = []
    release = threading.Event()
    handler = type("Handler", (_FakeGitHub,), {"seen": seen, "release": release})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_real_server_rename_cache_and_headers(
    fake_github: tuple[str, list[tuple[str, dict[str, str]]]], tmp_path: Path
) -> None:
    api, seen = fake_github
    first = GitHubClient(api_url=api, token=TOKEN, cache_dir=tmp_path).repository("old", "name")
    assert len(seen) == 4  # 301, repository, tree, project file
    assert (first.full_name, first.renamed, first.requests) == ("new/name", True, 4)
    assert first.project_file == ("publicgoods.json", PROJECT_JSON)
    assert all(h["Authorization"] == f"Bearer {TOKEN}" for _p, h in seen)  # same host

    again = GitHubClient(api_url=api, token=TOKEN, cache_dir=tmp_path).repository("old", "name")
    assert len(seen) == 8  # 4 more; the repository answered 304 (the others sent no ETag)
    assert seen[5][1]["If-None-Match"] == '"r1"'
    assert (again.requests, again.conditional_hits) == (4, 1)
    assert again.full_name == "new/name"
    _assert_not_in_cache(tmp_path)


def test_real_server_timeout_and_refused_connection(
    fake_github: tuple[str, list[tuple[str, dict[str, str]]]], sleep: Recorder
) -> None:
    api, seen = fake_github
    slow = GitHubClient(api_url=f"{api}/slow", timeout=0.2, retries=1, sleep=sleep)
    with pytest.raises(GitHubError) as info:
        slow.repository("a", "b")
    assert len(seen) == 2  # the first try and one retry, each cut by the read timeout
    assert info.value.kind == "timeout"
    assert sleep.waits == [1.0]

    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = GitHubClient(api_url=f"http://127.0.0.1:{port}", retries=0, sleep=sleep)
    with pytest.raises(GitHubError) as info:
        closed.repository("a", "b")
    assert info.value.kind == "network"
    assert "127.0.0.1" in info.value.message and "refused" in info.value.message


# ----------------------------------------------------------------------------- the token


def _error_scenarios() -> dict[str, Callable[[responses.RequestsMock], None]]:
    def echo(m: responses.RequestsMock) -> None:  # a server that echoes the token back
        m.get(REPO_URL, status=403, json={"message": f"token {TOKEN} is not allowed"})

    def tree_5xx(m: responses.RequestsMock) -> None:
        m.get(REPO_URL, json=repo_body(), headers={"ETag": '"r"'})
        m.get(TREE_URL, status=500)

    def content_403(m: responses.RequestsMock) -> None:
        m.get(REPO_URL, json=repo_body(), headers={"ETag": '"r"'})
        m.get(TREE_URL, json=tree_body(["publicgoods.json"]), headers={"ETag": '"t"'})
        m.get(CONTENT_URL, status=403, json={"message": "nope"})

    return {
        "404": lambda m: m.get(REPO_URL, status=404, json={"message": "Not Found"}),
        "451": lambda m: m.get(REPO_URL, status=451, json={"message": "blocked"}),
        "401": lambda m: m.get(REPO_URL, status=401, json={"message": "Bad credentials"}),
        "403-forbidden-echo": echo,
        "403-rate-limited": lambda m: _rate_limited_403(m, NOW + 3600),
        "429-retry-after": lambda m: m.get(REPO_URL, status=429, headers={"Retry-After": "999"}),
        "500": lambda m: m.get(REPO_URL, status=500),
        "network": lambda m: m.get(
            REPO_URL,
            body=requests.exceptions.ConnectionError(f"refused (Authorization: Bearer {TOKEN})"),
        ),
        "timeout": lambda m: m.get(REPO_URL, body=requests.exceptions.ReadTimeout("timed out")),
        "malformed": lambda m: m.get(REPO_URL, body="not json"),
        "shape": lambda m: m.get(REPO_URL, json={"full_name": 3}),
        "tree-5xx": tree_5xx,
        "content-403": content_403,
        "too-many-redirects": lambda m: m.get(REPO_URL, status=301, headers={"Location": REPO_URL}),
    }


@pytest.mark.parametrize("scenario", sorted(_error_scenarios()))
def test_the_token_never_leaks(
    scenario: str,
    mocked: responses.RequestsMock,
    make_client: Callable[..., GitHubClient],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _error_scenarios()[scenario](mocked)
    caplog.set_level(logging.DEBUG)
    client = make_client(token=TOKEN, cache_dir=tmp_path)
    with pytest.raises(GitHubError) as info:
        client.repository("acme", "widget")

    assert len(mocked.calls) >= 1
    error = info.value
    rendered = [str(error), repr(error), error.message, repr(error.args), repr(client)]
    for text in rendered:
        assert TOKEN not in text
    assert error.__cause__ is None and error.__context__ is None  # nothing chained
    assert TOKEN not in caplog.text
    _assert_not_in_cache(tmp_path)


def test_the_token_is_not_in_a_successful_run(
    mocked: responses.RequestsMock,
    make_client: Callable[..., GitHubClient],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    add_repo(mocked)
    client = make_client(token=TOKEN, cache_dir=tmp_path)
    snap = client.repository("acme", "widget")
    assert len(mocked.calls) == 3
    assert len(list(tmp_path.iterdir())) == 3
    _assert_not_in_cache(tmp_path)
    assert TOKEN not in repr(snap) and TOKEN not in repr(client)
    assert TOKEN not in caplog.text


def _assert_not_in_cache(directory: Path) -> None:
    for path in directory.rglob("*"):
        assert TOKEN not in str(path)
        if path.is_file():
            data = path.read_bytes()
            assert TOKEN.encode() not in data
            assert b"Authorization" not in data and b"Bearer" not in data


def test_cache_entries_are_shared_between_tokens(
    mocked: responses.RequestsMock, make_client: Callable[..., GitHubClient], tmp_path: Path
) -> None:
    """The cache key is the URL and Accept only: another token (or none) revalidates the
    same entries; GitHub decides per request whether a 304 is allowed."""
    add_repo(mocked, project=False)
    make_client(token=TOKEN, cache_dir=tmp_path).repository("acme", "widget")
    mocked.replace(responses.GET, REPO_URL, status=304)
    mocked.replace(responses.GET, TREE_URL, status=304)
    snap = make_client(token="another-token-xyz", cache_dir=tmp_path).repository("acme", "widget")
    assert len(mocked.calls) == 4
    assert mocked.calls[2].request.headers["Authorization"] == "Bearer another-token-xyz"
    assert snap.conditional_hits == 2


# ----------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    "text",
    [
        "acme/widget",
        " acme/widget ",
        "https://github.com/acme/widget",
        "https://github.com/acme/widget.git",
        "http://www.github.com/acme/widget/",
        "HTTPS://GitHub.com/acme/widget",
        "git@github.com:acme/widget.git",
        "ssh://git@github.com/acme/widget.git",
        "https://github.com/acme/widget/tree/main/x",
        "https://github.com/acme/widget?tab=readme",
        "https://github.com/acme/widget#readme",
        "github.com/acme/widget",
        "acme/widget.git",
    ],
)
def test_parse_repository(text: str) -> None:
    assert parse_repository(text) == ("acme", "widget")


def test_parse_repository_keeps_dots_and_case() -> None:
    assert parse_repository("Some-Org/my.repo_name") == ("Some-Org", "my.repo_name")
    assert parse_repository("https://ghe.example.org/a/b", hosts=("ghe.example.org",)) == (
        "a",
        "b",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("acme", "OWNER/REPO"),
        ("acme/widget/extra", "OWNER/REPO"),
        ("https://gitlab.com/acme/widget", "not a GitHub repository URL"),
        ("https://github.com/acme", "does not name a repository"),
        ("https://github.com/", "does not name a repository"),
        ("ftp://github.com/acme/widget", "not a repository URL"),
        ("acme/..", "not a valid GitHub repository name"),
        ("-acme/widget", "not a valid GitHub owner name"),
        ("ac me/widget", "not a valid GitHub owner name"),
        ("git@gitlab.com:acme/widget.git", "not a GitHub repository"),
        ("git@github.com:acme", "does not name a repository"),
        ("acme:widget", "not a GitHub repository"),
    ],
)
def test_parse_repository_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_repository(text)


def test_token_from_environment() -> None:
    assert token_from_environment({"GITHUB_TOKEN": "a", "GH_TOKEN": "b"}) == "a"
    assert token_from_environment({"GITHUB_TOKEN": " ", "GH_TOKEN": "b\n"}) == "b"
    assert token_from_environment({}) is None


def test_default_cache_dir(tmp_path: Path) -> None:
    xdg = str(tmp_path / "xdg")
    assert default_cache_dir({"XDG_CACHE_HOME": xdg}, platform="linux") == Path(
        xdg, "dpglint", "github"
    )
    home = default_cache_dir({"XDG_CACHE_HOME": "relative"}, platform="linux")
    assert home == Path.home() / ".cache" / "dpglint" / "github"
    assert default_cache_dir({"LOCALAPPDATA": "C:/Users/u/AppData/Local"}, platform="win32") == (
        Path("C:/Users/u/AppData/Local", "dpglint", "github")
    )


def test_error_repr_and_str() -> None:
    error = GitHubError("timeout", "api.github.com did not answer")
    assert str(error) == "api.github.com did not answer"
    assert repr(error) == "GitHubError(kind='timeout', message='api.github.com did not answer')"
    assert error.rate_limited_until is None


def _without_counters(snap: RepoSnapshot) -> RepoSnapshot:
    from dataclasses import replace

    return replace(snap, requests=0, conditional_hits=0)
