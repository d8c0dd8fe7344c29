"""Outputs only where they belong, and strict means strict: what the build writes, deletes and refuses."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from build_tools.__main__ import main
from build_tools.model.errors import EditionError
from build_tools.publish import engines, site
from build_tools.publish.docs_writer import generated_pages, stale_pages, write_pages
from build_tools.publish.links import check_link_schemes
from build_tools.publish.site import build_site

from .conftest import ROOT

PREVIOUS = "<!doctype html><title>the previous site</title>"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def pages(edition, config) -> dict[str, str]:
    return generated_pages(edition, config)


@pytest.fixture()
def previous_site(project_copy) -> Path:
    """A site/ from an earlier build, which a failed or interrupted build must leave as it was."""
    (project_copy / "site").mkdir()
    (project_copy / "site" / "index.html").write_text(PREVIOUS, encoding="utf-8")
    return project_copy / "site"


def _left_alone(project: Path, previous: Path) -> None:
    assert not list(project.glob(".site-*")) and not (project / "site.old").exists()
    assert _snapshot(previous) == {"index.html": PREVIOUS.encode()}


# The docs writer: generated files are known by their marker; nothing else is overwritten or deleted.

def test_the_committed_docs_are_what_the_writer_writes(project_copy, pages):
    docs = project_copy / "docs"
    assert stale_pages(docs, pages) == [] and write_pages(docs, pages) == []


@pytest.mark.parametrize("name", ["index.md", "how-to-cite.md", "data/readme.json"])
def test_a_generated_page_never_overwrites_a_hand_written_one(project_copy, pages, name):
    """An excerpt record with ``id: index`` once overwrote docs/index.md (the schema now refuses the ID too)."""
    docs = project_copy / "docs"
    (docs / "data" / "readme.json").write_text('{"about": "the data"}\n', encoding="utf-8")
    before = _snapshot(docs)
    with pytest.raises(EditionError) as refused:
        write_pages(docs, {**pages, name: pages["icdppc-declaration-2018.md"]})
    assert str(refused.value) == (
        f"{docs / name}: a generated page would overwrite this page, which lacks the generated marker — if it is "
        "hand-written, rename the document or version whose ID makes this path; if it is a generated page edited by "
        "hand, delete it and run `make docs`")
    assert _snapshot(docs) == before


@pytest.mark.parametrize("name", ["action-plan-2025/../../README.md", "{project}/README.md",
                                  "action-plan-2025/../index.md", "Action-Plan/index.md", "action-plan-2025/.md",
                                  "data//x.json"])
def test_generated_paths_are_made_of_ids_only(project_copy, pages, name):
    """A version key ``../../README`` once overwrote README.md: no path but one of IDs is written."""
    (project_copy / "README.md").write_text("the project's README", encoding="utf-8")
    before = _snapshot(project_copy)
    with pytest.raises(EditionError, match="which is not a path of IDs"):
        write_pages(project_copy / "docs", {**pages, name.format(project=project_copy): "---\nreplaced\n"})
    assert _snapshot(project_copy) == before


def test_no_generated_page_is_written_through_a_symlink(project_copy, pages, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = project_copy / "docs" / "action-plan-2025"
    for page in folder.iterdir():
        page.rename(outside / page.name)
    folder.rmdir()
    folder.symlink_to(outside)
    before = _snapshot(outside), _snapshot(project_copy / "docs")
    changed = {**pages, "action-plan-2025/zh.md": pages["action-plan-2025/zh.md"] + "\n"}
    with pytest.raises(EditionError, match="written through this file or symlink"):
        write_pages(project_copy / "docs", changed)
    assert (_snapshot(outside), _snapshot(project_copy / "docs")) == before


def test_only_marked_leftovers_are_removed(project_copy, pages):
    docs = project_copy / "docs"
    (docs / "withdrawn-2020").mkdir()
    (docs / "withdrawn-2020" / "index.md").write_text(pages["initiative-2023/index.md"], encoding="utf-8")
    (docs / "data" / "withdrawn-2020.json").write_text(pages["data/initiative-2023.json"], encoding="utf-8")
    (docs / "data" / "cite" / "withdrawn-2020.ris").write_text(pages["data/cite/initiative-2023.ris"], encoding="utf-8")
    # RIS and JSON-LD carry no marker: only their exact generated names make them leftovers.
    hand_written = {"notes.md": "---\ntitle: Notes\n---\n", "data/README.json": '{"about": "the data"}\n',
                    "data/cite/README.md": "# The citation files\n", "data/notes.jsonld": '{"@context": {}}\n',
                    "data/cite/all.ris.txt": "TY  - GEN\nER  - \n", "data/annotations/old/x.jsonld": "{}\n"}
    for name, text in hand_written.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    assert write_pages(docs, pages) == ["data/cite/withdrawn-2020.ris", "data/withdrawn-2020.json",
                                        "withdrawn-2020/index.md"]
    assert not (docs / "withdrawn-2020").exists()
    assert all((docs / name).read_text(encoding="utf-8") == text for name, text in hand_written.items())
    assert (docs / "index.md").is_file() and write_pages(docs, pages) == []


# The engine run: staging removed however the build ends, the previous site kept.

def _engine_runs(pid: int) -> bool:
    """Whether the build ``pid`` has the engine running as its child (Linux /proc)."""
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            if b"mkdocs" in Path(f"/proc/{child}/cmdline").read_bytes():
                return True
        except FileNotFoundError:  # a child that has just ended
            continue
    return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_leaves_no_staging_directory(project_copy, previous_site, sig):
    build = subprocess.Popen([sys.executable, "-m", "build_tools", "site", "--no-pdf", "--root", str(project_copy)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (list(project_copy.glob(".site-*")) and _engine_runs(build.pid)):
        assert build.poll() is None and time.monotonic() < deadline, build.communicate()
        time.sleep(0.02)
    build.send_signal(sig)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 1
    assert stderr.strip().splitlines() == [f"{previous_site}: build interrupted by {sig.name} — run `make site` again"]
    _left_alone(project_copy, previous_site)


def test_an_interrupt_held_off_during_the_swap_leaves_no_old_site(tmp_path, monkeypatch):
    """A SIGTERM that arrives while the swap holds interrupts off is delivered after ``site.old`` is gone."""
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text(PREVIOUS, encoding="utf-8")
    rename = Path.rename

    def rename_then_interrupt(self: Path, target: Path) -> Path:
        moved = rename(self, target)
        os.kill(os.getpid(), signal.SIGTERM)  # pending until the swap lets interrupts through again
        return moved

    with pytest.raises(SystemExit), site.staging_dir(site_dir) as staging:
        (staging / "index.html").write_text("the new site", encoding="utf-8")
        monkeypatch.setattr(Path, "rename", rename_then_interrupt)
        site._swap(staging, site_dir)
    monkeypatch.undo()
    assert _snapshot(site_dir) == {"index.html": b"the new site"}
    assert not (tmp_path / "site.old").exists() and not list(tmp_path.glob(".site-*"))


def test_a_full_disk_leaves_no_staging_directory(project_copy, previous_site, edition, monkeypatch, capsys):
    def full(site_dir: Path, *_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site_dir / "versions.json"))

    monkeypatch.setitem(engines.ENGINES, engines.DEFAULT, replace(engines.MKDOCS, write_versions=full))
    assert main(["site", "--no-pdf", "--root", str(project_copy)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("versions.json: No space left on device — free disk space or fix the folder's "
                        "permissions, then run the command again") and "\n" not in err
    _left_alone(project_copy, previous_site)


# Strict means strict: every engine warning fails the build, with one line naming the file.

def _build_fails(project: Path, edition) -> str:
    with pytest.raises(EditionError) as failure:
        build_site(project, edition, project / "site")
    message = str(failure.value)
    assert "\n" not in message and "\x1b" not in message and "NO_MKDOCS_2_WARNING" not in message
    _left_alone(project, project / "site")
    return message


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_link_in_a_hand_written_page_fails_the_build(project_copy, previous_site, edition):
    with (project_copy / "docs" / "editorial-principles.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the rules](cleaning-rule.md).\n")
    message = _build_fails(project_copy, edition)
    assert message.startswith(f"{project_copy / 'docs' / 'editorial-principles.md'}: MkDocs: Doc file "
                              "'editorial-principles.md' contains a link 'cleaning-rule.md', but the target is not found")


def test_a_broken_anchor_in_a_hand_written_page_fails_the_build(project_copy, previous_site, edition):
    with (project_copy / "docs" / "how-to-cite.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [¶99](action-plan-2025/index.md#p99).\n")
    message = _build_fails(project_copy, edition)
    assert message.startswith(f"{project_copy / 'docs' / 'how-to-cite.md'}: MkDocs: ")
    assert "'action-plan-2025/index.md' does not contain an anchor '#p99'" in message


@pytest.mark.parametrize("link", ["[x](javascript:alert(1))", "<a href='JaVa&#9;Script:alert(1)'>x</a>",
                                  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
                                  '<iframe/src="javascript:alert(1)"></iframe>', "<embed/src=javascript:alert(1)>",
                                  '<object data="javascript:alert(1)"></object>',
                                  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'])
def test_a_link_that_runs_code_in_a_hand_written_page_fails_the_build(project_copy, previous_site, edition, link):
    with (project_copy / "docs" / "how-to-cite.md").open("a", encoding="utf-8") as page:
        page.write(f"\n{link}\n")  # at the start of a line, where raw HTML passes through Markdown
    message = _build_fails(project_copy, edition)
    assert message.startswith(f"{project_copy / 'docs' / 'how-to-cite.md'}: the page links to a ")
    assert message.endswith("— link only to pages of the site and to http(s) addresses")


@pytest.mark.parametrize("tag", ['<img srcset="a.png 1x, javascript:alert(1) 2x">', '<a ping="/a javascript:x">',
                                 '<table background="javascript:alert(1)">', '<q cite="data:text/html,x">',
                                 '<button formaction="javascript:alert(1)">',
                                 "<meta http-equiv=Refresh content=\"5; URL='data:x'\">"])
def test_every_url_attribute_is_read(tmp_path, tag):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(f"<!doctype html><p>{tag}</p>", encoding="utf-8")
    with pytest.raises(EditionError, match=r": the page links to a (javascript|data): URL"):
        check_link_schemes(tmp_path / "site", tmp_path / "docs")


def test_a_theme_page_is_named_by_its_place_in_the_site(tmp_path):
    """The staging folder is gone once the build has failed: the message names what the site will serve."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "404.html").write_text('<a href="javascript:alert(1)">home</a>', encoding="utf-8")
    with pytest.raises(EditionError) as refused:
        check_link_schemes(tmp_path / "site", tmp_path / "docs")
    assert str(refused.value).startswith("site page /404.html (from the theme): the page links to a javascript: URL")


def test_a_nav_entry_to_a_missing_page_fails_the_build(project_copy, previous_site, edition):
    _edit(project_copy / "mkdocs.yml", "      - Changelog: changelog.md\n",
          "      - Changelog: changelog.md\n      - Errata: errata.md\n")
    message = _build_fails(project_copy, edition)
    assert message.startswith(f"{project_copy / 'mkdocs.yml'}: MkDocs: A reference to 'errata.md' is included in "
                              "the 'nav' configuration, which is not found")


def test_a_missing_home_page_fails_the_build(project_copy, previous_site, edition):
    (project_copy / "docs" / "index.md").unlink()
    assert "A reference to 'index.md' is included in the 'nav'" in _build_fails(project_copy, edition)
    # Without its nav entry the engine builds no home page and says nothing: the build still fails.
    _edit(project_copy / "mkdocs.yml", "  - Home: index.md\n", "")
    assert _build_fails(project_copy, edition).startswith(
        f"{project_copy / 'docs' / 'index.md'}: the site has no home page — restore the hand-written docs/index.md")


def test_an_engine_failure_shows_the_engines_own_message(project_copy, previous_site, edition):
    _edit(project_copy / "mkdocs.yml", "  name: material\n", "  name: materail\n")
    message = _build_fails(project_copy, edition)
    assert message.startswith(f"{project_copy / 'mkdocs.yml'}: MkDocs: Config value 'theme': Unrecognised theme name: "
                              "'materail'")


@pytest.mark.parametrize("epoch", ["abc", "99999999999999999999"])  # the second overflowed the engine's clock
def test_a_bad_build_date_is_named_before_anything_is_written(project_copy, previous_site, monkeypatch, capsys,
                                                              epoch):
    docs = project_copy / "docs"
    (docs / "action-plan-2025" / "zh.md").unlink()  # stale, so that a write before the check would show
    before = _snapshot(docs)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["site", "--no-pdf", "--root", str(project_copy)]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"SOURCE_DATE_EPOCH: {epoch!r} is not a Unix time — set it to whole seconds since 1970 "
        "(`git log -1 --format=%ct`) or unset it"]
    assert _snapshot(docs) == before
    _left_alone(project_copy, previous_site)


def test_engine_log_problems_keep_their_continuation_lines():
    from build_tools.publish.engines.mkdocs import log_problems

    log = ("INFO    -  Cleaning site directory\n"
           "INFO    -  The following pages exist in the docs directory, but are not included in the \"nav\":\n"
           "  - notes.md\n"
           "WARNING -  The following pages exist in the docs directory, but are not included in the \"nav\":\n"
           "  - errata.md\n"
           "Building prefix dict from the default dictionary ...\n"
           "ERROR   -  Error reading page 'x.md': bad\n")
    assert log_problems(log) == [
        "The following pages exist in the docs directory, but are not included in the \"nav\": - errata.md",
        "Error reading page 'x.md': bad"]
