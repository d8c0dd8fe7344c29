"""Every cleaning rule, tested on the real snippet of the raw witness it fixes."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from build_tools.ingest.boilerplate import load_boilerplate
from build_tools.ingest.cleaning import chinese, english, markup, wechat
from build_tools.ingest.cleaning.aggregator import split_excerpts
from build_tools.ingest.cleaning.pipeline import Emendation, Line, Pipeline, RuleContext, clean_span
from build_tools.ingest.cleaning.pipelines import PIPELINES
from build_tools.model.errors import EditionError

from .conftest import RAW, ROOT, raw_line

WECHAT, PDF, PDF_EN, AGGREGATOR, PLAIN = (
    "001_e526fd7024f8d981.txt", "002_92e6455c04bab45f.txt", "003_620ab5c0c84b05ad.txt",
    "000_def4b03b73f1d2a1.txt", "004_aeda2b978c32afff.txt",
)
BOILERPLATE = load_boilerplate(ROOT / "source_texts")
NERCIS = RuleContext(title="中华人民共和国和法兰西共和国关于人工智能和全球治理的联合声明",
                     account_names=("NERCIS", "信息安全国家工程研究中心"), boilerplate=BOILERPLATE)
STAGES = ("regions", "drop", "metadata", "merges", "heading", "item", "unmarked_heading", "unmarked_item", "fixes",
          "joins")


def test_every_rule_has_a_one_line_docstring_and_a_test_here():
    source = Path(__file__).read_text(encoding="utf-8") + \
        Path(__file__).with_name("test_cleaning_corpus_rules.py").read_text(encoding="utf-8")
    rules = {rule for pipeline in PIPELINES.values() for stage in STAGES for rule in getattr(pipeline, stage)}
    for rule in rules:
        doc = inspect.getdoc(rule) or ""
        assert doc and "\n" not in doc.strip(), f"{rule.__name__} needs a one-line docstring"
        assert f"{rule.__name__}(" in source, f"{rule.__name__} has no test on a real snippet"


# WeChat repost (001)

def test_is_image_line_on_cover_tracking_gif_and_qr_code():
    for number in (11, 19, 51, 57, 66, 90, 92):
        assert markup.is_image_line(raw_line(WECHAT, number), NERCIS), number
    assert not markup.is_image_line(raw_line(WECHAT, 23), NERCIS)


def test_is_wechat_interface_string_on_the_page_furniture():
    furniture = [raw_line(WECHAT, n) for n in range(53, 122)
                 if raw_line(WECHAT, n).strip() and not raw_line(WECHAT, n).startswith(("![", "信息安全", "：", "，", "。"))]
    assert {"预览时标签不可点", "阅读原文", "继续滑动看下一个", "在看", "听过", "收藏"} <= set(furniture)
    assert all(wechat.is_wechat_interface_string(line, NERCIS) for line in furniture if line != "预览时标签不可点")
    assert not wechat.is_wechat_interface_string(raw_line(WECHAT, 29), NERCIS)


def test_wechat_footer_takes_the_page_footer_from_its_first_string_on():
    lines = [Line(n, n, raw_line(WECHAT, n)) for n in range(45, 122) if raw_line(WECHAT, n).strip()]
    claimed = wechat.wechat_footer(lines, NERCIS)
    assert raw_line(WECHAT, min(claimed)) == "预览时标签不可点" and max(claimed) == 121
    assert 49 not in claimed  # *原文来源：外交部*, the last line of the statement's page


def test_is_punctuation_debris_on_the_comment_widget_column():
    assert all(markup.is_punctuation_debris(raw_line(WECHAT, n), NERCIS) for n in range(97, 111))
    assert not markup.is_punctuation_debris(raw_line(WECHAT, 47), NERCIS)


def test_wechat_account_line_on_nercis_under_the_repeated_title():
    head = [Line(n, n, raw_line(WECHAT, n)) for n in range(8, 30) if raw_line(WECHAT, n).strip()]
    assert wechat.wechat_account_line(head, NERCIS) == {15: None, 17: None}  # NERCIS, 信息安全国家工程研究中心


def test_provenance_line_keeps_the_original_source_as_metadata():
    lines = [Line(n, n, raw_line(WECHAT, n)) for n in (47, 49)]
    assert wechat.provenance_line(lines, NERCIS) == {49: ("original_source", "外交部")}


def test_is_title_line_on_the_repeated_title_with_and_without_markup():
    for number in (9, 13, 21):
        assert markup.is_title_line(raw_line(WECHAT, number), NERCIS) == ("title", NERCIS.title)
    english = RuleContext(title="Global AI Governance Initiative")
    assert markup.is_title_line(raw_line(PDF, 172), english) == ("title", "Global AI Governance Initiative")
    assert markup.is_title_line(raw_line(PDF, 176), english) is None


# PDF extraction (002, 003)

def test_heading_by_marker_tells_a_paragraph_tail_from_a_heading():
    assert markup.heading_by_marker(raw_line(PDF, 98), None)  # # 一、愿景目标
    assert markup.heading_by_marker(raw_line(PDF, 40), None)  # ### 一、促进人工智能发展
    assert not markup.heading_by_marker(raw_line(PDF, 108), None)  # # 人工智能发展生态。
    assert not markup.heading_by_marker(raw_line(PDF, 147), None)  # - 二、促进… (a list marker, a paragraph)


def test_heading_by_enumerated_short_line_finds_the_unmarked_heading():
    assert markup.heading_by_enumerated_short_line(raw_line(PDF, 244), None)  # 1. Promoting AI development
    assert not markup.heading_by_enumerated_short_line(raw_line(PDF, 392), None)  # 7.Effectively … sentence


def test_strip_heading_and_list_markers_and_bold():
    assert markup.strip_heading_marker([raw_line(PDF, 108)]) == ["人工智能发展生态。"]
    assert markup.strip_list_marker([raw_line(PDF, 25)])[0].startswith("——逐步建立")
    assert markup.strip_bold_markup([raw_line(PDF, 352)]) == ["### II.China's Actions"]


def test_is_page_number_on_the_stand_alone_page_number():
    assert markup.is_page_number(raw_line(PDF, 272), None)
    assert not markup.is_page_number(raw_line(PDF, 274), None)


def test_issue_date_line_becomes_metadata():
    assert markup.issue_date_line(raw_line(PDF, 174), None) == ("issue_date", "20 October 2023")


def test_repair_list_dash_misread_on_yi_and_yiyi():
    lines = markup.strip_list_marker([raw_line(PDF, n) for n in (16, 18, 20, 22, 24, 25, 30, 32)])
    repaired = chinese.repair_list_dash_misread(lines)
    assert repaired[1].startswith("——面向他国")  # 一面向他国
    assert repaired[4].startswith("——推动建立")  # - 一推动建立
    assert repaired[7].startswith("——增强发展中国家")  # 一一增强
    assert all(line.startswith("——") for line in repaired)


def test_repair_list_dash_misread_leaves_genuine_yi_alone():
    lines = [raw_line(PDF, 145), "一面向他国提供人工智能产品和服务时。"]  # 一、… and an isolated line
    assert chinese.repair_list_dash_misread(lines) == lines
    assert chinese.repair_list_dash_misread([raw_line(PDF, 28)]) == [raw_line(PDF, 28)]  # 一些持: an emendation


def test_widen_ascii_punctuation_in_chinese():
    fixed = chinese.widen_ascii_punctuation([raw_line(PDF, 8), raw_line(PDF, 14)])
    assert "当前，全球人工智能" in fixed[0] and "," not in fixed[0]
    assert fixed[1] == "为此，我们倡议："


def test_widen_ascii_parentheses_around_the_un_resolution():
    fixed = chinese.widen_ascii_parentheses([raw_line(PDF, 96)])[0]
    assert "决议（A/RES/78/311）" in fixed


def test_curl_straight_quotes_in_chinese():
    fixed = chinese.curl_straight_quotes([raw_line(PDF, 16), raw_line(PDF, 104)])
    assert "坚持“以人为本”理念" in fixed[0]
    assert "推进“人工智能+”赋能" in fixed[1]


def test_remove_space_in_chinese_on_the_real_spaces():
    fixed = chinese.remove_space_in_chinese(chinese.widen_ascii_punctuation([raw_line(PDF, n) for n in (27, 96, 132, 152)]))
    assert "问责机制" in fixed[0] and "制度，明确" in fixed[0] and "各群体合法权益" in fixed[0]
    assert "联合国2030年可持续发展议程" in fixed[1]
    assert "将于2025年底前重点" in fixed[2]
    assert "多元主体" in fixed[3]
    assert not any(re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff0-9]", line) for line in fixed)


def test_join_split_chinese_paragraph_across_a_page_break():
    head = Line(48, 48, raw_line(PDF, 48))
    tail = Line(50, 50, raw_line(PDF, 50))
    assert chinese.join_split_chinese_paragraph(head, tail, RuleContext()) == ""
    ended = Line(46, 46, chinese.widen_ascii_punctuation([raw_line(PDF, 46)])[0])
    assert chinese.join_split_chinese_paragraph(ended, head, RuleContext()) is None


def test_paragraph_tail_marked_as_heading_rejoins_its_paragraph():
    pipeline = PIPELINES[("pdf-extract", "zh")]
    lines = RAW.joinpath(PDF).read_text(encoding="utf-8").split("\n")
    cleaned = clean_span(PDF, lines, (106, 108), pipeline, RuleContext())
    assert len(cleaned.lines) == 1
    assert cleaned.lines[0].text.endswith("健康向善的人工智能发展生态。")


def test_join_hard_wrap_on_a_page_split_english_paragraph():
    assert english.join_hard_wrap(Line(184, 184, raw_line(PDF, 184)), Line(186, 186, raw_line(PDF, 186)),
                                  RuleContext()) == " "
    assert english.join_hard_wrap(Line(182, 182, raw_line(PDF, 182)), Line(184, 184, raw_line(PDF, 184)),
                                  RuleContext()) is None


def test_join_full_wrapped_line_only_when_the_next_word_would_not_fit():
    width = max(len(raw_line(PDF, n)) for n in range(224, 275))
    context = RuleContext(hard_wrapped=(224, 274), wrap_width=width)
    full = Line(248, 248, raw_line(PDF, 248), tail_length=len(raw_line(PDF, 248)))
    assert english.join_full_wrapped_line(full, Line(250, 250, raw_line(PDF, 250)), context) == " "
    short = Line(264, 264, raw_line(PDF, 264), tail_length=len(raw_line(PDF, 264)))
    assert english.join_full_wrapped_line(short, Line(266, 266, raw_line(PDF, 266)), context) is None


def test_remove_space_before_comma_in_english():
    assert "frameworks, norms" in english.remove_space_before_comma([raw_line(PDF, 180)])[0]


def test_narrow_fullwidth_comma_in_english():
    assert english.narrow_fullwidth_comma([raw_line(PDF_EN, 44)]) == ["frameworks, norms and standards based on broad consensus,"]


def test_space_after_enumerator():
    assert english.space_after_enumerator([raw_line(PDF, 392)])[0].startswith("7. Effectively addressing")
    assert english.space_after_enumerator(["I.Vision and Goals"]) == ["I. Vision and Goals"]


# Plain text (004) and aggregator (000)

def test_rejoin_broken_word_indus_trial():
    head, tail = Line(3, 3, raw_line(PLAIN, 3)), Line(4, 4, raw_line(PLAIN, 4))
    assert head.text.endswith("indus") and english.rejoin_broken_word(head, tail, RuleContext()) == ""
    only_this_rule = Pipeline(joins=(english.rejoin_broken_word,))
    cleaned = clean_span(PLAIN, (head.text, tail.text), (1, 2), only_this_rule, RuleContext())
    assert len(cleaned.lines) == 1 and "and industrial transformation" in cleaned.lines[0].text
    assert [(j.line, j.rule) for j in cleaned.joins] == [(2, "rejoin_broken_word")]


def test_split_excerpts_parses_both_attribution_forms():
    lines = tuple(RAW.joinpath(AGGREGATOR).read_text(encoding="utf-8").split("\n"))
    excerpts, report = split_excerpts(AGGREGATOR, lines)
    assert len(excerpts) == 6
    first, chair = excerpts[0], excerpts[1]
    assert (first.title, first.date, first.author) == (
        "中华人民共和国和法兰西共和国关于人工智能和全球治理的联合声明", "May 7, 2024", "China Government")
    assert chair.date == "March 3, 2024" and chair.title.startswith("2024年中非互联网发展与合作论坛")
    assert "Artifical" in excerpts[4].title  # the attribution is kept as written
    assert {e.rule for e in report} == {"attribution_line"} and len(report) == 7


# Emendations and the report

def test_emendation_replaces_the_witness_reading_and_is_reported():
    lines = RAW.joinpath(PDF).read_text(encoding="utf-8").split("\n")
    emendation = Emendation(148, "干行百业", "千行百业", "OCR error")
    cleaned = clean_span(PDF, lines, (148, 148), PIPELINES[("pdf-extract", "zh")], RuleContext(),
                         emendations=[emendation])
    assert "赋能千行百业" in cleaned.lines[0].text and "干行百业" not in cleaned.lines[0].text
    assert any(e.rule == "emendation" and e.removed == "干行百业" for e in cleaned.report)


def test_emendation_whose_reading_is_not_on_its_line_fails():
    lines = RAW.joinpath(PDF).read_text(encoding="utf-8").split("\n")
    with pytest.raises(EditionError, match="found 0 times"):
        clean_span(PDF, lines, (141, 141), Pipeline(), RuleContext(),
                   emendations=[Emendation(141, "干行百业", "千行百业", "x")], record_path="r.yml")


def test_tong_qiu_gong_ji_is_not_touched_by_any_rule():
    pipeline = PIPELINES[("pdf-extract", "zh")]
    lines = RAW.joinpath(PDF).read_text(encoding="utf-8").split("\n")
    cleaned = clean_span(PDF, lines, (141, 141), pipeline, RuleContext())
    assert "唯有同球共济" in cleaned.lines[0].text
