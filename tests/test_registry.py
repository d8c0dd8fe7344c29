"""The anchor registry: a published anchor cannot vanish or move unnoticed; mapped anchors reach their successors."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from build_tools.__main__ import main
from build_tools.editorial import build_edition
from build_tools.model.edition import Release
from build_tools.model.errors import EditionError
from build_tools.publish.registry import check_output, register
from build_tools.render.markdown.reference import render_changelog

from .conftest import ROOT, edit_yaml


def _anchors(project):
    return project / "source_texts" / "registry" / "anchors.yml"


def _publish_extra_block(project, doc_id: str, block_id: str) -> None:
    """Pretend an earlier release published a block the current text no longer has."""
    edit_yaml(_anchors(project), lambda data: data["documents"][doc_id]["blocks"].update(
        {block_id: {"since": "1.0.0", "text": {"1.0.0": {"zh": "0" * 16}}}}))


def _publish_lost_paragraph(project, doc_id: str, before: int) -> int:
    """Pretend release 1.0.0 had one more paragraph, ¶``before``, since lost: the blocks after it moved up.
    Returns the number of paragraphs the edition has now."""
    paragraphs: list[int] = []

    def edit(data):
        blocks = data["documents"][doc_id]["blocks"]
        paragraphs.extend(sorted(int(b[1:]) for b in blocks if b.startswith("p")))
        texts = {n: blocks[f"p{n}"]["text"] for n in paragraphs}
        for n in paragraphs[before - 1:]:
            blocks[f"p{n + 1}"] = {"since": "1.0.0", "text": texts[n]}
        blocks[f"p{before}"] = {"since": "1.0.0", "text": {"1.0.0": {"zh": "0" * 16}}}
    edit_yaml(_anchors(project), edit)
    return len(paragraphs)


def _map(project, doc_id: str, old: str, to: list[str], change: str) -> None:
    _map_all(project, doc_id, {old: to}, change)


def _map_all(project, doc_id: str, successors: dict[str, list[str]], change: str, release: str = "1.1.0") -> None:
    edit_yaml(project / "source_texts" / "registry" / "successors.yml", lambda data: data.update(successors={
        doc_id: {old: {"to": to, "change": change, "release": release, "reason": f"simulated {change}"}
                 for old, to in successors.items()}}))


def _renumbered(count: int, before: int) -> dict[str, list[str]]:
    """After a lost ¶``before``: each later block's text now one ID lower."""
    return {f"p{n + 1}": [f"p{n}"] for n in range(before, count + 1)}


def test_every_block_and_view_of_the_edition_is_registered(edition):
    for doc in edition.documents:
        for block in doc.blocks:
            assert edition.registry.since(doc.id, block.id), f"{doc.id}#{block.id} is not registered: run make register"
    assert edition.registry.documents["action-plan-2025"].views == (
        "action-plan-2025/", "action-plan-2025/zh/", "action-plan-2025/en/", "action-plan-2025/en-unofficial/",
        "action-plan-2025/zh-hant/", "action-plan-2025/compare/", "action-plan-2025/zh-hant-both/")
    assert edition.registry.documents["icdppc-declaration-2018"].views == ("icdppc-declaration-2018/",)


def test_a_removed_anchor_fails_the_build_naming_it(project_copy):
    _publish_extra_block(project_copy, "action-plan-2025", "p16")
    with pytest.raises(EditionError, match=r"anchors\.yml:\d+: registered anchor action-plan-2025#p16 is missing"):
        build_edition(project_copy / "source_texts")


def test_a_lost_paragraph_is_named_not_the_last_block(project_copy):
    _publish_lost_paragraph(project_copy, "action-plan-2025", before=4)
    with pytest.raises(EditionError, match=r"anchors\.yml:\d+: action-plan-2025#p4: its text \(release 1\.0\.0\) is no "
                                           r"longer in the edition, and the blocks after it moved up \(p5's text is now at p4\)"):
        build_edition(project_copy / "source_texts")


def test_a_successor_that_renumbers_text_is_refused(project_copy):
    """Mapping the vanished last block to its neighbour, as the missing-anchor message advises, does not hide
    that every block after the lost one now carries another block's text."""
    count = _publish_lost_paragraph(project_copy, "action-plan-2025", before=4)
    _map(project_copy, "action-plan-2025", f"p{count + 1}", [f"p{count}"], "merge")
    with pytest.raises(EditionError, match=r"action-plan-2025#p4: its text \(release 1\.0\.0\) is no longer"):
        build_edition(project_copy / "source_texts")


def test_a_moved_text_names_the_block_and_where_it_went(project_copy):
    def swap(data):
        blocks = data["documents"]["action-plan-2025"]["blocks"]
        blocks["p3"]["text"], blocks["p4"]["text"] = blocks["p4"]["text"], blocks["p3"]["text"]
    edit_yaml(_anchors(project_copy), swap)
    with pytest.raises(EditionError, match=r"anchors\.yml:\d+: action-plan-2025#p3: its text \(release 1\.0\.0\) "
                                           r"is now at p4 — .*change: resegment"):
        build_edition(project_copy / "source_texts")


def test_a_recorded_resegmentation_is_accepted(project_copy):
    count = _publish_lost_paragraph(project_copy, "action-plan-2025", before=4)
    _map_all(project_copy, "action-plan-2025", _renumbered(count, before=4), "resegment")
    edition = build_edition(project_copy / "source_texts")
    assert edition.registry.successors["action-plan-2025"][f"p{count + 1}"].change == "resegment"


def test_a_resegmentation_exempts_only_the_blocks_it_maps(project_copy):
    """One resegment entry does not switch the moved-text check off for the document's other blocks."""
    count = _publish_lost_paragraph(project_copy, "action-plan-2025", before=4)
    renumbered = _renumbered(count, before=4)
    del renumbered["p6"]
    _map_all(project_copy, "action-plan-2025", renumbered, "resegment")
    with pytest.raises(EditionError, match=r"action-plan-2025#p4: its text \(release 1\.0\.0\) is no longer in the "
                                           r"edition, and the blocks after it moved up \(p6's text is now at p5\)"):
        build_edition(project_copy / "source_texts")


def test_a_resegmentation_must_map_each_block_where_its_text_went(project_copy):
    """Mapping every renumbered block to ¶1 would silently send each old anchor to the wrong paragraph."""
    count = _publish_lost_paragraph(project_copy, "action-plan-2025", before=4)
    _map_all(project_copy, "action-plan-2025", {old: ["p1"] for old in _renumbered(count, before=4)}, "resegment")
    with pytest.raises(EditionError, match=r"anchors\.yml:\d+: action-plan-2025#p5 is mapped to p1, but its text is "
                                           r"now at p4 — map it to p4 in successors\.yml"):
        build_edition(project_copy / "source_texts")


def test_a_resegmentation_in_a_published_release_is_refused(project_copy, config):
    """A release already in the registry cannot be re-cut: its resegment entries exempt nothing."""
    count = _publish_lost_paragraph(project_copy, "action-plan-2025", before=4)
    _map_all(project_copy, "action-plan-2025", _renumbered(count, before=4), "resegment", release=config.release.version)
    with pytest.raises(EditionError, match=r"action-plan-2025#p4: its text \(release 1\.0\.0\) is no longer"):
        build_edition(project_copy / "source_texts")


def test_a_merged_anchor_maps_to_its_successor_and_the_json_records_it(project_copy, tmp_path):
    _publish_extra_block(project_copy, "action-plan-2025", "p16")
    _map(project_copy, "action-plan-2025", "p16", ["p15"], "merge")
    site = tmp_path / "site"
    assert main(["site", "--no-pdf", "--root", str(project_copy), "--site-dir", str(site)]) == 0
    data = json.loads((site / "data" / "action-plan-2025.json").read_text(encoding="utf-8"))
    assert data["successors"] == {"p16": {"to": ["p15"], "change": "merge", "release": "1.1.0",
                                          "reason": "simulated merge"}}
    assert '"p16": ["p15"]' in (site / "action-plan-2025" / "index.html").read_text(encoding="utf-8")


def test_a_split_anchor_maps_to_all_its_successors(project_copy):
    _publish_extra_block(project_copy, "initiative-2023", "p16")
    _map(project_copy, "initiative-2023", "p16", ["p14", "p15"], "split")
    edition = build_edition(project_copy / "source_texts")
    assert edition.registry.successors["initiative-2023"]["p16"].to == ("p14", "p15")
    edition.registry.releases.append(Release("1.1.0", "2027-01-01"))
    changelog = render_changelog(edition, {doc.id: f"{doc.id}/index.md" for doc in edition.documents})
    assert "initiative-2023: ¶16 split into [initiative-2023 ¶14](initiative-2023/index.md#p14)," in changelog


def test_a_successor_that_does_not_exist_fails(project_copy):
    _publish_extra_block(project_copy, "initiative-2023", "p16")
    _map(project_copy, "initiative-2023", "p16", ["p99"], "move")
    with pytest.raises(EditionError, match=r"successors\.yml:\d+: anchor initiative-2023#p16 maps to "
                                           r"initiative-2023#p99, which does not exist"):
        build_edition(project_copy / "source_texts")


def _site_copy(site_dir, tmp_path):
    copy = tmp_path / "site"
    for doc in build_edition(ROOT / "source_texts").documents:
        shutil.copytree(site_dir / doc.id, copy / doc.id)
    return copy


def test_an_anchor_the_engine_dropped_fails_the_output_check(edition, site_dir, tmp_path):
    copy = _site_copy(site_dir, tmp_path)
    page = copy / "shanghai-declaration-2024" / "en" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="p7"', 'id="gone"'), encoding="utf-8")
    with pytest.raises(EditionError, match="shanghai-declaration-2024#p7 is missing from /shanghai-declaration-2024/en/"):
        check_output(edition.registry, edition, copy)


def test_a_view_the_build_dropped_fails_the_output_check(edition, site_dir, tmp_path):
    copy = _site_copy(site_dir, tmp_path)
    shutil.rmtree(copy / "action-plan-2025" / "compare")
    with pytest.raises(EditionError, match=r"anchors\.yml:\d+: published view /action-plan-2025/compare/ of "
                                           r"action-plan-2025 was not built"):
        check_output(edition.registry, edition, copy)


def test_the_committed_registry_is_current(edition, config):
    assert register(edition.registry, edition, config.release) == _anchors(ROOT).read_text(encoding="utf-8"), \
        "run make register"


def test_registering_is_idempotent(project_copy):
    """Registering a new release, then registering it again from what the first wrote, changes nothing."""
    edit_yaml(_anchors(project_copy), lambda data: data["documents"]["action-plan-2025"]["blocks"]["p5"]["text"][
        "1.0.0"].update(zh="0" * 16))
    release = Release("1.1.0", "2027-01-01")
    edition = build_edition(project_copy / "source_texts")
    first = register(edition.registry, edition, release)
    _anchors(project_copy).write_text(first, encoding="utf-8")
    edition = build_edition(project_copy / "source_texts")
    assert register(edition.registry, edition, release) == first
    assert "1.1.0" in first


def test_registering_a_release_records_only_the_texts_it_changed(project_copy, config):
    """A block whose text differs from its latest registered fingerprint gets the new release's; others do not."""
    edit_yaml(_anchors(project_copy), lambda data: data["documents"]["action-plan-2025"]["blocks"]["p5"]["text"][
        "1.0.0"].update(zh="0" * 16))
    edition = build_edition(project_copy / "source_texts")
    data = yaml.safe_load(register(edition.registry, edition, Release("1.1.0", "2027-01-01")))
    blocks = data["documents"]["action-plan-2025"]["blocks"]
    assert list(blocks["p5"]["text"]) == ["1.0.0", "1.1.0"] and blocks["p5"]["since"] == "1.0.0"
    assert list(blocks["p4"]["text"]) == ["1.0.0"]
    assert [r["version"] for r in data["releases"]] == [config.release.version, "1.1.0"]
