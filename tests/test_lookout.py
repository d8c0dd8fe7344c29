"""Lines to look at: each check on the real lines it is meant to catch (seed witnesses and the corpus of
texts from other accounts, ../shared/corpus/), the seeds' governance wording left alone, and the edition
holding no flagged line that its record does not keep."""

from __future__ import annotations

import pytest

from build_tools.__main__ import main
from build_tools.editorial import build_edition
from build_tools.ingest.lookout import FOLLOW_WORD, look_at_edition, look_at_lines
from build_tools.model.text import Line
from build_tools.model.vocab import BlockKind, CellStatus

from .conftest import ROOT, edit_yaml, raw_line, replace_text

WECHAT, PDF, PLAIN = "001_e526fd7024f8d981.txt", "002_92e6455c04bab45f.txt", "004_aeda2b978c32afff.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
ROUNDUP, DIGEST, CRYPTO, GRADING, LLMS = ("05_wechat_qianxin-weekly-policy-roundup.txt",
                                          "07_wechat_aqniu-digest-miit-alert.txt",
                                          "02_wechat_commercial-crypto-assessment-guide.txt",
                                          "06_wechat_incident-grading-guide.txt",
                                          "08_wechat_genai-measures-domestic-llms.txt")


def corpus_line(name: str, number: int) -> str:
    """One line of a corpus text, as scraped; the test is skipped where the corpus is absent."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the corpus of other accounts' texts is absent ({CORPUS}): nothing to test these checks on")
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


def reason(file: str, number: int, text: str, kind: BlockKind = BlockKind.PARAGRAPH) -> str | None:
    """Why one line, standing alone, is flagged (None: it is not)."""
    flagged = look_at_lines(file, [Line(number, number, text.strip(), kind)])
    return flagged[0].reason if flagged else None


def printed_lines(edition) -> list[tuple[str, str, list[Line]]]:
    """Each version of each seed document as the lookout sees it: (document, base witness, cleaned lines)."""
    found = []
    for doc in edition.documents:
        for version in doc.versions:
            record = doc.record.version(version.key)
            if record is None:  # the traditional-character view, derived from zh
                continue
            lines = [Line(*version.cells[b.id].lines, version.cells[b.id].text, b.kind) for b in doc.blocks
                     if version.cells[b.id].status == CellStatus.TEXT and version.cells[b.id].lines]
            found.append((doc.id, record.base.file, lines))
    return found


def test_the_edition_has_no_line_to_look_at_that_its_record_does_not_keep(edition):
    from build_tools.ingest.lookout import edition_warnings

    warnings = edition_warnings(edition)
    assert look_at_edition(edition) == [] and warnings == [], "\n".join(warnings)


def test_the_seeds_governance_wording_is_not_flagged(edition):
    """分享最佳实践, 密切关注, "share best practices", "like-minded", short headings and lead-ins are the texts' own."""
    checked = 0
    for doc_id, file, lines in printed_lines(edition):
        kept = {n for d in edition.documents if d.id == doc_id for v in d.record.versions for n in v.base.kept_lines}
        assert [f for f in look_at_lines(file, lines) if f.line not in kept] == [], doc_id
        checked += sum(bool(FOLLOW_WORD.search(line.text)) or len(line.text) < 12 for line in lines)
    assert checked >= 20  # the vocabulary and the short lines were really there to be misjudged


def test_links_and_bare_urls_on_real_lines():
    for file, number in ((WECHAT, 3), (WECHAT, 11), (WECHAT, 66), (PLAIN, 23)):
        assert reason(file, number, raw_line(file, number)) == "a link or bare URL", (file, number)
    for file, number in ((ROUNDUP, 53), (DIGEST, 58), (LLMS, 63)):  # bare, full-width https：//, Markdown link
        assert reason(file, number, corpus_line(file, number)) == "a link or bare URL", (file, number)
    assert reason(DIGEST, 244, corpus_line(DIGEST, 244)) == "an e-mail address"
    # a URL glued to Chinese text: 如https://… (no word boundary between a Han character and the h)
    assert "(如https://accounts.google.com/" in corpus_line(DIGEST, 189)
    assert reason(DIGEST, 189, corpus_line(DIGEST, 189)) == "a link or bare URL"
    assert reason(PDF, 326, raw_line(PDF, 326)) is None  # "A/RES/78/311", "AI and digital divides"


def test_follow_and_share_vocabulary_on_real_lines():
    for number, word in ((55, "阅读原文"), (59, "扫一扫"), (60, "公众号"), (76, "小程序"), (116, "在看"), (117, "取消在看")):
        assert reason(WECHAT, number, raw_line(WECHAT, number)) == f"follow/share vocabulary: {word}", number
    for file, number, word in ((DIGEST, 4, "点击蓝字"), (GRADING, 6, "关注我们"), (GRADING, 11, "公众号"),
                               (LLMS, 113, "欢迎继续关注"), (CRYPTO, 117, "关注")):
        assert reason(file, number, corpus_line(file, number)) == f"follow/share vocabulary: {word}", (file, number)
    # 引发业界关注 ("drew the industry's attention") is news, not a call to follow
    assert reason(DIGEST, 120, corpus_line(DIGEST, 120)) is None
    # a heading that opens with 关注 is the text's own; a short paragraph that does is an imperative
    assert reason(CRYPTO, 117, corpus_line(CRYPTO, 117), BlockKind.HEADING) is None


def test_link_list_vocabulary_on_real_lines():
    assert reason(DIGEST, 56, corpus_line(DIGEST, 56)) == "link-list or promotion vocabulary: 原文链接"
    assert reason(DIGEST, 238, corpus_line(DIGEST, 238)) == "link-list or promotion vocabulary: 联系我们"


def test_very_short_lines_between_paragraphs():
    lines = [Line(n, n, corpus_line(DIGEST, n).strip()) for n in (40, 42, 47, 50)]  # 特别关注, a section label
    assert [(f.line, f.reason) for f in look_at_lines(DIGEST, lines)] == [(42, "a very short line between paragraphs")]
    ending = [Line(n, n, corpus_line(CRYPTO, n).strip()) for n in (107, 111)]  # **END**
    assert [f.line for f in look_at_lines(CRYPTO, ending)] == [111]
    # the seed's lead-in 为此,我们倡议: and its headings stand between paragraphs too, and are the text's own
    seed = [Line(12, 12, raw_line(PDF, 12)), Line(14, 14, raw_line(PDF, 14)), Line(16, 16, raw_line(PDF, 16)),
            Line(98, 98, raw_line(PDF, 98).lstrip("# "), BlockKind.HEADING), Line(100, 100, raw_line(PDF, 100))]
    assert look_at_lines(PDF, seed) == []
    # a block alone (an excerpt page) is between no paragraphs
    assert look_at_lines(DIGEST, lines[1:2]) == []


def test_a_sentence_repeated_across_documents():
    """The scraper's front matter line recurs in three unrelated corpus texts; twice is not yet a template."""
    names = ["01_wechat_silverfox-trojan-warning.txt", CRYPTO, "03_wechat_ai-safety-governance-framework-3.txt"]
    lines = {name: corpus_line(name, 4) for name in names}
    assert len(set(lines.values())) == 1 and len(lines[names[0]]) >= 12
    target = [Line(4, 4, lines[names[0]])]
    flagged = look_at_lines(names[0], target, [(name, [lines[name]]) for name in names[1:]])
    assert [f.reason for f in flagged] == ["a sentence repeated in 3 documents"]
    assert look_at_lines(names[0], target, [(names[1], [lines[names[1]]])]) == []


def test_a_follow_sentence_repeated_in_another_issuers_document():
    """A bold sign-off becomes a heading; in another account's text as well, it is a sign-off, not the text."""
    sign_off = corpus_line(CRYPTO, 109).strip("* ")
    heading = [Line(109, 109, sign_off, BlockKind.HEADING)]
    assert look_at_lines(CRYPTO, heading) == []
    flagged = look_at_lines(CRYPTO, heading, [("another-repost", [corpus_line(CRYPTO, 117)])])
    assert [f.reason for f in flagged] == ["a follow/share sentence repeated in 2 documents of different issuers"]


def _flag_a_seed_line(project) -> int:
    """A link put into line 5 of the plain witness (and its checksum updated): a flagged line of action-plan-2025."""
    import hashlib
    import re

    raw = project / "source_texts" / "raw" / PLAIN
    replace_text(raw, "To this end, we put forward", "To this end (https://www.gov.cn/), we put forward")
    manifest = project / "source_texts" / "raw" / "manifest.yml"
    old = re.search(rf"file: {re.escape(PLAIN)}\n    sha256: (\w+)", manifest.read_text(encoding="utf-8")).group(1)
    replace_text(manifest, old, hashlib.sha256(raw.read_bytes()).hexdigest())
    return 5


def _keep(project, lines: dict[str, str]) -> None:
    edit_yaml(project / "source_texts" / "action-plan-2025.yml",
              lambda data: data["versions"][2]["witnesses"][0].update(kept_lines=lines))


def test_a_flagged_line_warns_and_a_kept_one_does_not(project_copy, capsys):
    number = _flag_a_seed_line(project_copy)
    assert main(["docs", "--root", str(project_copy)]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "look at this line" in line]
    assert warned == [f"source_texts/raw/{PLAIN}:{number}: look at this line: a link or bare URL: «To this end "
                      "(https://www.gov.cn/), we p…» — drop it with a rule "
                      "(source_texts/cleaning/boilerplate.yml) or keep it in source_texts/action-plan-2025.yml "
                      "under kept_lines with a reason"]
    _keep(project_copy, {str(number): "the translator's own pointer to the official text"})
    assert look_at_edition(build_edition(project_copy / "source_texts")) == []
    assert main(["docs", "--root", str(project_copy)]) == 0
    assert "look at this line" not in capsys.readouterr().err


def test_a_kept_range_over_a_line_that_is_not_flagged_is_refused(project_copy, capsys):
    number = _flag_a_seed_line(project_copy)
    _keep(project_copy, {f"{number}-{number + 1}": "the translator's own pointer to the official text"})
    assert main(["docs", "--root", str(project_copy)]) == 1
    assert capsys.readouterr().err.strip().endswith(f"kept_lines: line {number + 1} of {PLAIN} is not flagged as a "
                                                     "line to look at — nothing to keep — remove it from kept_lines")
