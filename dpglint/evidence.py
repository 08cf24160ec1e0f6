"""Evidence beyond the metadata file, gathered once per record before the rules run.

Every rule has a scope: ``metadata`` (the record alone), ``files`` (the local checkout the
file sits in), ``github`` (the GitHub API) or ``network`` (live URLs). A scope that a run
does not have, or that failed for a record (rate limited, unreachable), is *skipped* with
a reason; its rules are reported as skipped, never as passed. The sources are imported
only when their scope is on, so the offline path never loads ``requests``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpglint.kinds import RecordKind
from dpglint.loader import Document

if TYPE_CHECKING:
    from dpglint.sources.checkout import Checkout
    from dpglint.sources.github import GitHubClient, GitHubError, RepoSnapshot
    from dpglint.sources.urls import UrlCheck, UrlChecker

SCOPES = ("metadata", "files", "github", "network")
FILES_MODES = ("auto", "on", "off")

_REPO_URL = re.compile(r"^(?:https?://)?(?:www\.)?github\.com/([^/\s]+)/([^/\s#?]+)", re.I)


@dataclass(frozen=True, slots=True)
class EvidenceSettings:
    """Which evidence sources a run uses, and how (from the command line)."""

    #: auto: on when the metadata file sits at the root of a repository checkout (the
    #: convention for publicgoods.json); on: the repository the file is anywhere in
    files: str = "auto"
    github: bool = False
    online: bool = False
    token: str | None = None
    api_url: str = "https://api.github.com"
    cache: bool = True
    cache_dir: Path | None = None  # None: the user cache directory
    allow_private_urls: bool = False
    url_timeout: float = 10.0
    url_budget: float = 60.0
    url_workers: int = 8

    def __repr__(self) -> str:  # never show the token
        return (
            f"EvidenceSettings(files={self.files!r}, github={self.github}, online={self.online}, "
            f"token={'***' if self.token else None}, api_url={self.api_url!r})"
        )


@dataclass(slots=True)
class Evidence:
    """What the enabled sources found for one record."""

    skipped: dict[str, str] = field(default_factory=dict)  # scope -> why it is unavailable
    notes: list[str] = field(default_factory=list)  # partial problems worth saying
    checkout: Checkout | None = None
    repositories: dict[str, RepoSnapshot | GitHubError] = field(default_factory=dict)
    urls: dict[str, UrlCheck] = field(default_factory=dict)

    def available(self, scope: str) -> bool:
        return scope == "metadata" or scope not in self.skipped

    def repository(self, url: str) -> RepoSnapshot | GitHubError | None:
        key = repository_key(url)
        return self.repositories.get(key) if key else None


def token_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The GitHub token from ``GITHUB_TOKEN``, then ``GH_TOKEN`` (empty values ignored)."""
    env = os.environ if environ is None else environ
    for name in ("GITHUB_TOKEN", "GH_TOKEN"):
        value = env.get(name, "").strip()
        if value:
            return value
    return None


def repository_key(url: Any) -> str | None:
    """``owner/name`` (lower case) of a github.com repository URL, else None."""
    if not isinstance(url, str):
        return None
    match = _REPO_URL.match(url.strip())
    if not match:
        return None
    owner, name = match.group(1), match.group(2)
    if name.endswith(".git"):
        name = name[:-4]
    return f"{owner}/{name}".lower()


def declared_repositories(data: Any) -> Iterator[tuple[str, str]]:
    """``(pointer, url)`` of every declared repository URL of a record."""
    entries = data.get("repositories") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            yield f"/repositories/{index}/url", entry["url"]


class EvidenceGatherer:
    """Builds the :class:`Evidence` of each record; clients are shared by the whole run
    (one HTTP session, one URL cache, one time budget)."""

    def __init__(self, settings: EvidenceSettings | None = None) -> None:
        self.settings = settings or EvidenceSettings()
        self._github: GitHubClient | None = None
        self._urls: UrlChecker | None = None
        self._repo_results: dict[str, RepoSnapshot | GitHubError] = {}

    # -------------------------------------------------------------- clients

    def github_client(self) -> GitHubClient:
        if self._github is None:
            from dpglint import __version__
            from dpglint.sources.github import GitHubClient, default_cache_dir

            settings = self.settings
            cache_dir = None
            if settings.cache:
                cache_dir = settings.cache_dir or default_cache_dir()
            self._github = GitHubClient(
                api_url=settings.api_url,
                token=settings.token,
                cache_dir=cache_dir,
                user_agent=f"dpglint/{__version__}",
            )
        return self._github

    def url_checker(self) -> UrlChecker:
        if self._urls is None:
            from dpglint import __version__
            from dpglint.sources.urls import UrlChecker

            settings = self.settings
            self._urls = UrlChecker(
                timeout=settings.url_timeout,
                budget=settings.url_budget,
                max_workers=settings.url_workers,
                allow_private=settings.allow_private_urls,
                user_agent=f"dpglint/{__version__}",
            )
        return self._urls

    def fetch_repository(self, key: str) -> RepoSnapshot | GitHubError:
        """The snapshot of ``owner/name``, fetched once per run."""
        if key not in self._repo_results:
            from dpglint.sources.github import GitHubError

            owner, name = key.split("/", 1)
            try:
                self._repo_results[key] = self.github_client().repository(owner, name)
            except GitHubError as exc:
                self._repo_results[key] = exc
        return self._repo_results[key]

    def remember_repository(self, key: str, result: RepoSnapshot | GitHubError) -> None:
        self._repo_results[key.lower()] = result

    # -------------------------------------------------------------- gathering

    def gather(
        self,
        document: Document,
        kind: RecordKind | None,
        path: Path | None,
        needed: frozenset[str] = frozenset(SCOPES),
    ) -> Evidence:
        """The evidence of one record, for the scopes in ``needed`` (those of the rules
        that apply to its kind): no work is done for a scope no rule would read."""
        evidence = Evidence()
        settings = self.settings
        if "files" in needed:
            self._gather_files(evidence, path)
        if "github" not in needed:
            pass
        elif not settings.github:
            evidence.skipped["github"] = "the GitHub API is not used: run with --github"
        elif kind is not None:
            self._gather_github(evidence, document.data)
        if "network" not in needed:
            pass
        elif not settings.online:
            evidence.skipped["network"] = "URLs are not fetched: run with --online"
        elif kind is not None:
            self._gather_urls(evidence, document.data, kind)
        return evidence

    def _gather_files(self, evidence: Evidence, path: Path | None) -> None:
        mode = self.settings.files
        if mode == "off":
            evidence.skipped["files"] = "local files are not read (--no-files)"
            return
        if path is None:
            evidence.skipped["files"] = "the record was not read from a local file"
            return
        if mode == "auto" and not (path.parent / ".git").exists():
            evidence.skipped["files"] = (
                "the file is not at the root of a repository checkout (no .git beside it; "
                "--files checks the repository it is in)"
            )
            return
        from dpglint.sources.checkout import CheckoutError, find_checkout

        try:
            checkout = find_checkout(path)
        except CheckoutError as exc:
            evidence.skipped["files"] = f"the repository cannot be read: {exc}"
            return
        if checkout is None:
            evidence.skipped["files"] = "the file is not inside a repository checkout (no .git)"
            return
        if mode == "auto" and checkout.root.resolve() != path.resolve().parent:
            evidence.skipped["files"] = (
                f"the file is not at the root of the repository {checkout.root} "
                "(use --files to check that repository anyway)"
            )
            return
        evidence.checkout = checkout

    def _gather_github(self, evidence: Evidence, data: Any) -> None:
        keys = []
        for _pointer, url in declared_repositories(data):
            key = repository_key(url)
            if key and key not in keys:
                keys.append(key)
        if not keys:
            return  # nothing to fetch: the github rules have nothing to say
        for key in keys:
            evidence.repositories[key] = self.fetch_repository(key)
        from dpglint.sources.github import GitHubError

        unusable = {
            key: result
            for key, result in evidence.repositories.items()
            if isinstance(result, GitHubError)
            and result.kind not in ("not-found", "unavailable-legal")
        }
        if len(unusable) == len(keys):
            reasons = sorted({_error_text(r) for r in unusable.values()})
            evidence.skipped["github"] = "; ".join(reasons)
        else:
            for key, result in unusable.items():
                evidence.notes.append(f"github: {key} not checked: {_error_text(result)}")

    def _gather_urls(self, evidence: Evidence, data: Any, kind: RecordKind) -> None:
        urls = list(dict.fromkeys(url for _pointer, url in record_urls(data, kind)))
        if not urls:
            return
        evidence.urls = self.url_checker().check_all(urls)
        skipped = [u for u, check in evidence.urls.items() if check.outcome == "skipped"]
        if skipped and len(skipped) == len(urls):
            evidence.skipped["network"] = "the time budget for URL checks ran out"
        elif skipped:
            evidence.notes.append(
                f"network: {len(skipped)} of {len(urls)} URLs not checked: the time budget "
                "ran out (raise it with --url-budget)"
            )


def _error_text(result: Any) -> str:
    return str(getattr(result, "message", result))


def record_urls(data: Any, kind: RecordKind) -> Iterator[tuple[str, str]]:
    """``(pointer, url)`` of every URL a record links to: the URL fields, and URLs
    written inside evidence texts (adherence steps, standards evidence...)."""
    from dpglint.rules._common import find_urls, strings, url_fields

    seen: set[tuple[str, str]] = set()
    for pointer, value in url_fields(data, kind):
        if isinstance(value, str):
            for url in find_urls(value):
                if (pointer, url) not in seen:
                    seen.add((pointer, url))
                    yield pointer, url
    for pointer, value in strings(data):
        for url in find_urls(value):
            if (pointer, url) not in seen:
                seen.add((pointer, url))
                yield pointer, url
