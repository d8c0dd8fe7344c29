"""Rules for WeChat reposts: images, the account's name, interface strings and their debris."""

from __future__ import annotations

import re

from build_tools.ingest.cleaning.pipeline import RuleContext
from build_tools.ingest.cleaning.rules import rule

# The strings WeChat's article page prints around a post; none is ever part of a text.
INTERFACE_STRINGS = frozenset({
    "预览时标签不可点", "阅读原文", "微信扫一扫", "关注该公众号", "继续滑动看下一个", "轻触阅读原文",
    "向上滑动看下一个", "知道了", "使用小程序", "取消", "允许", "×", "分析", "微信扫一扫可打开此内容，",
    "使用完整服务", "视频", "小程序", "赞", "，轻点两下取消赞", "在看", "，轻点两下取消在看", "分享",
    "留言", "收藏", "听过",
})


@rule("is_image_line")
def is_image_line(text: str, context: RuleContext) -> bool:
    """A Markdown image (cover, tracking GIF, QR code, avatar) is page furniture, not text."""
    return re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", text) is not None


@rule("is_wechat_interface_string")
def is_wechat_interface_string(text: str, context: RuleContext) -> bool:
    """A line that is one of WeChat's interface strings (阅读原文, 在看, 分享 …)."""
    return text.strip() in INTERFACE_STRINGS


@rule("is_punctuation_debris")
def is_punctuation_debris(text: str, context: RuleContext) -> bool:
    """A line of nothing but punctuation (the ：，，。 column left by WeChat's comment widgets)."""
    return re.fullmatch(r"[\s：，。、；,.:;]+", text) is not None


@rule("is_account_name_line")
def is_account_name_line(text: str, context: RuleContext) -> bool:
    """A line naming the reposting account (NERCIS, 信息安全国家工程研究中心)."""
    return text.strip() in context.account_names




@rule("provenance_line")
def provenance_line(text: str, context: RuleContext) -> tuple[str, str] | None:
    """``*原文来源：外交部*`` names the original source: provenance metadata, not text."""
    match = re.fullmatch(r"\s*\*?原文来源[：:]\s*(.+?)\*?\s*", text)
    return ("original_source", match.group(1)) if match else None
