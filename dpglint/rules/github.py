"""GitHub repository rules (family E, scope ``github``): each repository the record
declares exists, is public and maintained, says the same license, holds the community
files, and belongs to the declared owner — checked against the GitHub API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dpglint.evidence import declared_repositories, repository_key
from dpglint.licenses import declared_families, license_family
from dpglint.rules import rule
from dpglint.rules._common import name_key, org_name, organizations

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding
    from dpglint.sources.github import GitHubError, RepoSnapshot

NOT_FOUND = ("not-found", "unavailable-legal")


def _fetched(record: Record) -> Iterator[tuple[str, str, RepoSnapshot | GitHubError]]:
    """``(pointer, url, result)`` for each declared github.com repository, once each."""
    seen: set[str] = set()
    for pointer, url in declared_repositories(record.data):
        key = repository_key(url)
        if key is None or key in seen:
            continue
        seen.add(key)
        result = record.evidence.repositories.get(key)
        if result is not None:
            yield pointer, url, result


def _snapshots(record: Record) -> Iterator[tuple[str, str, RepoSnapshot]]:
    from dpglint.sources.github import GitHubError

    for pointer, url, result in _fetched(record):
        if not isinstance(result, GitHubError):
            yield pointer, url, result


@rule("E001")
def repository_not_found(record: Record, report: Reporter) -> Iterator[Finding]:
    from dpglint.sources.github import GitHubError

    for pointer, url, result in _fetched(record):
        if isinstance(result, GitHubError) and result.kind in NOT_FOUND:
            yield report(
                pointer,
                f"{url} cannot be found on GitHub: {result.message}",
                hint="fix the URL, or make the repository public",
            )


@rule("E002")
def repository_not_public(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, snapshot in _snapshots(record):
        if snapshot.private or snapshot.visibility != "public":
            yield report(
                pointer,
                f"{url} is a {snapshot.visibility} repository: a DPG's source must be open "
                "to everyone",
                hint="make the repository public, or link the public one",
            )


@rule("E003")
def repository_archived(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, snapshot in _snapshots(record):
        if snapshot.archived:
            yield report(
                pointer,
                f"{url} is archived on GitHub (read-only): nobody maintains it there",
                hint="link the repository where development continues, or unarchive it",
            )


@rule("E004")
def repository_renamed(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, snapshot in _snapshots(record):
        if snapshot.renamed:
            yield report(
                pointer,
                f"{url} has moved: GitHub redirects it to {snapshot.full_name}",
                hint=f"write {snapshot.html_url}",
            )


def _main_snapshots(record: Record) -> list[tuple[str, str, RepoSnapshot]]:
    """The repositories whose license speaks for the project: the one named "main", or
    the first one."""
    snapshots = list(_snapshots(record))
    entries = record.data.get("repositories") if isinstance(record.data, dict) else None
    if isinstance(entries, list):
        main = [
            s
            for s in snapshots
            if any(
                isinstance(e, dict) and e.get("name") == "main" and e.get("url") == s[1]
                for e in entries
            )
        ]
        if main:
            return main
    return snapshots[:1]


@rule("E005")
def license_differs_on_github(record: Record, report: Reporter) -> Iterator[Finding]:
    declared = declared_families(record.data, record.kind)
    if not declared:
        return
    for pointer, url, snapshot in _main_snapshots(record):
        detected = snapshot.license_spdx
        if not detected or detected == "NOASSERTION":
            continue
        if license_family(detected) not in declared:
            yield report(
                pointer,
                f"GitHub identifies the license of {url} as {detected}, but the record "
                f"declares {', '.join(sorted(declared))}",
                hint=f"declare {detected}, or change the repository's LICENSE to the declared "
                "license",
            )


@rule("E006")
def license_unidentified_on_github(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, snapshot in _main_snapshots(record):
        if not snapshot.license_spdx or snapshot.license_spdx == "NOASSERTION":
            what = (
                "finds no license" if not snapshot.license_spdx else "cannot identify the license"
            )
            yield report(
                pointer,
                f"GitHub {what} in {url}: visitors of the repository are not told it is open",
                hint="add the unmodified license text as LICENSE at the repository root",
            )


@rule("E007")
def repository_stale(record: Record, report: Reporter) -> Iterator[Finding]:
    limit = record.options.stale_days
    now = datetime.now(UTC)
    for pointer, url, snapshot in _snapshots(record):
        if snapshot.pushed_at is None or snapshot.archived:
            continue  # archived repositories are E003's
        age = (now - snapshot.pushed_at).days
        if age > limit:
            yield report(
                pointer,
                f"nothing has been pushed to {url} for {age} days (last push "
                f"{snapshot.pushed_at:%Y-%m-%d}; the limit is {limit})",
                hint="link the repository where development happens; the limit is "
                "limits.stale-days in .dpglint.yaml",
            )


_COMMUNITY = (
    ("contributing", "a contributing guide (CONTRIBUTING)"),
    ("code_of_conduct", "a code of conduct (CODE_OF_CONDUCT)"),
    ("security", "a security policy (SECURITY)"),
)


@rule("E008")
def community_files_missing_on_github(record: Record, report: Reporter) -> Iterator[Finding]:
    from dpglint.sources.checkout import classify_paths

    for pointer, url, snapshot in _main_snapshots(record):
        if snapshot.paths is None:
            continue
        files = classify_paths(snapshot.paths)
        for kind, what in _COMMUNITY:
            if not files.has(kind):
                yield report(
                    pointer,
                    f"{url} has no {what} on its default branch ({snapshot.default_branch}) "
                    "in the usual places (root, .github/, docs/)",
                    hint=f"add {what.split('(')[1].rstrip(')')}.md to the repository",
                )


def _owner_names(data: Any) -> list[str]:
    return [n for _p, org in organizations(data, of_type="owner") if (n := org_name(org))]


def _matches(login: str, names: list[str], websites: list[str]) -> bool:
    squashed = name_key(login)
    for name in names:
        key = name_key(name)
        if key and (key in squashed or squashed in key):
            return True
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", name)).lower()
        if len(initials) > 1 and initials == squashed:
            return True
    return any(squashed and squashed in name_key(site) for site in websites)


@rule("E009")
def owner_differs_on_github(record: Record, report: Reporter) -> Iterator[Finding]:
    names = _owner_names(record.data)
    if not names:
        return  # O001 reports the missing owner
    websites = [
        org["website"]
        for _p, org in organizations(record.data, of_type="owner")
        if isinstance(org.get("website"), str)
    ]
    for pointer, url, snapshot in _main_snapshots(record):
        if _matches(snapshot.owner_login, names, websites):
            continue
        yield report(
            pointer,
            f"{url} belongs to the GitHub {snapshot.owner_type.lower()} "
            f"'{snapshot.owner_login}', which does not look like the declared owner "
            f"{', '.join(repr(n) for n in names)}",
            hint="if the account belongs to the owner, say so on the account's profile or in "
            "the repository's README; else list the account's organization as owner or "
            "maintainer",
        )


@rule("E010")
def topics_missing_on_github(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, snapshot in _main_snapshots(record):
        if not snapshot.topics:
            yield report(
                pointer,
                f"{url} has no topics: people searching GitHub for digital public goods in "
                "its field will not find it",
                hint="add topics such as digital-public-goods and the project's sector",
            )


@rule("E011")
def project_file_missing_on_github(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, snapshot in _main_snapshots(record):
        if snapshot.paths is not None and snapshot.project_file is None:
            yield report(
                pointer,
                f"{url} has no publicgoods.json or publicgoods.yaml at its root: the "
                "repository does not carry its own DPG metadata",
                hint="add publicgoods.json (or .yaml) to the repository and lint it with "
                "dpglint in CI",
            )


_BRANCH = re.compile(r"^https?://(?:www\.)?github\.com/[^/]+/[^/]+/tree/([^?#]+)", re.I)


@rule("E012")
def branch_not_default(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, snapshot in _snapshots(record):
        match = _BRANCH.match(url.strip())
        if match and match.group(1).rstrip("/") != snapshot.default_branch:
            yield report(
                pointer,
                f"{url} points at {match.group(1)!r}, not the default branch "
                f"{snapshot.default_branch!r}",
                hint=f"link the repository itself: {snapshot.html_url}",
            )
