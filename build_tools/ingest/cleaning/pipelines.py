"""Which rules run, in which order, for each kind of witness and language: the one place to look."""

from __future__ import annotations

from dataclasses import replace

from build_tools.ingest.cleaning import chinese, english, markup, pdf, structure, wechat
from build_tools.ingest.cleaning.pipeline import Pipeline

# Markdown never reaches the text literally; the order matters: images before the links they may sit in.
MARKDOWN_FIXES = (
    markup.end_hard_break,
    markup.strip_heading_marker,
    markup.strip_blockquote_marker,
    markup.strip_list_marker,
    markup.strip_inline_image,
    markup.strip_link_target,
    markup.strip_code_span,
    markup.strip_bold_markup,
    markup.strip_emphasis_markup,
    markup.strip_html_tag,
    markup.unescape_markdown,
)

CHINESE_FIXES = (
    chinese.repair_list_dash_misread,
    chinese.widen_ascii_parentheses,
    chinese.widen_ascii_punctuation,
    chinese.curl_straight_quotes,
    chinese.remove_space_in_chinese,
)

ENGLISH_FIXES = (
    english.narrow_fullwidth_comma,
    english.remove_space_before_comma,
    english.space_after_enumerator,
)

# A WeChat post: the page template around it, the accounts' boilerplate inside it; its paragraphs are the
# post's own, so nothing is joined across lines (a post has no pages to break a paragraph), and its
# characters are the author's: the PDF repairs of spacing and punctuation width do not apply.
WECHAT_REGIONS = (
    markup.front_matter, wechat.wechat_footer, wechat.wechat_end_mark, wechat.wechat_link_list,
    wechat.wechat_promotion, wechat.contact_block, wechat.wechat_teaser_table, wechat.wechat_source_card,
    wechat.wechat_account_line, wechat.byline, wechat.recommended_post_date, wechat.figure_caption,
    wechat.provenance_line, wechat.wechat_page_title,
)
WECHAT_DROPS = (
    markup.is_image_line, wechat.is_wechat_interface_string, wechat.is_reader_prompt, wechat.is_account_disclaimer,
    markup.is_punctuation_debris, markup.is_horizontal_rule, markup.is_code_fence, markup.is_link_only_line,
)
WECHAT_ZH = Pipeline(
    regions=WECHAT_REGIONS, drop=WECHAT_DROPS, metadata=(markup.is_title_line,),
    merges=(structure.join_lone_number, structure.join_split_heading, structure.join_split_bold_heading),
    heading=(markup.heading_by_marker, structure.heading_by_bold_line, structure.heading_by_lone_number,
             structure.heading_by_numbered_line, structure.heading_by_short_line),
    item=(structure.item_by_list_marker, structure.item_by_entry_number),
    fixes=MARKDOWN_FIXES,
)
PDF_REGIONS = (markup.front_matter, pdf.converter_metadata, pdf.pdf_cover, pdf.running_header, wechat.figure_caption,
               wechat.contact_block)
PDF_DROPS = (markup.is_page_number, pdf.is_page_marker, pdf.is_contents_line, markup.is_image_line,
             markup.is_horizontal_rule)

PIPELINES: dict[tuple[str, str], Pipeline] = {
    ("wechat", "zh"): WECHAT_ZH,
    ("wechat", "en"): replace(WECHAT_ZH, fixes=MARKDOWN_FIXES + ENGLISH_FIXES),
    ("pdf-extract", "zh"): Pipeline(
        regions=PDF_REGIONS, drop=PDF_DROPS, metadata=(markup.is_title_line,), merges=(structure.join_lone_number,),
        heading=(markup.heading_by_marker, structure.heading_by_lone_number), item=(structure.item_by_entry_number,),
        unmarked_heading=(structure.heading_by_numbered_line, structure.heading_by_short_line),
        unmarked_item=(structure.item_by_list_marker,),
        fixes=MARKDOWN_FIXES + CHINESE_FIXES + (chinese.remove_space_at_fullwidth_punctuation,),
        joins=(chinese.join_split_chinese_paragraph,),
    ),
    ("pdf-extract", "en"): Pipeline(
        regions=PDF_REGIONS, drop=PDF_DROPS, metadata=(markup.is_title_line, markup.issue_date_line),
        merges=(structure.join_lone_number,),
        heading=(markup.heading_by_marker, markup.heading_by_enumerated_short_line, structure.heading_by_lone_number),
        fixes=MARKDOWN_FIXES + ENGLISH_FIXES,
        joins=(pdf.rejoin_hyphenated_word, english.join_hard_wrap, english.join_full_wrapped_line),
    ),
    ("plain", "en"): Pipeline(
        regions=(markup.front_matter,), drop=(markup.is_image_line, markup.is_horizontal_rule),
        metadata=(markup.is_title_line,), fixes=MARKDOWN_FIXES + ENGLISH_FIXES,
        joins=(english.rejoin_broken_word,),
    ),
    ("plain", "zh"): Pipeline(
        regions=(markup.front_matter,), drop=(markup.is_image_line, markup.is_horizontal_rule),
        metadata=(markup.is_title_line,), heading=(markup.heading_by_marker, structure.heading_by_numbered_line),
        fixes=MARKDOWN_FIXES + CHINESE_FIXES,
    ),
}
