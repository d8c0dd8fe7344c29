"""The cleaning rules written for texts the seeds do not show, each tested on the real snippet it handles in
a scraped text of ../shared/corpus/ (read there, never copied into the project; skipped where it is absent)."""

from __future__ import annotations

from collections import Counter

import pytest

from build_tools.ingest.alignment import assign_blocks
from build_tools.ingest.boilerplate import load_boilerplate
from build_tools.ingest.cleaning import chinese, markup, pdf, structure, wechat
from build_tools.ingest.cleaning.pipeline import REMOVE_PREVIOUS, Line, RuleContext, clean_span, wrap_column
from build_tools.ingest.cleaning.pipelines import PIPELINES

from .conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
CONTEXT = RuleContext(boilerplate=load_boilerplate(ROOT / "source_texts"))
SILVERFOX, CRYPTO, FRAMEWORK, SECURITIES, ROUNDUP, GRADING, DIGEST, LLMS, NIST, GBT, SSE = (
    "01_wechat_silverfox-trojan-warning.txt", "02_wechat_commercial-crypto-assessment-guide.txt",
    "03_wechat_ai-safety-governance-framework-3.txt", "04_wechat_securities-api-data-governance.txt",
    "05_wechat_qianxin-weekly-policy-roundup.txt", "06_wechat_incident-grading-guide.txt",
    "07_wechat_aqniu-digest-miit-alert.txt", "08_wechat_genai-measures-domestic-llms.txt",
    "09_pdf-extract_nist-ai-rmf-page.txt", "10_pdf-extract_gbt-37032-iot-identification.txt",
    "11_pdf-extract_sse-iopv-technical-guide.txt",
)


def text_of(name: str) -> list[str]:
    """The raw lines of a corpus file, or a skip saying the corpus is not here."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: the corpus of scraped texts lives beside the project in ../shared/corpus/")
    return path.read_text(encoding="utf-8").split("\n")


def line(name: str, number: int) -> str:
    return text_of(name)[number - 1]


def lines(name: str) -> list[Line]:
    """The non-blank lines of a corpus file, as region rules see them."""
    return [Line(n, n, text) for n, text in enumerate(text_of(name), start=1) if text.strip()]


# Markdown

def test_front_matter_is_metadata_only_at_the_top():
    claimed = markup.front_matter(lines(SILVERFOX), CONTEXT)
    assert claimed == {n: None for n in range(1, 8)}
    assert markup.front_matter(lines(SILVERFOX)[7:], CONTEXT) == {}


def test_strip_bold_markup_even_when_broken_apart():
    assert markup.strip_bold_markup([line(SECURITIES, 33)]) == ["作者：财信证券股份有限公司  孙文渊 刘洋 陈飞虎"]
    assert markup.strip_bold_markup([line(ROUNDUP, 23)]) == ["PART01"]


def test_strip_emphasis_markup_keeps_the_words():
    assert markup.strip_emphasis_markup(["*原文来源：外交部*"]) == ["原文来源：外交部"]
    assert markup.strip_emphasis_markup([line(LLMS, 7)]) == [line(LLMS, 7)]  # _2023-08-09 10:01_ is not *


def test_strip_code_span_keeps_the_words():
    assert markup.strip_code_span([line(LLMS, 15)])[0].startswith("距离8.15还有一周")


def test_strip_link_target_keeps_the_words_and_unescape_markdown_the_marks():
    linked = markup.strip_link_target([line(LLMS, 63)])[0]
    assert linked == "### 1. Minimax\\[2\\]"
    assert markup.unescape_markdown([linked]) == ["### 1. Minimax[2]"]


def test_strip_inline_image_and_is_image_line():
    assert markup.is_image_line(line(FRAMEWORK, 96), CONTEXT)  # **![](…)![]()![]()**
    assert markup.is_image_line(line(GBT, 71), CONTEXT)  # <div><img …></div>
    assert not markup.is_image_line(line(FRAMEWORK, 98), CONTEXT)  # an image glued to 法律声明
    assert markup.strip_inline_image([line(FRAMEWORK, 98)]) == ["**法律声明**"]


def test_strip_html_tag_and_the_space_between_two_tags():
    stripped = markup.strip_html_tag([line(SSE, 28)])[0]
    assert stripped.startswith("为提升基金净值估算（IOPV") and "<span" not in stripped


def test_strip_blockquote_marker_and_end_hard_break():
    assert markup.strip_blockquote_marker([line(LLMS, 9)])[0].startswith("国产大模型到底该怎么选")
    assert markup.end_hard_break([line(DIGEST, 42)]) == ["特别关注"]


def test_strip_list_marker_takes_bullets_too():
    assert markup.strip_list_marker([line(SSE, 14)])[0].startswith("本指南为技术实施指南")
    assert markup.strip_list_marker([line(CRYPTO, 47)])[0].startswith("**适用对象：**")


def test_is_horizontal_rule_is_code_fence_and_punctuation_debris():
    assert markup.is_horizontal_rule(line(SECURITIES, 1), CONTEXT) and not markup.is_horizontal_rule("——", CONTEXT)
    assert markup.is_code_fence(line(GRADING, 47), CONTEXT) and markup.is_code_fence(line(GRADING, 50), CONTEXT)
    assert markup.is_punctuation_debris(line(GRADING, 52), CONTEXT)  # ****
    assert markup.is_punctuation_debris(line(SILVERFOX, 33), CONTEXT)  # the lone . of a source card


def test_is_link_only_line_on_recommended_posts():
    assert markup.is_link_only_line(line(FRAMEWORK, 104), CONTEXT)  # [![图片](…)](…)
    assert markup.is_link_only_line(line(FRAMEWORK, 106), CONTEXT)
    assert not markup.is_link_only_line(line(LLMS, 15), CONTEXT)  # a link inside a sentence


# WeChat

def test_wechat_page_title_and_account_line():
    head = lines(SILVERFOX)[:12]
    assert set(wechat.wechat_page_title(head, CONTEXT)) == {9, 13}
    assert wechat.wechat_account_line(head, CONTEXT) == {15: None}


def test_byline_is_metadata():
    assert wechat.byline(lines(LLMS)[:8], CONTEXT) == {7: ("byline", "原创 适配多模型的小蓝 蓝莺IM 2023-08-09 10:01 发表于北京")}
    assert set(wechat.byline(lines(GRADING), CONTEXT)) == {2}
    assert wechat.byline(lines(SILVERFOX), CONTEXT) == {}
    # A title and its date in the body is a citation, not a byline.
    assert wechat.byline([Line(1, 1, "《生成式人工智能服务管理暂行办法》 2023-07-10")], CONTEXT) == {}


def test_wechat_source_card_keeps_the_source_and_drops_the_card():
    claimed = wechat.wechat_source_card(lines(SILVERFOX), CONTEXT)
    assert claimed[27] == ("original_source", "国家计算机病毒应急处理中心")
    assert {28, 30, 32, 33, 35} <= set(claimed) and 37 not in claimed  # the card, not 一 (the first heading)


def test_is_reader_prompt_and_is_account_disclaimer():
    assert wechat.is_reader_prompt(line(DIGEST, 4), CONTEXT)  # **点击蓝字 关注我们**
    assert wechat.is_reader_prompt(line(SILVERFOX, 105), CONTEXT)  # 点击“阅读原文”查看详细报告
    assert not wechat.is_reader_prompt(line(SILVERFOX, 43), CONTEXT)
    assert wechat.is_account_disclaimer(line(GRADING, 308), CONTEXT)
    assert not wechat.is_account_disclaimer(line(FRAMEWORK, 31), CONTEXT)


def test_wechat_end_mark_takes_the_rest_of_the_post():
    claimed = wechat.wechat_end_mark(lines(CRYPTO), CONTEXT)
    assert min(claimed) == 111 and 113 in claimed and 109 not in claimed


def test_wechat_link_list_takes_the_list_under_its_heading():
    claimed = wechat.wechat_link_list(lines(FRAMEWORK), CONTEXT)
    assert min(claimed) == 132 and {134, 146} <= set(claimed)


def test_wechat_promotion_runs_to_the_next_heading():
    claimed = wechat.wechat_promotion(lines(CRYPTO), CONTEXT)
    assert {113, 115, 119, 121} <= set(claimed)
    account = RuleContext(boilerplate=CONTEXT.boilerplate, account_names=("蓝莺IM",))
    llms = wechat.wechat_promotion(lines(LLMS), account)  # ## 关于蓝莺IM, up to ## 参考资料
    assert min(llms) == 107 and 117 not in llms


def test_contact_block_takes_only_contact_details():
    claimed = wechat.contact_block(lines(DIGEST), CONTEXT)
    assert {238, 240, 242, 244} <= set(claimed)  # **联系我们**, 合作电话：…, 合作微信：…, 联系邮箱：…
    assert set(range(17, 25)) - {18} <= set(wechat.contact_block(lines(SSE), CONTEXT))  # 联系方式 … SSE-TechService
    notice = [Line(1, 1, "联系方式："), Line(2, 2, "联系人：张三，电话：010-12345678"),
              Line(3, 3, "附件：生成式人工智能服务安全评估要点"), Line(4, 4, "国家互联网信息办公室")]
    assert set(wechat.contact_block(notice, CONTEXT)) == {1, 2}  # the attachment and the issuer stay


def test_wechat_teaser_table_as_a_table_and_as_a_list():
    assert set(wechat.wechat_teaser_table(lines(ROUNDUP), CONTEXT)) == {17, 18, 19, 20, 21}
    digest = wechat.wechat_teaser_table(lines(DIGEST), CONTEXT)
    assert min(digest) == 11 and 42 not in digest


def test_figure_caption_goes_with_its_image():
    claimed = wechat.figure_caption(lines(SILVERFOX), CONTEXT)
    assert {47, 61, 69} <= set(claimed) and 43 not in claimed
    assert 42 not in wechat.figure_caption(lines(DIGEST), CONTEXT)  # a section label over a bold headline


def test_provenance_line_takes_a_bare_url_on_the_next_line():
    claimed = wechat.provenance_line(lines(ROUNDUP), CONTEXT)
    assert claimed[51] == claimed[53] and claimed[53][0] == "original_link"
    assert wechat.provenance_line(lines(FRAMEWORK), CONTEXT)[102] == ("original_source", "知行一社")


def test_recommended_post_date_only_under_a_link():
    claimed = wechat.recommended_post_date(lines(FRAMEWORK), CONTEXT)
    assert 122 in claimed and 31 not in claimed
    signed = [Line(1, 1, "国家互联网信息办公室"), Line(2, 2, "2024-12-31")]  # a signature's date stays
    assert wechat.recommended_post_date(signed, CONTEXT) == {}


# Structure

def test_join_lone_number_and_heading_by_lone_number():
    one, title = Line(37, 37, line(SILVERFOX, 37)), Line(39, 39, line(SILVERFOX, 39))
    assert structure.join_lone_number(one, title, CONTEXT) == " "
    assert structure.heading_by_lone_number("一 基本情况", line(SILVERFOX, 43))
    assert not structure.heading_by_lone_number("01 " + line(SILVERFOX, 91), None)


def test_join_split_heading_over_short_lines():
    head = Line(93, 95, "五 对运营单位和测评机构")
    assert structure.join_split_heading(head, Line(97, 97, line(CRYPTO, 97)), CONTEXT) == ""
    assert structure.join_split_heading(Line(37, 39, "一 基本情况"), Line(43, 43, line(SILVERFOX, 43)), CONTEXT) is None


def test_join_split_bold_heading():
    head, tail = Line(51, 51, line(SECURITIES, 51)), Line(53, 53, line(SECURITIES, 53))
    assert structure.join_split_bold_heading(head, tail, CONTEXT) == ""


def test_heading_by_bold_line():
    assert structure.heading_by_bold_line(line(CRYPTO, 33), line(CRYPTO, 35))  # **前言**
    assert not structure.heading_by_bold_line(line(FRAMEWORK, 100), "")  # a bold disclaimer sentence


def test_heading_by_numbered_line_but_not_in_a_list():
    assert structure.heading_by_numbered_line(line(SILVERFOX, 55), line(SILVERFOX, 57), "二 病毒特征")
    assert not structure.heading_by_numbered_line(line(LLMS, 27), line(LLMS, 29), line(LLMS, 26))


def test_heading_by_short_line_over_a_paragraph_or_a_headline():
    assert structure.heading_by_short_line(line(FRAMEWORK, 33), line(FRAMEWORK, 35))
    assert structure.heading_by_short_line(line(DIGEST, 42), line(DIGEST, 45))
    assert not structure.heading_by_short_line(line(FRAMEWORK, 94), None)


def test_item_by_entry_number():
    assert structure.item_by_entry_number(line(GBT, 109), None)  # [1] GB 12904 …
    assert not structure.item_by_entry_number(line(GBT, 57), None)


def test_item_by_list_marker():
    assert structure.item_by_list_marker(line(CRYPTO, 72), None)
    assert structure.item_by_list_marker(line(SSE, 14), None)
    assert not structure.item_by_list_marker(line(SILVERFOX, 43), None)


# PDF extractions

def test_is_page_marker_and_running_header():
    assert pdf.is_page_marker(line(NIST, 1), CONTEXT) and pdf.is_page_marker(line(NIST, 44), CONTEXT)
    assert pdf.is_page_marker(line(SSE, 52), CONTEXT)
    assert not pdf.is_page_marker(line(NIST, 8), CONTEXT)
    assert {3, 4} <= set(pdf.running_header(lines(NIST), CONTEXT))  # NIST AI 100-1, AI RMF 1.0
    assert {9, 26, 54} <= set(pdf.running_header(lines(SSE), CONTEXT))  # 技术文档


def test_is_contents_line_and_pdf_cover():
    assert pdf.is_contents_line(line(GBT, 17), CONTEXT) and pdf.is_contents_line(line(GBT, 19), CONTEXT)
    assert set(pdf.pdf_cover(lines(GBT), CONTEXT)) == {3, 5, 7, 9, 11, 13}
    assert set(pdf.pdf_cover(lines(SSE), CONTEXT)) == set(range(1, 8))


def test_converter_metadata_after_the_last_page():
    claimed = pdf.converter_metadata(lines(SSE), CONTEXT)
    assert min(claimed) == 149 and 171 in claimed


def test_rejoin_hyphenated_word_unless_the_text_hyphenates_it():
    head, tail = Line(8, 8, line(NIST, 8)), Line(9, 9, line(NIST, 9))
    assert structure.join_lone_number(head, tail, CONTEXT) is None
    assert pdf.rejoin_hyphenated_word(head, tail, CONTEXT) == REMOVE_PREVIOUS
    hyphenated = RuleContext(hyphenated=frozenset({"inter-vention"}))
    assert pdf.rejoin_hyphenated_word(head, tail, hyphenated) == ""


def test_remove_space_at_fullwidth_punctuation_and_cited_standards():
    fixed = chinese.remove_space_at_fullwidth_punctuation([line(SSE, 11), line(SSE, 12)])
    assert fixed[0].startswith("本文档是上海证券交易所（以下简称“本所”）独立 IOPV") and fixed[1] == "实施指南。"
    cited = line(GBT, 57).rstrip()
    assert chinese.remove_space_in_chinese([cited]) == [cited]  # GB/T 29261.3—2012 信息技术 自动识别… 词汇 …
    assert chinese.remove_space_in_chinese(["联合国 2030 年"]) == ["联合国2030年"]
    assert chinese.remove_space_in_chinese([line(GBT, 47)]) == [line(GBT, 47)]  # ## 1 范围


# What the rules must leave alone: governance texts that look like boilerplate at a glance

def test_prompt_and_disclaimer_phrases_are_not_found_inside_ordinary_words():
    for text in ("（一）推进群体智能关键技术研究", "（三）加快北斗卫星标准体系建设", "2. 促进群体智能与人机协同"):
        assert not wechat.is_reader_prompt(text, CONTEXT), text
    article = "第九条 提供者不得通过格式条款、免责声明等方式，免除其应当承担的责任。"
    assert not wechat.is_account_disclaimer(article, CONTEXT)
    assert wechat.is_account_disclaimer("**法律声明**", CONTEXT)


def test_masked_digits_and_names_keep_their_stars():
    masked = ["手机号码为138****5678，姓名为张**", "身份证号110***********1234"]
    assert markup.strip_bold_markup(masked) == masked


def test_a_link_list_stops_at_the_first_line_that_is_not_a_link():
    listed = [Line(1, 1, "相关阅读"), Line(2, 2, "[某文](https://mp.weixin.qq.com/s?x)"), Line(3, 3, "总体要求"),
              Line(4, 4, "坚持发展和安全并重")]
    assert set(wechat.wechat_link_list(listed, CONTEXT)) == {1, 2}


def test_a_plain_heading_under_an_image_is_not_a_caption():
    page = [Line(1, 1, "![](https://mmbiz.qpic.cn/a.png)"), Line(2, 2, "基本原则"),
            Line(3, 3, "坚持以人为本、智能向善，确保人工智能始终处于人类控制之下，服务于人类的共同福祉。")]
    assert wechat.figure_caption(page, CONTEXT) == {}


def test_provenance_takes_the_next_line_only_when_it_names_a_source():
    notice = [Line(1, 1, "来源："), Line(2, 2, "第四条 国家建立人工智能安全评估制度，对高风险服务开展评估。")]
    assert wechat.provenance_line(notice, CONTEXT) == {1: ("original_source", "")}
    sentence = [Line(1, 1, "转自上级主管部门的数据，应当依法使用。")]
    assert wechat.provenance_line(sentence, CONTEXT) == {}


def test_a_numbered_heading_near_a_page_marker_and_repeated_table_cells_stay():
    page = [Line(1, 1, "第 3 页 共 9 页"), Line(2, 2, "5.2 数据安全要求"), Line(3, 3, "是"), Line(4, 4, "是"),
            Line(5, 5, "是")]
    assert pdf.running_header(page, CONTEXT) == {}


def test_hyphenated_compounds_keep_their_hyphen():
    for head, tail in (("AI-", "generated content"), ("cross-", "border data"), ("human-", "centred design")):
        assert pdf.rejoin_hyphenated_word(Line(1, 1, f"text {head}"), Line(2, 2, tail), CONTEXT) == "", head


def test_one_line_paragraphs_of_even_length_are_not_hard_wrapped():
    principles = [f"{n}. Principle {n}: AI systems shall be developed, deployed and used in ways that respect human rights."
                  for n in range(1, 10)]
    assert wrap_column(principles) == 0
    assert wrap_column([line for line in text_of(NIST) if line.strip()][2:40]) > 0


@pytest.mark.parametrize("name", [SILVERFOX, CRYPTO, FRAMEWORK, SECURITIES, ROUNDUP, GRADING, DIGEST, LLMS, NIST, GBT, SSE])
def test_nothing_is_lost_silently_from_a_scraped_text(name):
    """Every character of the raw file is in the cleaned text or in the strip report, under the rule that took it."""
    raw = text_of(name)
    kind, lang = ("wechat" if "_wechat_" in name else "pdf-extract"), ("en" if name == NIST else "zh")
    cleaned = clean_span(name, raw, (1, len(raw)), PIPELINES[(kind, lang)], CONTEXT)
    def characters(text: str) -> Counter[str]:
        return Counter(ch for ch in text if not ch.isspace())
    total = characters("".join(line.text for line in cleaned.lines))
    for entry in cleaned.report:
        total.update(characters(entry.removed))
        total.subtract(characters(entry.replacement))
    assert +total == characters("\n".join(raw))
    assert all(entry.rule for entry in cleaned.report)


def test_a_section_label_over_bold_headlines_heads_them():
    raw = text_of(DIGEST)
    cleaned = clean_span(DIGEST, raw, (1, len(raw)), PIPELINES[("wechat", "zh")], CONTEXT)
    levels = {line.text: block.level for block, line in zip(assign_blocks(cleaned.lines), cleaned.lines)
              if block.kind == "heading"}
    assert levels["特别关注"] == levels["热点观察"] == 2
    assert levels["工信部：关于防范Microsoft Office安全功能绕过高危漏洞的风险提示"] == 3
