"""Build the evidence of the files, github and network scopes from fixture data, so
that the rules of those scopes are tested without a network or a real repository."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dpglint.evidence import Evidence

DEFAULT_PATHS = (
    "README.md",
    "LICENSE",
    "CONTRIBUTING.md",
    "CODE_OF_CONDUCT.md",
    "SECURITY.md",
    "publicgoods.json",
)


def snapshot(key: str, spec: dict[str, Any]) -> Any:
    """A RepoSnapshot of ``owner/name``: a healthy public repository, changed by
    ``spec`` (``days_since_push`` sets pushed_at relative to now)."""
    from dpglint.sources.github import RepoSnapshot

    owner = key.split("/")[0]
    fields: dict[str, Any] = {
        "requested": key,
        "full_name": key,
        "renamed": False,
        "html_url": f"https://github.com/{key}",
        "private": False,
        "visibility": "public",
        "archived": False,
        "disabled": False,
        "fork": False,
        "default_branch": "main",
        "license_spdx": "MIT",
        "pushed_at": datetime.now(UTC) - timedelta(days=10),
        "topics": ("digital-public-goods",),
        "owner_login": owner,
        "owner_type": "Organization",
        "description": None,
        "homepage": None,
        "paths": frozenset(DEFAULT_PATHS),
        "tree_truncated": False,
        "project_file": ("publicgoods.json", "{}"),
        "requests": 3,
        "conditional_hits": 0,
    }
    spec = dict(spec)
    if "days_since_push" in spec:
        fields["pushed_at"] = datetime.now(UTC) - timedelta(days=spec.pop("days_since_push"))
    if "paths" in spec:
        spec["paths"] = None if spec["paths"] is None else frozenset(spec["paths"])
    if "topics" in spec:
        spec["topics"] = tuple(spec["topics"])
    if "project_file" in spec and spec["project_file"] is not None:
        spec["project_file"] = tuple(spec["project_file"])
    fields.update(spec)
    return RepoSnapshot(**fields)


def url_check(url: str, spec: dict[str, Any]) -> Any:
    from dpglint.sources.urls import UrlCheck

    return UrlCheck(
        url=url,
        outcome=spec["outcome"],
        status=spec.get("status"),
        final_url=spec.get("final_url", url),
        redirects=tuple(spec.get("redirects", ())),
        detail=spec.get("detail", spec["outcome"]),
    )


def build_evidence(case: Any, workdir: Path | None, document_text: str | bytes) -> Evidence:
    """The evidence a fixture case describes; scopes it does not describe are skipped."""
    evidence = Evidence()
    if case.checkout is not None and workdir is not None:
        from dpglint.sources.checkout import find_checkout

        (workdir / ".git").mkdir()
        for relative, content in case.checkout.items():
            target = workdir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        if "config" not in case.checkout:
            (workdir / ".git" / "config").write_text(
                '[remote "origin"]\n\turl = https://github.com/example/app.git\n'
            )
        record_path = workdir / case.filename
        if isinstance(document_text, bytes):
            record_path.write_bytes(document_text)
        else:
            record_path.write_text(document_text, encoding="utf-8")
        evidence.checkout = find_checkout(record_path)
    else:
        evidence.skipped["files"] = "no checkout in this test case"
    if case.github is not None:
        from dpglint.sources.github import GitHubError

        for key, spec in case.github.items():
            if "error" in spec:
                evidence.repositories[key.lower()] = GitHubError(
                    spec["error"], spec.get("message", f"{key}: {spec['error']}")
                )
            else:
                evidence.repositories[key.lower()] = snapshot(key, spec)
    else:
        evidence.skipped["github"] = "no GitHub data in this test case"
    if case.urls is not None:
        evidence.urls = {url: url_check(url, spec) for url, spec in case.urls.items()}
    else:
        evidence.skipped["network"] = "no URL data in this test case"
    return evidence
