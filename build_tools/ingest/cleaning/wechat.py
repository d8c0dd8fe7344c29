"""Rules for WeChat reposts: the page template, the interface strings and the reposting accounts' boilerplate.

The phrases come from ``source_texts/cleaning/boilerplate.yml`` (``RuleContext.boilerplate``), which
editors extend without code; these rules decide only how a phrase claims its line or its region.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from build_tools.ingest.cleaning.markup import is_image_line, is_link_only_line, is_title_line, plain
from build_tools.ingest.cleaning.pipeline import Claims, RuleContext
from build_tools.ingest.cleaning.rules import rule
from build_tools.model.text import Line

PROMPT_MAX = 60  # a longer line holding a prompt phrase is more likely text: it is flagged, not dropped
# A byline: an optional 原创 mark, author and account, then the posting date (and time, and place).
_BYLINE = re.compile(r"(?:原创\s+)?\S.{0,60}?\s\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2})?(?:\s*发表于\S{1,10})?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_TABLE_ROW = re.compile(r"\s*\|.*\|\s*")


def _bare(text: str) -> str:
    """A line reduced to what a phrase is compared with: no markup, no spaces or decorative punctuation around."""
    return plain(text).strip(" \t\u3000|-—–_·•.。:：*#")


@rule("is_wechat_interface_string")
def is_wechat_interface_string(text: str, context: RuleContext) -> bool:
    """A line that is one of WeChat's interface strings (阅读原文, 在看, 分享 …)."""
    stripped = plain(text)
    return any(p.phrase == stripped for p in context.boilerplate.interface)


@rule("is_reader_prompt")
def is_reader_prompt(text: str, context: RuleContext) -> bool:
    """A short line asking the reader to follow, star, share or scan (点击蓝字关注我们, 长按识别二维码)."""
    stripped = plain(text)
    return len(stripped) <= PROMPT_MAX and context.boilerplate.within("prompts", _bare(text)) is not None


@rule("is_account_disclaimer")
def is_account_disclaimer(text: str, context: RuleContext) -> bool:
    """A reposting account's disclaimer or takedown notice (本公众号所分享内容…, 如有侵权…)."""
    return context.boilerplate.within("disclaimers", _bare(text)) is not None


@rule("recommended_post_date")
def recommended_post_date(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A machine date (2026-06-17) under a link to another post is that post's date, not text."""
    return {line.first: None for before, line in zip(lines, lines[1:])
            if _ISO_DATE.fullmatch(plain(line.text).strip("_ ")) and is_link_only_line(before.text, context)}


def byline_text(text: str) -> str | None:
    """The byline a line is (``原创 CNNVD CNNVD安全动态 2026-01-14 06:55``), without its markup; else None."""
    stripped = re.sub(r"[_*]", "", plain(text)).strip()
    # Not a citation (《…》 2023-07-10) nor a labelled value (date: 2026-05-22).
    fits = len(stripped) <= 80 and _BYLINE.fullmatch(stripped) and not stripped.startswith(("《", "“")) \
        and not re.search(r"[:：]", re.sub(r"\s\d{4}-\d{2}-\d{2}.*$", "", stripped))
    return stripped if fits else None


@rule("byline")
def byline(lines: Sequence[Line], context: RuleContext) -> Claims:
    """The post's byline at the head of the page (``原创 author account 2026-01-14 06:55``) is metadata, not text."""
    found = next(((line, text) for line in lines[:8] if (text := byline_text(line.text))), None)
    return {found[0].first: ("byline", found[1])} if found else {}


@rule("wechat_footer")
def wechat_footer(lines: Sequence[Line], context: RuleContext) -> Claims:
    """WeChat's page footer (from 预览时标签不可点 on: the account's card, QR code, dialogs, toolbar) is not text."""
    start = next((i for i, line in enumerate(lines) if context.boilerplate.find("footers", plain(line.text))), None)
    return {} if start is None else {line.first: None for line in lines[start:]}


@rule("wechat_end_mark")
def wechat_end_mark(lines: Sequence[Line], context: RuleContext) -> Claims:
    """An end mark (END, -END-, -完-) closes the article; what follows it is the account's own matter."""
    start = next((i for i, line in enumerate(lines) if context.boilerplate.find("end_marks", _bare(line.text))), None)
    return {} if start is None else {line.first: None for line in lines[start:]}


def _list_like(text: str, context: RuleContext) -> bool:
    """A line of a list of links: a link (alone or numbered), an image, or the date of a listed post."""
    return is_image_line(text, context) or _ISO_DATE.fullmatch(plain(text).strip("_ ")) is not None \
        or re.fullmatch(r"\s*(?:[-*+]\s+|\d{1,2}[.、]\s*)?\**\[[^\]]*\]\([^)]*\)\**\s*", text) is not None \
        or re.fullmatch(r"\s*\**\[[^\]]*\]\(https?://\S*", text) is not None  # cut off by the scraper


@rule("wechat_link_list")
def wechat_link_list(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A 推荐阅读/往期推荐 heading and the list of links to other posts under it."""
    claims: Claims = {}
    index = 0
    while index < len(lines):
        if context.boilerplate.find("link_lists", _bare(lines[index].text)):
            claims[lines[index].first] = None
            index += 1
            while index < len(lines) and _list_like(lines[index].text, context):
                claims[lines[index].first] = None
                index += 1
        else:
            index += 1
    return claims


def _heading_like(text: str) -> bool:
    """A line set as a heading: marked with ``#``, a short bold title, or numbered as a section (一、概述)."""
    bold_title = re.fullmatch(r"\s*\*\*[^*]{1,40}\*\*\s*", text) is not None and not re.search(r"[。！？]$", plain(text))
    return text.lstrip().startswith("#") or bold_title \
        or re.match(r"\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十\d]{1,3}[章节条部])", plain(text)) is not None


@rule("wechat_promotion")
def wechat_promotion(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A promotional or contact block (关于我们, 关于 + the account, 联系方式): its heading and lines up to the next heading."""
    claims: Claims = {}
    inside = False
    for line in lines:
        heading = _bare(line.text)
        if context.boilerplate.find("promotions", heading) or (
                heading.startswith("关于") and heading[2:].strip() in context.account_names):
            inside = True  # a promotions phrase, or 关于 + the posting account's name
        elif inside and _heading_like(line.text):
            inside = False
        if inside:
            claims[line.first] = None
    return claims


# A contact detail: a label (电话：, 邮箱：, QQ 群：…), a phone number, an e-mail or web address, a chat ID.
_CONTACT = re.compile(r"(?:[^。！？；，]{0,12}(?:电话|手机|传真|邮箱|电子邮件|邮件|地址|邮编|联系人|QQ|微信|公众号|网址|热线|客服|"
                      r"公司|Tel|E-?mail)[^。！？；]{0,10}[：:].{0,60})|[\d\s()+\-－—]{5,20}|\S+@\S+\.\w+|https?[:：]//\S+|"
                      r"[A-Za-z][\w-]{3,30}", re.IGNORECASE)


@rule("contact_block")
def contact_block(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A contact block (联系我们, 联系方式) and the contact details under it: phone, e-mail, chat IDs, addresses."""
    claims: Claims = {}
    for index, line in enumerate(lines):
        if not context.boilerplate.find("contacts", _bare(line.text)):
            continue
        claims[line.first] = None
        for detail in lines[index + 1:]:
            if not _CONTACT.fullmatch(plain(detail.text)) and not is_image_line(detail.text, context):
                break
            claims[detail.first] = None
    return claims


@rule("wechat_teaser_table")
def wechat_teaser_table(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A teaser box (安全资讯导视, 新闻速览) lists the headlines the article prints again below it."""
    claims: Claims = {}
    for index, line in enumerate(lines):
        if not context.boilerplate.find("teasers", _bare(line.text)):
            continue
        claims[line.first] = None
        last_seen = {plain(other.text): position for position, other in enumerate(lines)}
        for position, row in enumerate(lines[index + 1:], start=index + 1):
            if _TABLE_ROW.fullmatch(row.text) or last_seen[plain(row.text)] > position:
                claims[row.first] = None  # a row of the box, or a headline the article prints again below
            else:
                break
    return claims


@rule("wechat_source_card")
def wechat_source_card(lines: Sequence[Line], context: RuleContext) -> Claims:
    """The 以下文章来源于… card (source account, avatar, name, one-line intro): the source is kept as metadata."""
    claims: Claims = {}
    for index, line in enumerate(lines):
        found = re.match(r"\s*以下文章来源于\s*(.+)", plain(line.text))
        if not found:
            continue
        claims[line.first] = ("original_source", found.group(1).strip())
        rest = lines[index + 1:]
        position = 0
        if rest and plain(rest[0].text).startswith(("，作者", ",作者")):
            claims[rest[0].first] = None
            position = 1
        named = False
        while position < len(rest) and position < 6:
            text = rest[position].text
            stripped = plain(text)
            if is_image_line(text, context) or not stripped.strip(".。 "):
                claims[rest[position].first] = None  # the avatar, the lone mark under the name
            elif not named and re.fullmatch(r"\s*\*\*[^*]{1,30}\*\*\s*", text):
                claims[rest[position].first] = None  # the source account's name, set in bold
                named = True
            elif named:
                claims[rest[position].first] = None  # the account's introduction, which closes the card
                break
            else:
                break
            position += 1
    return claims


def _page_titles(lines: Sequence[Line], context: RuleContext) -> list[int]:
    """Where WeChat's page prints the post's title: a ``#`` heading near the top that is the record's title, is
    printed twice, or opens the page (the file's first line, or the first after its front matter) unnumbered."""
    first = next((i for i, line in enumerate(lines[:12]) if line.text.startswith("#")), None)
    if first is None:
        return []
    title = plain(lines[first].text)
    repeats = [i for i, line in enumerate(lines) if line.text.startswith("#") and plain(line.text) == title]
    opens_page = lines[first].first == 1 or (first > 0 and lines[first - 1].text.strip() == "---")
    numbered = re.match(r"第[一二三四五六七八九十\d]+[章节条部]|[一二三四五六七八九十]+、|\d+(?:\.\d+)*\s", title)
    named = bool(context.title) and is_title_line(lines[first].text, context) is not None
    return repeats if len(repeats) > 1 or named or (opens_page and not numbered) else []


@rule("wechat_page_title")
def wechat_page_title(lines: Sequence[Line], context: RuleContext) -> Claims:
    """The post's title as WeChat's page prints it (a ``#`` line at the top, often twice) is metadata, not text."""
    return {lines[i].first: ("title", plain(lines[i].text)) for i in _page_titles(lines, context)}


@rule("wechat_account_line")
def wechat_account_line(lines: Sequence[Line], context: RuleContext) -> Claims:
    """In WeChat's page template the short line(s) under the repeated ``#`` title name the posting account."""
    titles = _page_titles(lines, context)
    if len(titles) < 2 or titles[-1] + 1 >= len(lines):
        return {}
    claims: Claims = {}
    for position, after in enumerate(lines[titles[-1] + 1:titles[-1] + 3]):
        name = plain(after.text)
        # The first short line names the account; a second only when the manifest lists it (NERCIS / 信息安全…).
        if (position == 0 and 0 < len(name) <= 30 and not re.search(r"[。，！？；：]", name)
                and not _BYLINE.fullmatch(name)) or name in context.account_names:
            claims[after.first] = None  # the manifest names the account (account_names)
        else:
            break
    return claims


@rule("figure_caption")
def figure_caption(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A caption right under a dropped image (图1 攻击活动过程示意图, a short unpunctuated line) goes with it."""
    def numbered(text: str) -> bool:
        stripped = plain(text)
        return re.fullmatch(r"(?:图|表|Figure|Fig\.)\s*\d+[\s.:：、-]*\S.{0,40}", stripped) is not None \
            and not re.search(r"[。！？]$", stripped)

    def unnumbered(text: str, after: Line | None) -> bool:
        # Said to be a picture (示意图, 截图) or crediting one (…（Patchstack）), and followed by a paragraph: a
        # short line under an image is otherwise a heading (基本原则, 特别关注 over a bold headline).
        stripped = plain(text)
        credited = re.search(r"[（(][^（）()]{1,30}[）)]$|示意|截图|图片|来源", stripped) is not None
        return (credited and 0 < len(stripped) <= 40 and not re.search(r"[。！？；，：:]$", stripped) and "**" not in text
                and not text.lstrip().startswith(("#", "-", "*")) and not re.match(r"[\d一二三四五六七八九十（(第]", stripped)
                and after is not None and len(plain(after.text)) > len(stripped) and "**" not in after.text[:4]
                and re.search(r"[。！？：；]$", plain(after.text)) is not None)

    return {line.first: None for before, line, after in zip(lines, lines[1:], [*lines[2:], None])
            if is_image_line(before.text, context) and not is_image_line(line.text, context)
            and not is_title_line(line.text, context)  # the title repeated under the cover is the title
            and (numbered(line.text) or unnumbered(line.text, after))}


@rule("provenance_line")
def provenance_line(lines: Sequence[Line], context: RuleContext) -> Claims:
    """``来源：…``, ``原文来源：…``, ``责任编辑：…`` name a source or an editor: provenance metadata, not text."""
    claims: Claims = {}
    labels = sorted(context.boilerplate.provenance, key=lambda p: -len(p.phrase))
    for index, line in enumerate(lines):
        stripped = plain(line.text).strip("*_ ")
        if len(stripped) > 100:
            continue
        for label in labels:
            separator = r"\s*[：:]?\s*" if label.colon is False else r"\s*[：:]\s*"
            found = re.match(rf"{re.escape(label.phrase)}{separator}(.*)", stripped)
            if not found or (label.colon is False and re.search(r"[。！？]$", stripped)):
                continue  # a label run into its value names a source; a sentence that starts so does not
            value = found.group(1).strip()
            following = plain(lines[index + 1].text) if index + 1 < len(lines) else ""
            named = len(following) <= 30 and not re.search(r"[。，！？；]", following)
            if not value and following and (named or re.fullmatch(r"https?[:：]//\S+", following)):
                value = following
                claims[lines[index + 1].first] = (label.key, value)
            claims[line.first] = (label.key, value)
            break
    return claims
