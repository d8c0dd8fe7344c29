"""Property tests of the cleaning rules on arbitrary text: idempotent, never raising, never losing a
Chinese character without reporting it."""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from build_tools.ingest.cleaning.pipeline import RuleContext, clean_span
from build_tools.ingest.cleaning.pipelines import PIPELINES

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
PUNCTUATION = st.sampled_from(list(",:;!?()\"'—一、。，：；“”《》 #-*0123456789abcAB\t"))
CHINESE_LIKE = st.text(st.one_of(HAN, PUNCTUATION), max_size=60)
ANY = st.text(max_size=60)
FIXES = sorted({fix for pipeline in PIPELINES.values() for fix in pipeline.fixes}, key=lambda f: f.__name__)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.one_of(CHINESE_LIKE, ANY), min_size=1, max_size=6))
@example(lines=[":,—"])  # found by hypothesis: widen_ascii_punctuation widened a run of marks one pass at a time
def test_every_fix_is_idempotent_and_keeps_the_number_of_lines(lines):
    for fix in FIXES:
        once = fix(list(lines))
        assert len(once) == len(lines), fix.__name__
        assert fix(list(once)) == once, fix.__name__


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.one_of(CHINESE_LIKE, ANY), min_size=1, max_size=8))
def test_pipelines_never_raise_and_report_every_lost_chinese_character(lines):
    raw = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    for pipeline in PIPELINES.values():
        cleaned = clean_span("probe", raw, (1, len(raw)), pipeline, RuleContext(title="标题", account_names=("号",)))
        kept = Counter(ch for line in cleaned.lines for ch in line.text if "\u4e00" <= ch <= "\u9fff")
        for entry in cleaned.report:
            kept.update(ch for ch in entry.removed if "\u4e00" <= ch <= "\u9fff")
            kept.subtract(ch for ch in entry.replacement if "\u4e00" <= ch <= "\u9fff")
        raw_han = Counter(ch for line in raw for ch in line if "\u4e00" <= ch <= "\u9fff")
        assert +kept == raw_han
