"""The anchor registry: a published anchor cannot vanish unnoticed; mapped anchors reach their successors."""

from __future__ import annotations

import json

import pytest
import yaml

from build_tools.publish.registry import check_output, register
from build_tools.__main__ import main
from build_tools.editorial import build_edition
from build_tools.model.errors import EditionError

from .conftest import ROOT


def _registry(project):
    return project / "source_texts" / "registry"


def _publish_extra_block(project, doc_id: str, block_id: str) -> None:
    """Pretend an earlier release published a block the current text no longer has."""
    path = _registry(project) / "anchors.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["documents"][doc_id]["blocks"][block_id] = {"since": "1.0.0", "text": {"1.0.0": {"zh": "0" * 16}}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _map(project, doc_id: str, old: str, to: list[str], change: str) -> None:
    path = _registry(project) / "successors.yml"
    path.write_text(yaml.safe_dump({"successors": {doc_id: {old: {
        "to": to, "change": change, "release": "1.1.0", "reason": f"simulated {change}"}}}}), encoding="utf-8")


def test_every_block_of_the_edition_is_registered(edition):
    for doc in edition.documents:
        for block in doc.blocks:
            assert edition.registry.since(doc.id, block.id), f"{doc.id}#{block.id} is not registered: run make register"


def test_a_removed_anchor_fails_the_build_naming_it(project_copy):
    _publish_extra_block(project_copy, "action-plan-2025", "p16")
    with pytest.raises(EditionError, match=r"anchors\.yml:\d+: registered anchor action-plan-2025#p16 is missing"):
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


def test_a_successor_that_does_not_exist_fails(project_copy):
    _publish_extra_block(project_copy, "initiative-2023", "p16")
    _map(project_copy, "initiative-2023", "p16", ["p99"], "move")
    with pytest.raises(EditionError, match="maps to initiative-2023#p99, which does not exist"):
        build_edition(project_copy / "source_texts")


def test_an_anchor_the_engine_dropped_fails_the_output_check(edition, site_dir, tmp_path):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site_dir / "shanghai-declaration-2024", copy / "shanghai-declaration-2024")
    for name in ["china-france-statement-2024", "initiative-2023", "capacity-building-plan-2024", "action-plan-2025",
                 "china-africa-chair-statement-2024", "icdppc-declaration-2018", "shanghai-initiative-2019"]:
        shutil.copytree(site_dir / name, copy / name)
    page = copy / "shanghai-declaration-2024" / "en" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="p7"', 'id="gone"'), encoding="utf-8")
    with pytest.raises(EditionError, match="shanghai-declaration-2024#p7 is missing from /shanghai-declaration-2024/en/"):
        check_output(edition.registry, edition, copy)


def test_registering_is_idempotent_and_records_text_changes(edition, config):
    first = register(edition.registry, edition, config.release)
    assert first == (ROOT / "source_texts" / "registry" / "anchors.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(first)
    assert data["releases"] == [{"version": config.release.version, "date": config.release.date}]
