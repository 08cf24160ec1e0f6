"""GitHub REST client for ``dpglint audit OWNER/REPO`` and ``dpglint check --github``.

One :class:`RepoSnapshot` per repository, from at most three REST calls:

1. ``GET /repos/{owner}/{repo}`` (metadata, license detected by GitHub, topics, owner...);
2. ``GET /repos/{owner}/{repo}/git/trees/{default_branch}?recursive=1`` (every file path);
3. only when that tree has a root ``publicgoods.json|yaml|yml``: its raw content.

Responses are kept in an on-disk cache (one JSON file per URL, written atomically) and
revalidated with ``If-None-Match`` / ``If-Modified-Since``: a ``304 Not Modified`` costs
no rate limit. Cache entries never hold request headers, so the token is in no cache file
name or content; keys are the URL and the ``Accept`` header only, so runs with different
tokens (or none) share the entries of public data. GitHub checks access before it answers
304, so a token without access to a private repository gets 404, never the cached body.

This module knows nothing of rules or findings. It never prints, and raises only
:class:`GitHubError` (plus ``ValueError`` from :func:`parse_repository` and for a bad
``api_url``). The token never appears in an exception, a repr, a log line or the cache.
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlsplit

import requests  # type: ignore[import-untyped,unused-ignore]
import urllib3

from dpglint import __version__
from dpglint.evidence import token_from_environment  # one lookup for the whole tool

__all__ = [
    "GitHubClient",
    "GitHubError",
    "RepoSnapshot",
    "default_cache_dir",
    "parse_repository",
    "token_from_environment",
]

log = logging.getLogger(__name__)

ErrorKind = Literal[
    "not-found",
    "unavailable-legal",
    "private",
    "rate-limited",
    "network",
    "timeout",
    "server",
    "bad-response",
    "forbidden",
]

JSON_MEDIA_TYPE = "application/vnd.github+json"
RAW_MEDIA_TYPE = "application/vnd.github.raw"
API_VERSION = "2022-11-28"
PROJECT_FILES = ("publicgoods.json", "publicgoods.yaml", "publicgoods.yml")
MAX_BODY_BYTES = 32 * 1024 * 1024  # a truncated recursive tree is about 7 MB at most
MAX_REDIRECTS = 5
BACKOFF_BASE = 1.0  # seconds; doubled after each failed attempt
BACKOFF_CAP = 30.0

_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,99})")
_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")
_GITHUB_HOSTS = ("github.com", "www.github.com")


# ---------------------------------------------------------------------------- public types


class GitHubError(Exception):
    """A repository could not be fetched. ``message`` is safe to print: it never contains
    the token. ``rate_limited_until`` is set (when known) for ``kind == "rate-limited"``."""

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        *,
        rate_limited_until: datetime | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.kind: ErrorKind = kind
        self.message = message
        self.rate_limited_until = rate_limited_until
        self.status = status  # the HTTP status, when there was one

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"GitHubError(kind={self.kind!r}, message={self.message!r})"


@dataclass(frozen=True)
class RepoSnapshot:
    """What the GitHub API says about one repository (see the module docstring)."""

    requested: str  # "owner/name" as asked
    full_name: str  # "owner/name" as GitHub answers (differs after a rename/transfer)
    renamed: bool  # the API redirected to another repository
    html_url: str
    private: bool
    visibility: str  # "public" | "private" | "internal"
    archived: bool
    disabled: bool
    fork: bool
    default_branch: str
    license_spdx: str | None  # GitHub's license.spdx_id ("NOASSERTION" kept as is)
    pushed_at: datetime | None
    topics: tuple[str, ...]
    owner_login: str
    owner_type: str  # "Organization" | "User"
    description: str | None
    homepage: str | None
    paths: frozenset[str] | None  # blob paths of the default branch; None: not listed
    tree_truncated: bool
    project_file: tuple[str, str] | None  # (path, text) of the root publicgoods.*
    requests: int  # HTTP requests made for this snapshot (a 304 and a redirect hop count)
    conditional_hits: int  # of which answered 304 Not Modified (served from the cache)


# ---------------------------------------------------------------------------- helpers


def parse_repository(text: str, *, hosts: tuple[str, ...] = _GITHUB_HOSTS) -> tuple[str, str]:
    """``(owner, name)`` of ``owner/repo``, a github.com URL (``https``, ``http``, ``www.``,
    ``.git``, a trailing ``/tree/main/x``) or ``git@github.com:owner/repo.git``.

    ``hosts`` are the web hosts accepted in URLs (add a GitHub Enterprise host there).
    Raises ``ValueError`` with a message that says what was expected."""
    if not isinstance(text, str):
        raise ValueError(f"expected a repository as text, got {type(text).__name__}")
    raw = text.strip()
    expected = "expected OWNER/REPO or a repository URL such as https://github.com/OWNER/REPO"
    if not raw:
        raise ValueError(f"empty repository: {expected}")
    allowed = {h.lower() for h in hosts}
    path: str
    scp = re.fullmatch(r"(?:[A-Za-z0-9_.-]+@)?([A-Za-z0-9.-]+):(?!//)(.+)", raw)
    if "://" in raw:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
        if parts.scheme.lower() not in ("http", "https", "ssh", "git"):
            raise ValueError(f"{raw!r} is not a repository URL ({expected})")
        if host not in allowed:
            raise ValueError(
                f"{raw!r} is not a GitHub repository URL (host {host or 'missing'}; "
                f"accepted: {', '.join(sorted(allowed))})"
            )
        path = parts.path
    elif scp:
        host = scp.group(1).lower()
        if host not in allowed:
            raise ValueError(
                f"{raw!r} is not a GitHub repository (host {host}; "
                f"accepted: {', '.join(sorted(allowed))})"
            )
        path = scp.group(2)
    elif raw.split("/", 1)[0].lower() in allowed:  # github.com/owner/repo
        path = raw.split("/", 1)[1] if "/" in raw else ""
    elif raw.count("/") == 1:
        path = raw
    else:
        raise ValueError(f"{raw!r} is not a repository: {expected}")
    segments = [s for s in path.split("/") if s]
    if len(segments) < 2:
        raise ValueError(f"{raw!r} does not name a repository: {expected}")
    owner, name = segments[0], segments[1]
    if name.lower().endswith(".git"):
        name = name[:-4]
    if not _valid_owner(owner):
        raise ValueError(f"{owner!r} in {raw!r} is not a valid GitHub owner name")
    if not _valid_name(name):
        raise ValueError(f"{name!r} in {raw!r} is not a valid GitHub repository name")
    return owner, name


def _valid_owner(owner: str) -> bool:
    return bool(_OWNER.fullmatch(owner))


def _valid_name(name: str) -> bool:
    return bool(_NAME.fullmatch(name)) and name not in (".", "..")


def default_cache_dir(
    environ: Mapping[str, str] = os.environ, *, platform: str = sys.platform
) -> Path:
    """``$XDG_CACHE_HOME/dpglint/github``, else ``~/.cache/dpglint/github``; on Windows
    ``%LOCALAPPDATA%\\dpglint\\github``."""
    if platform.startswith("win"):
        local = environ.get("LOCALAPPDATA", "")
        if local:
            return Path(local) / "dpglint" / "github"
    xdg = environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG spec: relative values are ignored
        return Path(xdg) / "dpglint" / "github"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME, no passwd entry
        return Path(tempfile.gettempdir()) / "dpglint-cache" / "github"
    return home / ".cache" / "dpglint" / "github"


# ---------------------------------------------------------------------------- the cache


@dataclass(frozen=True)
class _Entry:
    etag: str | None
    last_modified: str | None
    body: bytes


class _DiskCache:
    """One JSON file per (Accept, URL): validators and body, never request headers.

    Why not requests-cache or CacheControl: CacheControl stores the request's values of the
    headers named in ``Vary`` (GitHub sends ``Vary: Accept, Authorization, ...``, so the
    token would be written to disk), writes files in place, and answers fresh entries
    without any request; requests-cache can redact ``Authorization`` but brings four more
    packages (attrs, cattrs, platformdirs, url-normalize), its file backend writes in place
    and a corrupt SQLite file raises. What is needed here is 80 lines."""

    VERSION = 1

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, url: str, accept: str) -> Path:
        digest = hashlib.sha256(f"{accept}\n{url}".encode()).hexdigest()
        return self.directory / f"{digest}.json"

    def load(self, url: str, accept: str) -> _Entry | None:
        """The entry for the URL, or None (absent, unreadable or corrupt: then removed)."""
        path = self.path(url, accept)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            data = json.loads(raw)
            if not (
                isinstance(data, dict)
                and data.get("v") == self.VERSION
                and data.get("url") == url
                and data.get("accept") == accept
            ):
                raise ValueError("not an entry of this cache")
            etag, modified = data.get("etag"), data.get("last_modified")
            if not isinstance(etag, str | None) or not isinstance(modified, str | None):
                raise ValueError("bad validators")
            if etag is None and modified is None:
                raise ValueError("no validator")
            body = base64.b64decode(data["body"], validate=True)
        except (ValueError, TypeError, KeyError, RecursionError):
            self.discard(url, accept)
            return None
        return _Entry(etag, modified, body)

    def store(self, url: str, accept: str, entry: _Entry) -> None:
        """Write the entry atomically (temporary file, then ``os.replace``); a cache that
        cannot be written is no error: the next run just asks again."""
        payload = json.dumps(
            {
                "v": self.VERSION,
                "url": url,
                "accept": accept,
                "etag": entry.etag,
                "last_modified": entry.last_modified,
                "body": base64.b64encode(entry.body).decode("ascii"),
            }
        ).encode()
        temporary: str | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.directory)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(temporary, self.path(url, accept))
            temporary = None
        except OSError as exc:
            log.debug("github cache: could not write an entry: %s", type(exc).__name__)
        finally:
            if temporary is not None:
                _unlink(Path(temporary))

    def discard(self, url: str, accept: str) -> None:
        _unlink(self.path(url, accept))


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


# ---------------------------------------------------------------------------- the client


@dataclass(frozen=True)
class _Reply:
    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    redirected: bool


class _TokenAuth(requests.auth.AuthBase):  # type: ignore[misc,unused-ignore]
    """Adds ``Authorization: Bearer`` when there is a token. Set even without one, so that
    requests does not fall back to ~/.netrc; requests drops the header on a redirect to
    another host. Its repr never shows the token."""

    def __init__(self, token: str | None) -> None:
        self._token = token

    def __call__(self, request: Any) -> Any:
        if self._token:
            request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:
        return f"_TokenAuth({'***' if self._token else None})"


class GitHubClient:
    """Fetches :class:`RepoSnapshot` objects; one ``requests.Session`` per client.

    ``cache_dir=None`` bypasses the cache completely (no conditional headers, nothing
    written). ``retries`` retries after 5xx, connection errors and timeouts, with
    exponential backoff; rate limits are waited out when that takes at most ``max_wait``
    seconds (in total, per request), once; ``sleep`` and ``clock`` (epoch seconds) are
    injectable for tests. Raises ``ValueError`` for an ``api_url`` that is not http(s)."""

    def __init__(
        self,
        *,
        api_url: str = "https://api.github.com",
        token: str | None = None,
        cache_dir: Path | None = None,
        timeout: float = 10.0,
        retries: int = 2,
        max_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        user_agent: str = f"dpglint/{__version__}",
    ) -> None:
        parts = urlsplit(api_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"the GitHub API URL must be an http(s) URL, got {api_url!r}")
        if parts.username or parts.password:
            raise ValueError("the GitHub API URL must not contain credentials: use a token")
        self._api = api_url.rstrip("/")
        self._host = parts.netloc
        self._token = token or None
        self._cache = _DiskCache(cache_dir) if cache_dir is not None else None
        self._timeout = float(timeout)
        self._retries = max(0, int(retries))
        self._max_wait = max(0.0, float(max_wait))
        self._sleep = sleep
        self._clock = clock
        self._rate_remaining: int | None = None
        self._requests = 0
        self._hits = 0
        session = requests.Session()
        session.headers.update(
            {
                "Accept": JSON_MEDIA_TYPE,
                "X-GitHub-Api-Version": API_VERSION,
                "User-Agent": user_agent,
            }
        )
        session.auth = _TokenAuth(self._token)
        session.max_redirects = MAX_REDIRECTS
        self._session = session

    def __repr__(self) -> str:
        return (
            f"GitHubClient(api_url={self._api!r}, token={'***' if self._token else None}, "
            f"cache={'on' if self._cache else 'off'})"
        )

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> GitHubClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def rate_limit_remaining(self) -> int | None:
        """``X-RateLimit-Remaining`` of the last response that had it (None: not yet)."""
        return self._rate_remaining

    @property
    def authenticated(self) -> bool:
        return self._token is not None

    # ------------------------------------------------------------------ snapshot

    def repository(self, owner: str, name: str) -> RepoSnapshot:
        """The snapshot of ``owner/name`` (2 or 3 calls); raises :class:`GitHubError`."""
        self._requests = 0
        self._hits = 0
        requested = f"{owner}/{name}"
        if not (isinstance(owner, str) and isinstance(name, str)):
            raise GitHubError("not-found", "a repository owner and name must be text")
        if not _valid_owner(owner) or not _valid_name(name):
            raise GitHubError("not-found", f"{requested!r} is not a valid GitHub repository name")

        url = f"{self._api}/repos/{_q(owner)}/{_q(name)}"
        reply = self._get(url, JSON_MEDIA_TYPE)
        if reply.status == 404:
            raise self._error(
                "not-found",
                f"repository {requested} does not exist or is private; if it is private, "
                "dpglint can only see it with a token that has access",
                status=404,
            )
        if reply.status == 451:
            raise self._error(
                "unavailable-legal",
                f"repository {requested} is unavailable for legal reasons (HTTP 451, "
                "e.g. a DMCA takedown)",
                status=451,
            )
        self._check_status(reply, f"repository {requested}")
        info = _RepoFields(self._json(reply), self._bad_shape(reply))

        full_name = info.full_name
        new_owner, new_name = full_name.split("/", 1)
        branch = info.default_branch
        base = f"{self._api}/repos/{_q(new_owner)}/{_q(new_name)}"

        paths: frozenset[str] | None = None
        truncated = False
        tree_reply = self._get(f"{base}/git/trees/{_q(branch)}?recursive=1", JSON_MEDIA_TYPE)
        if tree_reply.status in (404, 409, 422):  # empty repository, branch gone
            log.debug("github: no tree for %s@%s (HTTP %s)", full_name, branch, tree_reply.status)
        else:
            self._check_status(tree_reply, f"the file tree of {full_name}")
            paths, truncated = _parse_tree(self._json(tree_reply), self._bad_shape(tree_reply))

        project_file: tuple[str, str] | None = None
        found = [p for p in PROJECT_FILES if paths is not None and p in paths]
        if found:
            path = found[0]
            content_url = f"{base}/contents/{_q(path)}?ref={_q(branch)}"
            content = self._get(content_url, RAW_MEDIA_TYPE)
            if content.status != 404:  # 404: removed since the tree was listed
                self._check_status(content, f"{path} of {full_name}")
                project_file = (path, self._file_text(content))

        return RepoSnapshot(
            requested=requested,
            full_name=full_name,
            renamed=full_name.casefold() != requested.casefold(),
            html_url=info.html_url,
            private=info.private,
            visibility=info.visibility,
            archived=info.archived,
            disabled=info.disabled,
            fork=info.fork,
            default_branch=branch,
            license_spdx=info.license_spdx,
            pushed_at=info.pushed_at,
            topics=info.topics,
            owner_login=info.owner_login,
            owner_type=info.owner_type,
            description=info.description,
            homepage=info.homepage,
            paths=paths,
            tree_truncated=truncated,
            project_file=project_file,
            requests=self._requests,
            conditional_hits=self._hits,
        )

    # ------------------------------------------------------------------ HTTP

    def _get(self, url: str, accept: str) -> _Reply:
        """GET with the cache, retries and rate-limit waits. Returns a 200 (possibly from
        a 304 and the cache) or a 4xx reply for the caller to judge; raises for rate
        limits, network errors, timeouts and 5xx that outlast the retries."""
        entry = self._cache.load(url, accept) if self._cache else None
        headers = {"Accept": accept}
        if entry is not None:
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        waited = 0.0
        failures = 0
        rate_waits = 0
        # bounded: each pass either returns, raises, or uses one retry or the rate wait
        for _attempt in range(self._retries + 2):
            try:
                reply = self._send(url, headers)
            except GitHubError as exc:
                if exc.kind not in ("network", "timeout") or failures >= self._retries:
                    raise
                delay = self._backoff(failures, self._max_wait - waited)
                log.debug("github: %s (%s); retrying in %.1f s", url, exc.kind, delay)
                self._sleep(delay)
                waited += delay
                failures += 1
                continue
            status = reply.status
            if status in (403, 429) and self._is_rate_limited(reply):
                wait, until = self._rate_wait(reply)
                if rate_waits == 0 and wait is not None and wait <= self._max_wait - waited:
                    log.debug("github: rate limited; waiting %.1f s", wait)
                    self._sleep(wait)
                    waited += wait
                    rate_waits += 1
                    continue
                raise self._rate_limited(until, wait)
            if status >= 500:
                if failures >= self._retries:
                    raise self._error(
                        "server",
                        f"{self._host} answered HTTP {status} to GET {_path(url)} "
                        f"({failures + 1} attempts)",
                        status=status,
                    )
                delay = self._backoff(failures, self._max_wait - waited)
                self._sleep(delay)
                waited += delay
                failures += 1
                continue
            if status == 304:
                if entry is None:
                    raise self._error(
                        "bad-response",
                        f"{self._host} answered 304 Not Modified to GET {_path(url)} "
                        "without a conditional request",
                        status=304,
                    )
                self._hits += 1
                return _Reply(url, 200, reply.headers, entry.body, reply.redirected)
            if status == 200 and self._cache is not None:
                etag = reply.headers.get("ETag")
                modified = reply.headers.get("Last-Modified")
                if etag or modified:
                    self._cache.store(url, accept, _Entry(etag, modified, reply.body))
                elif entry is not None:
                    self._cache.discard(url, accept)
            return reply
        raise self._error("server", f"GET {_path(url)} did not succeed")  # pragma: no cover

    def _send(self, url: str, headers: Mapping[str, str]) -> _Reply:
        """One HTTP exchange (following redirects); transport errors as GitHubError.

        Errors are raised outside the ``except`` blocks, so that the lower-level exception
        is not even kept as ``__context__``."""
        response = None
        failure: GitHubError | None = None
        try:
            response = self._session.get(
                url,
                headers=dict(headers),
                timeout=(self._timeout, self._timeout),
                stream=True,
                allow_redirects=True,
            )
            self._requests += len(response.history) + 1
            body = self._read_body(response, url)
        except GitHubError as exc:
            failure = exc
        except requests.exceptions.TooManyRedirects:
            self._requests += MAX_REDIRECTS + 1
            failure = self._error(
                "bad-response", f"GET {_path(url)} redirected more than {MAX_REDIRECTS} times"
            )
        except requests.exceptions.Timeout:
            self._requests += response is None
            failure = self._timeout_error(url)
        except (
            requests.exceptions.RequestException,
            urllib3.exceptions.HTTPError,
            OSError,
            ValueError,
        ) as exc:
            self._requests += response is None
            if "timed out" in str(exc).lower():
                failure = self._timeout_error(url)
            else:
                failure = self._error("network", self._network_message(url, exc))
        finally:
            if response is not None:
                response.close()
        if failure is not None:
            raise failure
        assert response is not None
        remaining = response.headers.get("X-RateLimit-Remaining")
        if remaining is not None and remaining.strip().isdigit():
            self._rate_remaining = int(remaining)
        log.debug("github: GET %s -> %s", url, response.status_code)
        return _Reply(
            url=url,
            status=int(response.status_code),
            headers=response.headers,
            body=body,
            redirected=bool(response.history),
        )

    def _read_body(self, response: Any, url: str) -> bytes:
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            raise self._too_large(url)
        deadline = time.monotonic() + max(30.0, 3 * self._timeout)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(chunk_size=65536):
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise self._too_large(url)
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise self._timeout_error(url)
        return b"".join(chunks)

    # ------------------------------------------------------------------ rate limits

    @staticmethod
    def _is_rate_limited(reply: _Reply) -> bool:
        if reply.status == 429 or "Retry-After" in reply.headers:
            return True
        if reply.headers.get("X-RateLimit-Remaining", "").strip() == "0":
            return True
        return b"rate limit" in reply.body[:2000].lower()

    def _rate_wait(self, reply: _Reply) -> tuple[float | None, datetime | None]:
        """(seconds to wait, until when) from ``Retry-After`` or ``X-RateLimit-Reset``."""
        now = self._clock()
        retry_after = reply.headers.get("Retry-After", "").strip()
        if retry_after:
            seconds: float | None = None
            if retry_after.isdigit():
                seconds = float(retry_after)
            else:
                try:
                    when = email.utils.parsedate_to_datetime(retry_after)
                    seconds = max(0.0, when.timestamp() - now)
                except (TypeError, ValueError, IndexError, OverflowError):
                    seconds = None
            if seconds is not None:
                return seconds, _utc(now + seconds)
        reset = reply.headers.get("X-RateLimit-Reset", "").strip()
        if reset.isdigit():
            epoch = float(reset)
            return max(0.0, epoch - now), _utc(epoch)
        return None, None

    def _rate_limited(self, until: datetime | None, delay: float | None) -> GitHubError:
        when = f"until {until:%Y-%m-%d %H:%M:%S} UTC" if until else "for now"
        if self._token is None:
            message = (
                f"the GitHub API rate limit for unauthenticated requests (60 per hour) ran "
                f"out: rate limited {when}. Set GITHUB_TOKEN (or GH_TOKEN) to a GitHub token "
                "to get 5,000 requests per hour"
            )
        else:
            message = f"the GitHub API rate limit for this token ran out: rate limited {when}"
        if delay is not None and delay > self._max_wait:
            message += f" (longer than the maximum wait of {self._max_wait:g} s)"
        return self._error("rate-limited", message, rate_limited_until=until)

    def _backoff(self, failures: int, budget: float) -> float:
        delay: float = BACKOFF_BASE * 2.0**failures
        return max(0.0, min(delay, BACKOFF_CAP, budget))

    # ------------------------------------------------------------------ replies

    def _check_status(self, reply: _Reply, what: str) -> None:
        status = reply.status
        if status == 200:
            return
        if status == 401:
            raise self._error(
                "forbidden",
                f"GitHub rejected the credentials for {what} (HTTP 401): check the token "
                "in GITHUB_TOKEN / GH_TOKEN",
                status=status,
            )
        if status == 403:
            detail = _api_message(reply.body)
            raise self._error(
                "forbidden",
                f"GitHub refused access to {what} (HTTP 403{': ' + detail if detail else ''})",
                status=status,
            )
        if status == 404:
            raise self._error("not-found", f"{what} was not found (HTTP 404)", status=status)
        if status == 451:
            raise self._error(
                "unavailable-legal",
                f"{what} is unavailable for legal reasons (HTTP 451)",
                status=status,
            )
        raise self._error(
            "bad-response",
            f"{self._host} answered HTTP {status} to GET {_path(reply.url)} for {what}",
            status=status,
        )

    def _json(self, reply: _Reply) -> Any:
        try:
            return json.loads(reply.body)
        except (ValueError, RecursionError):
            pass
        raise self._error(
            "bad-response",
            f"{self._host} answered GET {_path(reply.url)} with a body that is not JSON",
            status=reply.status,
        )

    def _bad_shape(self, reply: _Reply) -> Callable[[str], GitHubError]:
        def make(problem: str) -> GitHubError:
            return self._error(
                "bad-response",
                f"{self._host} answered GET {_path(reply.url)} with JSON of an unexpected "
                f"shape: {problem}",
                status=reply.status,
            )

        return make

    def _file_text(self, reply: _Reply) -> str:
        """The file's text, from the raw media type or (if the server ignored it) from the
        JSON form with base64 content. Invalid UTF-8 is replaced with U+FFFD."""
        body = reply.body
        content_type = reply.headers.get("Content-Type", "").lower()
        if content_type.startswith("application/json"):
            try:
                data = json.loads(body)
            except (ValueError, RecursionError):
                data = None
            if (
                isinstance(data, dict)
                and data.get("type") == "file"
                and data.get("encoding") == "base64"
                and isinstance(data.get("content"), str)
            ):
                decoded = _b64(data["content"])
                if decoded is None:
                    raise self._bad_shape(reply)("file content is not base64")
                body = decoded
        return body.decode("utf-8", errors="replace")

    # ------------------------------------------------------------------ errors

    def _error(
        self,
        kind: ErrorKind,
        message: str,
        *,
        rate_limited_until: datetime | None = None,
        status: int | None = None,
    ) -> GitHubError:
        return GitHubError(
            kind,
            self._redact(message),
            rate_limited_until=rate_limited_until,
            status=status,
        )

    def _redact(self, text: str) -> str:
        if self._token and len(self._token) >= 4:
            text = text.replace(self._token, "***")
        return text

    def _timeout_error(self, url: str) -> GitHubError:
        return self._error(
            "timeout",
            f"{self._host} did not answer GET {_path(url)} within {self._timeout:g} s",
        )

    def _too_large(self, url: str) -> GitHubError:
        return self._error(
            "bad-response",
            f"{self._host} answered GET {_path(url)} with more than "
            f"{MAX_BODY_BYTES // (1024 * 1024)} MiB",
        )

    def _network_message(self, url: str, exc: BaseException) -> str:
        host = urlsplit(url).hostname or self._host
        text = str(exc).lower()
        if isinstance(exc, requests.exceptions.SSLError) or "ssl" in text or "certificate" in text:
            reason = "TLS error (certificate or handshake)"
        elif any(
            marker in text
            for marker in (
                "name or service not known",
                "nodename nor servname",
                "getaddrinfo",
                "name resolution",
                "no address associated",
            )
        ):
            reason = "the host name could not be resolved (DNS)"
        elif "refused" in text:
            reason = "connection refused"
        elif "reset" in text or "aborted" in text:
            reason = "the connection was reset"
        else:
            reason = "could not connect"
        return f"could not reach {host} (GET {_path(url)}): {reason}"


# ---------------------------------------------------------------------------- parsing


class _RepoFields:
    """The fields of ``GET /repos/{o}/{r}``, type-checked (absent or null optional fields
    take their defaults; present fields of the wrong type are a bad response)."""

    def __init__(self, data: Any, bad: Callable[[str], GitHubError]) -> None:
        if not isinstance(data, dict):
            raise bad("the repository is not a JSON object")
        self._data = data
        self._bad = bad
        full_name = self._text("full_name", required=True) or ""
        owner_part, _, name_part = full_name.partition("/")
        if not (_valid_owner(owner_part) and _valid_name(name_part)):
            raise bad(f"full_name {full_name!r} is not owner/name")
        self.full_name = full_name
        self.html_url = self._text("html_url", required=True) or ""
        self.default_branch = self._text("default_branch", required=True) or ""
        if not self.default_branch:
            raise bad("default_branch is empty")
        self.private = self._flag("private", required=True)
        visibility = self._text("visibility")
        self.visibility = visibility or ("private" if self.private else "public")
        self.archived = self._flag("archived")
        self.disabled = self._flag("disabled")
        self.fork = self._flag("fork")
        self.description = self._text("description")
        self.homepage = self._text("homepage") or None

        license_info = data.get("license")
        self.license_spdx: str | None = None
        if license_info is not None:
            if not isinstance(license_info, dict):
                raise bad("license is not an object")
            spdx = license_info.get("spdx_id")
            if spdx is not None and not isinstance(spdx, str):
                raise bad("license.spdx_id is not text")
            self.license_spdx = spdx or None

        pushed = self._text("pushed_at")
        self.pushed_at: datetime | None = None
        if pushed:
            parsed = _datetime(pushed)
            if parsed is None:
                raise bad(f"pushed_at {pushed!r} is not a date-time")
            self.pushed_at = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

        topics = data.get("topics")
        if topics is None:
            topics = []
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            raise bad("topics is not a list of text")
        self.topics = tuple(topics)

        owner = data.get("owner")
        if not isinstance(owner, dict):
            raise bad("owner is not an object")
        login, kind = owner.get("login"), owner.get("type")
        if not isinstance(login, str) or not isinstance(kind, str):
            raise bad("owner.login or owner.type is not text")
        self.owner_login = login
        self.owner_type = kind

    def _text(self, key: str, *, required: bool = False) -> str | None:
        value = self._data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise self._bad(f"{key} is {'missing' if value is None else 'not text'}")
        return value

    def _flag(self, key: str, *, required: bool = False) -> bool:
        value = self._data.get(key)
        if value is None and not required:
            return False
        if not isinstance(value, bool):
            raise self._bad(f"{key} is {'missing' if value is None else 'not true/false'}")
        return value


def _parse_tree(data: Any, bad: Callable[[str], GitHubError]) -> tuple[frozenset[str], bool]:
    if not isinstance(data, dict) or not isinstance(data.get("tree"), list):
        raise bad("the tree has no list of entries")
    truncated = data.get("truncated", False)
    if not isinstance(truncated, bool):
        raise bad("truncated is not true/false")
    paths = set()
    for item in data["tree"]:
        if not isinstance(item, dict):
            raise bad("a tree entry is not an object")
        path, kind = item.get("path"), item.get("type")
        if not isinstance(path, str) or not isinstance(kind, str):
            raise bad("a tree entry has no path or type")
        if kind == "blob":
            paths.add(path)
    return frozenset(paths), truncated


def _api_message(body: bytes) -> str:
    """GitHub's own ``message`` of an error body, shortened (empty if none)."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return ""
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, str):
        return ""
    message = " ".join(message.split())
    return message if len(message) <= 200 else message[:197] + "..."


def _q(segment: str) -> str:
    return quote(segment, safe="")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _utc(epoch: float) -> datetime | None:
    try:
        return datetime.fromtimestamp(epoch, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _b64(text: str) -> bytes | None:
    try:
        return base64.b64decode(text)
    except ValueError:
        return None


def _datetime(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
