"""Which rules run, in which order, for each kind of witness and language: the one place to look."""

from __future__ import annotations

from build_tools.ingest.cleaning import chinese, english, markup, wechat
from build_tools.ingest.cleaning.pipeline import Pipeline

CHINESE_FIXES = (
    markup.strip_heading_marker,
    markup.strip_list_marker,
    chinese.repair_list_dash_misread,
    chinese.widen_ascii_parentheses,
    chinese.widen_ascii_punctuation,
    chinese.curl_straight_quotes,
    chinese.remove_space_in_chinese,
)

ENGLISH_FIXES = (
    markup.strip_heading_marker,
    markup.strip_list_marker,
    markup.strip_bold_markup,
    english.narrow_fullwidth_comma,
    english.remove_space_before_comma,
    english.space_after_enumerator,
)

PIPELINES: dict[tuple[str, str], Pipeline] = {
    ("wechat", "zh"): Pipeline(
        drop=(wechat.is_image_line, wechat.is_wechat_interface_string, wechat.is_punctuation_debris,
              wechat.is_account_name_line),
        metadata=(markup.is_title_line, wechat.provenance_line),
        heading=(markup.heading_by_marker,),
        fixes=CHINESE_FIXES,
        joins=(chinese.join_split_chinese_paragraph,),
    ),
    ("pdf-extract", "zh"): Pipeline(
        drop=(markup.is_page_number,),
        metadata=(markup.is_title_line,),
        heading=(markup.heading_by_marker,),
        fixes=CHINESE_FIXES,
        joins=(chinese.join_split_chinese_paragraph,),
    ),
    ("pdf-extract", "en"): Pipeline(
        drop=(markup.is_page_number,),
        metadata=(markup.is_title_line, markup.issue_date_line),
        heading=(markup.heading_by_marker, markup.heading_by_enumerated_short_line),
        fixes=ENGLISH_FIXES,
        joins=(english.join_hard_wrap, english.join_full_wrapped_line),
    ),
    ("plain", "en"): Pipeline(
        metadata=(markup.is_title_line,),
        joins=(english.rejoin_broken_word,),
    ),
}
