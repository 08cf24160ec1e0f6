"""The local checkout evidence source: finding the repository, indexing its files in the
usual places, API specs, remotes, safe paths, and license identification from text."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from dpglint.sources.checkout import (
    FILE_KINDS,
    LICENSE_MAX_BYTES,
    Checkout,
    CheckoutError,
    RepoFiles,
    classify_paths,
    find_checkout,
    identify_license,
)
from dpglint.sources.licensetext import COVERAGE_THRESHOLD, identify

LICENSES = Path(__file__).parent / "data" / "checkout" / "licenses"


def text(relative: str) -> str:
    return (LICENSES / relative).read_text("utf-8")


def make_repo(root: Path, files: dict[str, str | bytes], *, git: bool = True) -> Path:
    """A repository at ``root``: a ``.git`` folder and the given files."""
    root.mkdir(parents=True, exist_ok=True)
    if git:
        (root / ".git").mkdir(exist_ok=True)
        (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    return root


def checkout_of(root: Path, **kwargs: int) -> Checkout:
    checkout = find_checkout(root / "publicgoods.json", **kwargs)
    assert checkout is not None
    return checkout


# --- finding the repository -------------------------------------------------------------


def test_find_checkout_walks_up_from_a_nested_folder(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"a/b/publicgoods.json": "{}", "README.md": "# x"})
    checkout = find_checkout(repo / "a" / "b" / "publicgoods.json")
    assert checkout is not None
    assert checkout.root == repo.resolve()
    assert checkout.files.found["readme"] == ("README.md",)
    assert "a/b/publicgoods.json" in checkout.files.paths
    # a folder is a start too, and a file that does not exist yet
    assert find_checkout(repo / "a") is not None
    assert find_checkout(repo / "a" / "missing.json") is not None


def test_find_checkout_outside_any_repository(tmp_path: Path) -> None:
    if any((parent / ".git").exists() for parent in tmp_path.resolve().parents):
        pytest.skip("the temporary folder sits inside a repository")
    folder = make_repo(tmp_path / "plain", {"publicgoods.json": "{}"}, git=False)
    assert find_checkout(folder / "publicgoods.json") is None


def test_the_innermost_repository_wins(tmp_path: Path) -> None:
    outer = make_repo(tmp_path / "outer", {"README.md": "outer"})
    inner = make_repo(outer / "sub", {"publicgoods.json": "{}"})
    checkout = find_checkout(inner / "publicgoods.json")
    assert checkout is not None and checkout.root == inner.resolve()
    # and the outer repository's index leaves the nested repository out (a submodule)
    outer_checkout = find_checkout(outer / "README.md")
    assert outer_checkout is not None
    assert outer_checkout.files.paths == frozenset({"README.md"})


def test_a_worktree_git_file_and_its_common_config(tmp_path: Path) -> None:
    main = make_repo(tmp_path / "main", {})
    (main / ".git" / "config").write_text(
        '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/tool.git\n'
        "\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
    )
    worktree_git = main / ".git" / "worktrees" / "feature"
    worktree_git.mkdir(parents=True)
    (worktree_git / "commondir").write_text("../..\n")
    (worktree_git / "HEAD").write_text("ref: refs/heads/feature\n")
    worktree = make_repo(tmp_path / "feature", {"publicgoods.json": "{}"}, git=False)
    (worktree / ".git").write_text(f"gitdir: {worktree_git}\n")

    checkout = find_checkout(worktree / "publicgoods.json")
    assert checkout is not None
    assert checkout.root == worktree.resolve()
    assert checkout.remote_urls == ("https://github.com/acme/tool.git",)
    assert ".git" not in {p.split("/")[0] for p in checkout.files.paths}


def test_a_submodule_git_file_with_a_relative_gitdir(tmp_path: Path) -> None:
    parent = make_repo(tmp_path / "parent", {})
    modules = parent / ".git" / "modules" / "lib"
    modules.mkdir(parents=True)
    (modules / "config").write_text('[remote "origin"]\n  url = https://github.com/acme/lib\n')
    sub = make_repo(parent / "lib", {"publicgoods.json": "{}"}, git=False)
    (sub / ".git").write_text("gitdir: ../.git/modules/lib\n")
    checkout = find_checkout(sub / "publicgoods.json")
    assert checkout is not None and checkout.root == sub.resolve()
    assert checkout.remote_urls == ("https://github.com/acme/lib",)


def test_remote_urls_are_normalised_and_never_carry_credentials(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {})
    (repo / ".git" / "config").write_text(
        textwrap.dedent(
            """\
            [core]
            \turl = https://not-a-remote.example/x
            [remote "origin"]
            \turl = https://user:ghp_SECRET123@github.com/acme/tool.git
            [remote "ssh"]
            \tURL = ssh://git@github.com:22/acme/tool.git ; a comment
            [remote "scp"]
            \turl = "git@gitlab.com:group/sub/tool.git"
            [remote "mirror"]
            \turl = git://example.org/tool
            \turl = https://github.com/acme/tool.git
            [remote.legacy]
            \turl = ../local/clone
            [branch "main"]
            \tremote = origin
            """
        )
    )
    checkout = checkout_of(repo)
    assert checkout.remote_urls == (
        "https://github.com/acme/tool.git",  # credentials removed; the ssh:// one the same
        "https://gitlab.com/group/sub/tool.git",
        "https://example.org/tool",
        "../local/clone",
    )
    assert not any("SECRET" in url or "user" in url for url in checkout.remote_urls)


def test_no_config_no_remotes(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"publicgoods.json": "{}"})
    assert checkout_of(repo).remote_urls == ()
    (repo / ".git" / "config").write_bytes(b"\xff\xfe[remote \x00garbage\n url")
    assert checkout_of(repo).remote_urls == ()


# --- the usual places -----------------------------------------------------------------------


def test_files_in_the_usual_places_of_a_checkout(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "README.md": "# Tool",
            "docs/README.rst": "Docs",
            ".github/CONTRIBUTING.md": "PRs welcome",
            "docs/security.rst": "Report to ...",
            "Code_Of_Conduct.txt": "Be kind",
            ".github/SUPPORT": "Ask here",
            "GOVERNANCE.adoc": "Who decides",
            "OWNERS": "approvers: [a]",
            ".github/CODEOWNERS": "* @acme",
            ".github/FUNDING.yml": "github: acme",
            "ROADMAP.md": "Next",
            "HISTORY.md": "1.0",
            "CHANGELOG.md": "1.0",
            "LICENSE": text("spdx/MIT.txt"),
            "docs/guide/index.md": "Guide",
            # not where GitHub looks: none of these count
            "src/CONTRIBUTING.md": "no",
            "docs/community/GOVERNANCE.md": "no",
            "FUNDING.yml": "no",
            "src/LICENSE": "no",
            "node_modules/pkg/SECURITY.md": "vendored",
            "node_modules/pkg/openapi.yaml": "openapi: 3.0.0",
            "vendor/lib/README.md": "vendored",
        },
    )
    files = checkout_of(repo).files
    assert files.found["readme"] == ("README.md", "docs/README.rst")
    assert files.found["contributing"] == (".github/CONTRIBUTING.md",)
    assert files.found["security"] == ("docs/security.rst",)
    assert files.found["code_of_conduct"] == ("Code_Of_Conduct.txt",)
    assert files.found["support"] == (".github/SUPPORT",)
    assert files.found["governance"] == ("GOVERNANCE.adoc",)
    assert files.found["maintainers"] == ("OWNERS",)
    assert files.found["codeowners"] == (".github/CODEOWNERS",)
    assert files.found["funding"] == (".github/FUNDING.yml",)
    assert files.found["roadmap"] == ("ROADMAP.md",)
    assert files.found["changelog"] == ("CHANGELOG.md", "HISTORY.md")
    assert files.found["license"] == ("LICENSE",)
    assert set(files.found) == set(FILE_KINDS)
    assert all(files.has(kind) for kind in FILE_KINDS)
    assert files.docs_dir == "docs"
    assert files.api_specs == ()
    assert not files.truncated
    assert not any(p.startswith(("node_modules/", "vendor/", ".git/")) for p in files.paths)
    assert "src/CONTRIBUTING.md" in files.paths


def test_has_refuses_an_unknown_kind() -> None:
    files = classify_paths(["README.md"])
    assert files.has("readme") and not files.has("security")
    with pytest.raises(ValueError, match="unknown file kind"):
        files.has("readmes")


def test_classify_paths_like_a_github_tree() -> None:
    tree = [
        "readme.MD",
        "docs/Readme.md",
        ".github/README",
        "Contributing.rst",
        ".github/CONTRIBUTING.md",
        ".github/code-of-conduct.md",
        "SECURITY.md.bak",  # .bak is not a document format
        "docs/SECURITY.md",
        "Support.md",
        "docs/GOVERNANCE.md",
        "MAINTAINERS.md",
        "docs/CODEOWNERS",
        "CODEOWNERS.md",  # GitHub reads CODEOWNERS only by that name
        ".github/FUNDING.yaml",  # GitHub reads FUNDING.yml only
        "NEWS",
        "CHANGES.rst",
        "README.pt-BR.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "COPYING.LESSER",
        "license.py",  # code, not a license file
        "UNLICENSE",
        "LICENSES/MIT.txt",
        "LICENSES/CC-BY-4.0.txt",
        "LICENSES/sub/other.txt",  # not directly in LICENSES/
        "Documentation/index.rst",
        "doc/old.md",
        "src/CONTRIBUTING.md",
        "src/docs/SECURITY.md",
        "docs/community/SUPPORT.md",
        "node_modules/x/README.md",
        "api/openapi.yaml",
        "spec/petstore.swagger.json",
        "events/asyncapi.yml",
        "docs/openapi.md",  # not a spec format
        "web/swagger-ui.js",
        "vendor/spec/openapi.json",
        "./ROADMAP",
        "/SUPPORT.md",
    ]
    files = classify_paths(tree)
    assert isinstance(files, RepoFiles)
    assert files.found["readme"] == (
        "readme.MD",
        "README.pt-BR.md",
        ".github/README",
        "docs/Readme.md",
    )
    assert files.found["contributing"] == ("Contributing.rst", ".github/CONTRIBUTING.md")
    assert files.found["code_of_conduct"] == (".github/code-of-conduct.md",)
    assert files.found["security"] == ("docs/SECURITY.md",)
    assert files.found["support"] == ("SUPPORT.md", "Support.md")
    assert files.found["governance"] == ("docs/GOVERNANCE.md",)
    assert files.found["maintainers"] == ("MAINTAINERS.md",)
    assert files.found["codeowners"] == ("docs/CODEOWNERS",)
    assert files.found["funding"] == ()
    assert not files.has("funding")
    assert files.found["roadmap"] == ("ROADMAP",)
    assert files.found["changelog"] == ("CHANGES.rst", "NEWS")
    assert files.found["license"] == (
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "COPYING.LESSER",
        "UNLICENSE",
        "LICENSES/MIT.txt",
        "LICENSES/CC-BY-4.0.txt",
    )
    assert files.docs_dir == "docs"
    assert files.api_specs == (
        "api/openapi.yaml",
        "events/asyncapi.yml",
        "spec/petstore.swagger.json",
    )
    assert "node_modules/x/README.md" not in files.paths
    assert "ROADMAP" in files.paths and "SUPPORT.md" in files.paths
    assert not files.truncated
    assert classify_paths(tree, truncated=True).truncated


def test_docs_dir_preference_and_absence() -> None:
    assert classify_paths(["doc/a.md", "Documentation/b.md"]).docs_dir == "doc"
    assert classify_paths(["Documentation/b.md"]).docs_dir == "Documentation"
    assert classify_paths(["docs", "README.md", "src/docs/a.md"]).docs_dir is None
    empty = classify_paths([])
    assert empty.docs_dir is None and empty.paths == frozenset()
    assert not any(empty.has(kind) for kind in FILE_KINDS)


# --- API specifications -----------------------------------------------------------------


def test_api_specs_by_name_and_by_content(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "openapi.yaml": "openapi: 3.1.0\ninfo: {title: x}\n",
            "api/v1.yaml": "# the public API\nopenapi: '3.0.3'\npaths: {}\n",
            "events/bus.yml": "asyncapi: 2.6.0\nchannels: {}\n",
            "legacy/api.json": '{"info": {"title": "x"}, "swagger": "2.0", "paths": {}}',
            "legacy/first.json": '  {"openapi": "3.0.0"}',
            "quoted.yaml": '"openapi": "3.0.0"\n',
            # not specifications
            "nested.json": '{"components": {"openapi": "3.0.0"}}',
            "config.yaml": "server:\n  openapi: true\n",
            "docker-compose.yml": "services: {}\n",
            "broken.json": '{"openapi": ',
            "package.json": '{"name": "x"}',
            "notes.md": "openapi: 3.0.0\n",
        },
    )
    assert checkout_of(repo).files.api_specs == (
        "api/v1.yaml",
        "events/bus.yml",
        "legacy/api.json",
        "legacy/first.json",
        "openapi.yaml",
        "quoted.yaml",
    )


def test_a_large_json_spec_is_found_by_its_first_key_only(tmp_path: Path) -> None:
    padding = ", ".join(f'"k{i}": "{"x" * 100}"' for i in range(12_000))  # about 1.4 MB
    repo = make_repo(
        tmp_path / "repo",
        {
            "big-first.json": '{"openapi": "3.0.0", ' + padding + "}",
            "big-later.json": "{" + padding + ', "openapi": "3.0.0"}',
        },
    )
    assert checkout_of(repo).files.api_specs == ("big-first.json",)


# --- bounds, special files, symlinks -----------------------------------------------------


def test_the_walk_stops_at_max_files_and_says_so(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"src/deep/f{i:02}.py": "" for i in range(30)}
    files.update({"README.md": "# x", "LICENSE": text("spdx/MIT.txt"), "zz.txt": ""})
    repo = make_repo(tmp_path / "repo", files)
    checkout = checkout_of(repo, max_files=10)
    assert checkout.files.truncated
    assert len(checkout.files.paths) == 10
    # breadth first: the root is indexed before anything deep
    assert {"README.md", "LICENSE", "zz.txt"} <= checkout.files.paths
    assert checkout.licenses[0].spdx_id == "MIT"
    assert not checkout_of(repo).files.truncated


def test_the_walk_is_bounded_in_folders_too(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "# x"})
    deep = repo
    for i in range(40):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    checkout = checkout_of(repo, max_files=20)
    assert checkout.files.truncated
    assert checkout.files.paths == frozenset({"README.md"})


def test_symlinks_escaping_the_root_are_neither_indexed_nor_read(tmp_path: Path) -> None:
    outside = make_repo(tmp_path / "outside", {"LICENSE": text("spdx/MIT.txt")}, git=False)
    (outside / "dir").mkdir()
    (outside / "dir" / "README.md").write_text("# outside")
    repo = make_repo(tmp_path / "repo", {"README.md": "# x", "docs/a.md": "a"})
    (repo / "LICENSE").symlink_to(outside / "LICENSE")
    (repo / "linked").symlink_to(outside / "dir", target_is_directory=True)
    (repo / "CONTRIBUTING.md").symlink_to(repo / "docs" / "a.md")  # inside: counts
    (repo / "docs" / "loop").symlink_to(repo / "docs", target_is_directory=True)
    (repo / "dangling.md").symlink_to(repo / "missing.md")

    checkout = checkout_of(repo)
    assert checkout.files.paths == frozenset({"README.md", "docs/a.md", "CONTRIBUTING.md"})
    assert checkout.licenses == ()
    assert checkout.files.found["contributing"] == ("CONTRIBUTING.md",)
    assert not checkout.exists("LICENSE")
    assert not checkout.exists("linked/README.md")
    assert not checkout.exists("linked")
    assert checkout.exists("CONTRIBUTING.md")
    assert not checkout.exists("dangling.md")


def test_exists_is_safe_and_exact(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "# x", "docs/api/index.md": "a"})
    (tmp_path / "secret.txt").write_text("s")
    checkout = checkout_of(repo)
    assert checkout.exists("README.md")
    assert checkout.exists("docs/api/index.md")
    assert checkout.exists("docs/api/")  # a folder
    assert checkout.exists("./docs//api")
    assert checkout.exists("")  # the root itself
    assert not checkout.exists("readme.md")  # names compare exactly
    assert not checkout.exists("docs/missing.md")
    assert not checkout.exists("../secret.txt")
    assert not checkout.exists("docs/../../secret.txt")
    assert not checkout.exists("docs/../README.md")  # no ".." at all
    assert not checkout.exists(str(tmp_path / "secret.txt"))  # absolute
    assert not checkout.exists("/README.md")
    assert not checkout.exists("docs\\api")
    assert not checkout.exists("README.md\x00.txt")
    assert not checkout.exists("C:/Windows")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_special_files_are_skipped_without_hanging(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "# x"})
    os.mkfifo(repo / "LICENSE")
    os.mkfifo(repo / "openapi.yaml")
    os.mkfifo(repo / "events.yml")
    (repo / "COPYING").symlink_to(repo / "LICENSE")  # a link to a FIFO inside the root
    checkout = checkout_of(repo)
    assert checkout.files.paths == frozenset({"README.md"})
    assert checkout.licenses == ()
    assert checkout.files.api_specs == ()
    assert checkout.exists("LICENSE")  # it is there, it is just not a file to read


def test_an_unreadable_root_is_a_checkout_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "# x", "sub/a.md": "a"})
    real_scandir = os.scandir
    refused: list[str] = []

    def scandir(path: str) -> Any:
        if path.endswith(os.sep + "sub") or path == os.path.realpath(repo):
            refused.append(os.path.basename(path))
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(CheckoutError, match=r"cannot list the repository at .*Permission denied"):
        find_checkout(repo / "README.md")
    assert refused == ["repo"]
    # an unreadable folder below the root is skipped
    monkeypatch.setattr(
        os,
        "scandir",
        lambda path: scandir(path) if path.endswith(os.sep + "sub") else real_scandir(path),
    )
    refused.clear()
    checkout = checkout_of(repo)
    assert checkout.files.paths == frozenset({"README.md"})
    assert refused == ["sub"]


# --- license files ----------------------------------------------------------------------


def test_license_files_at_the_root_and_in_licenses(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "LICENSE": "Copyright (c) 2024 Acme\n\n" + text("debian/Apache-2.0"),
            "COPYING": text("debian/GPL-3"),
            "LICENSES/MIT.txt": text("spdx/MIT.txt"),
            "LICENSES/CC-BY-4.0.txt": text("spdx/CC-BY-4.0.txt"),
            "LICENSES/LicenseRef-Custom.txt": "You may use this for good only.",
            "docs/LICENSE": text("spdx/MIT.txt"),  # not a usual place for a license
        },
    )
    licenses = {lf.path: lf for lf in checkout_of(repo).licenses}
    assert list(licenses) == [
        "LICENSE",
        "COPYING",
        "LICENSES/MIT.txt",
        "LICENSES/CC-BY-4.0.txt",
        "LICENSES/LicenseRef-Custom.txt",
    ]
    assert licenses["LICENSE"].spdx_id == "Apache-2.0"
    assert licenses["LICENSE"].ids == ("Apache-2.0",)
    assert licenses["LICENSE"].detail.startswith("matches Apache-2.0 (")
    assert licenses["COPYING"].spdx_id == "GPL-3.0"
    assert licenses["LICENSES/MIT.txt"].spdx_id == "MIT"
    assert licenses["LICENSES/CC-BY-4.0.txt"].spdx_id == "CC-BY-4.0"
    custom = licenses["LICENSES/LicenseRef-Custom.txt"]
    assert (custom.spdx_id, custom.score, custom.detail) == (
        None,
        0.0,
        "no license text recognised",
    )


def test_license_files_that_cannot_be_identified(tmp_path: Path) -> None:
    mit = text("spdx/MIT.txt").replace("<year> <copyright holders>", "2024 José Núñez")
    repo = make_repo(
        tmp_path / "repo",
        {
            "LICENSE": b"",
            "LICENSE.latin1": mit.encode("latin-1"),
            "LICENSE.utf16": mit.encode("utf-16"),
            "LICENSE.bom": b"\xef\xbb\xbf" + mit.encode("utf-8"),
            "LICENSE.bin": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
            "LICENSE.blank": "\n \n\t\n",
            "COPYING": b"x" * (10 * 1024 * 1024),
        },
    )
    licenses = {lf.path: lf for lf in checkout_of(repo).licenses}
    assert licenses["LICENSE"].spdx_id is None
    assert licenses["LICENSE"].detail == "file is empty"
    assert licenses["LICENSE.latin1"].spdx_id == "MIT"
    assert "not UTF-8: read as Latin-1" in licenses["LICENSE.latin1"].detail
    assert licenses["LICENSE.utf16"].spdx_id == "MIT"
    assert licenses["LICENSE.bom"].spdx_id == "MIT"
    assert licenses["LICENSE.bin"].spdx_id is None
    assert licenses["LICENSE.bin"].detail == "not a text file (binary content)"
    assert licenses["LICENSE.blank"].detail == "file holds no text"
    big = licenses["COPYING"]
    assert big.spdx_id is None and big.score == 0.0
    assert big.detail == "file is too large to identify (over 1 MiB)"
    assert LICENSE_MAX_BYTES == 1 << 20


def test_an_unreadable_license_file_is_reported_not_raised(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"LICENSE": text("spdx/MIT.txt")})
    checkout = checkout_of(repo)
    (repo / "LICENSE").unlink()  # gone between the walk and the read
    from dpglint.sources.checkout import _license_file

    gone = _license_file(os.path.realpath(repo), "LICENSE")
    assert gone.spdx_id is None and gone.detail.startswith("cannot read: ")
    assert checkout.licenses[0].spdx_id == "MIT"


# --- license identification --------------------------------------------------------------

REAL_TEXTS = {
    "spdx/MIT.txt": "MIT",
    "spdx/AGPL-3.0.txt": "AGPL-3.0",
    "spdx/BSD-2-Clause.txt": "BSD-2-Clause",
    "spdx/ISC.txt": "ISC",
    "spdx/EPL-2.0.txt": "EPL-2.0",
    "spdx/EUPL-1.2.txt": "EUPL-1.2",
    "spdx/Unlicense.txt": "Unlicense",
    "spdx/CC-BY-4.0.txt": "CC-BY-4.0",
    "spdx/CC-BY-SA-4.0.txt": "CC-BY-SA-4.0",
    "spdx/ODbL-1.0.txt": "ODbL-1.0",
    "debian/Apache-2.0": "Apache-2.0",
    "debian/GPL-2": "GPL-2.0",
    "debian/GPL-3": "GPL-3.0",
    "debian/LGPL-2.1": "LGPL-2.1",
    "debian/LGPL-3": "LGPL-3.0",
    "debian/MPL-2.0": "MPL-2.0",
    "debian/CC0-1.0": "CC0-1.0",
    "debian/BSD": "BSD-3-Clause",
    "projects/attrs-LICENSE": "MIT",
    "projects/click-LICENSE.txt": "BSD-3-Clause",
    "projects/idna-LICENSE.md": "BSD-3-Clause",
    "projects/requests-LICENSE": "Apache-2.0",
}


@pytest.mark.parametrize(("relative", "expected"), sorted(REAL_TEXTS.items()))
def test_identify_real_license_texts(relative: str, expected: str) -> None:
    spdx_id, score, detail = identify_license(text(relative))
    assert spdx_id == expected
    assert 0.9 <= score <= 1.0
    assert detail.startswith(f"matches {expected} (")


def reflow(license_text: str, width: int = 61) -> str:
    """The text as a project might paste it: its own copyright line on top, paragraphs
    re-wrapped to another width, Windows line ends."""
    paragraphs = [" ".join(p.split()) for p in license_text.split("\n\n") if p.strip()]
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
    return ("Copyright (c) 2019-2024 Example Org and contributors\n\n" + wrapped).replace(
        "\n", "\r\n"
    )


@pytest.mark.parametrize(("relative", "expected"), sorted(REAL_TEXTS.items()))
def test_identify_reflowed_texts_with_a_copyright_line(relative: str, expected: str) -> None:
    spdx_id, score, _ = identify_license(reflow(text(relative)))
    assert spdx_id == expected
    assert score >= 0.9


GPL_NOTICE = """\
Tool - does things
Copyright (C) 2024 Jane Doe

This program is free software: you can redistribute it and/or modify
it under the terms of the GNU General Public License as published by
the Free Software Foundation, either version 3 of the License, or
(at your option) any later version.

This program is distributed in the hope that it will be useful,
but WITHOUT ANY WARRANTY; without even the implied warranty of
MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
GNU General Public License for more details.

You should have received a copy of the GNU General Public License
along with this program.  If not, see <https://www.gnu.org/licenses/>.

"""


def test_gpl_only_or_later_only_when_the_text_says_so() -> None:
    gpl3 = text("debian/GPL-3")
    bare = identify(gpl3)
    assert bare.ids == ("GPL-3.0",)  # the family: the text alone does not say
    assert "does not say whether later versions apply" in bare.detail
    # the license's own "How to Apply" sample notice is a template, not a statement
    assert "any later version" in gpl3
    assert identify(text("spdx/AGPL-3.0.txt")).ids == ("AGPL-3.0",)

    assert identify(GPL_NOTICE + gpl3).ids == ("GPL-3.0-or-later",)
    assert identify(gpl3 + "\n\n" + GPL_NOTICE).ids == ("GPL-3.0-or-later",)  # notice last
    gpl2_notice = GPL_NOTICE.replace("version 3", "version 2")
    assert identify(text("debian/GPL-2")).ids == ("GPL-2.0",)
    assert identify(gpl2_notice + text("debian/GPL-2")).ids == ("GPL-2.0-or-later",)
    assert identify(GPL_NOTICE).ids == ("GPL-3.0-or-later",)  # the notice alone
    only = GPL_NOTICE.replace(
        "either version 3 of the License, or\n(at your option) any later version",
        "version 3 of the License",
    )
    assert identify(only + gpl3).ids == ("GPL-3.0-only",)
    both = identify(GPL_NOTICE + only + gpl3)
    assert both.ids == ("GPL-3.0",)
    assert "both 'only' and 'or later'" in both.detail


def test_lgpl3_with_the_gpl3_appended_is_lgpl3() -> None:
    combined = text("debian/LGPL-3") + "\n\n" + text("debian/GPL-3")
    found = identify(combined)
    assert found.ids == ("LGPL-3.0",)
    assert found.score == 1.0


def test_several_licenses_in_one_file_are_all_reported() -> None:
    dual = text("projects/attrs-LICENSE") + "\n\n---\n\n" + text("projects/requests-LICENSE")
    found = identify(dual)
    assert found.ids == ("MIT", "Apache-2.0")
    spdx_id, score, detail = identify_license(dual)
    assert spdx_id == "MIT" and score >= 0.95
    assert detail.startswith("matches MIT (0.") and ", Apache-2.0 (0." in detail


COMMONS_CLAUSE = (
    '"Commons Clause" License Condition v1.0\n\nThe Software is provided to you by the '
    "Licensor under the License, as defined below, subject to the following condition. "
    "Without limiting other conditions in the License, the grant of rights under the "
    "License will not include, and the License does not grant to you, the right to Sell "
    "the Software. For purposes of the foregoing, Sell means practicing any or all of the "
    "rights granted to you under the License to provide to third parties, for a fee or "
    "other consideration (including without limitation fees for hosting or consulting/ "
    "support services related to the Software), a product or service whose value derives, "
    "entirely or substantially, from the functionality of the Software.\n"
)


def test_texts_that_are_not_a_known_license() -> None:
    mit = text("spdx/MIT.txt")
    exact = identify_license(mit)
    readme = identify_license(
        "# Tool\n\nA tool that does things.\n\n## Install\n\npip install tool\n\n"
        "## License\n\nMIT, see https://opensource.org/licenses/MIT and the LICENSE file.\n"
    )
    restricted = identify_license(
        mit.replace(
            "to deal in the Software without restriction", "to deal in the Software"
        ).replace("sublicense, and/or sell", "and/or sublicense")
    )
    with_clause = identify_license(mit + "\n" + COMMONS_CLAUSE)
    pointer = identify_license(text("projects/packaging-LICENSE"))

    assert exact[0] == "MIT"
    for result in (readme, restricted, with_clause, pointer):
        assert result[0] is None
    assert readme[2] == "no license text recognised"
    assert with_clause[2].startswith("only ") and "(MIT)" in with_clause[2]
    # scores order: the exact text, then a license with terms added, then the rest
    assert exact[1] > COVERAGE_THRESHOLD > with_clause[1] > readme[1]
    assert with_clause[1] > restricted[1]
    assert readme[1] == pointer[1] == 0.0


def test_mit_without_its_notice_clause_is_mit0() -> None:
    mit = " ".join(text("spdx/MIT.txt").split())
    clause = (
        "The above copyright notice and this permission notice shall be included in all "
        "copies or substantial portions of the Software."
    )
    assert clause in mit
    assert identify_license(mit.replace(clause, ""))[0] == "MIT-0"


def test_empty_and_huge_texts() -> None:
    assert identify_license("") == (None, 0.0, "file is empty")
    assert identify_license(" \n\t") == (None, 0.0, "file holds no text")
    spdx_id, score, detail = identify_license("word " * 300_000)
    assert (spdx_id, score) == (None, 0.0)
    assert detail.startswith("text too long to identify")


def test_a_detector_failure_is_an_answer_not_an_exception(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import licenseclassifier

    def broken(text: str, coverage_threshold: float = 75.0) -> list[object]:
        raise RecursionError("deep")

    monkeypatch.setattr(licenseclassifier, "identify_license", broken)
    assert identify_license("MIT License") == (
        None,
        0.0,
        "license detector failed: RecursionError",
    )


def test_importing_the_module_does_not_load_the_detector() -> None:
    code = (
        "import sys\n"
        "from dpglint.sources.checkout import classify_paths\n"
        "classify_paths(['README.md', 'LICENSE'])\n"
        "assert 'licenseclassifier' not in sys.modules, 'detector imported'\n"
        "assert 'dpglint.sources.licensetext' not in sys.modules, 'licensetext imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
