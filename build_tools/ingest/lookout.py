"""Lines to look at: cleaned edition text that looks like boilerplate the cleaning rules missed.

The cleaning rules drop what they know; this scan looks at what they kept, in every version of every
document, for four signs of a scraper's or reposting account's additions: a link or bare URL,
follow/share or link-list vocabulary, a very short line among paragraphs, and a sentence repeated in
unrelated documents. A flagged line is either dropped by a rule (``source_texts/cleaning/boilerplate.yml``)
or kept by its edition record under ``kept_lines`` with the reason; a kept line that is no longer
flagged is refused, so the records say only what is true.

The signs are constants here, not entries of boilerplate.yml: they say what to look at, not what to
drop, and several (a URL, 关注) are also the wording of real texts; a phrase that is always boilerplate
belongs in boilerplate.yml, where a rule drops it and the cleaning-rules page lists it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.model.edition import Cell, Document, Texts
from build_tools.model.errors import EditionError
from build_tools.model.records import WitnessUse
from build_tools.model.text import Line
from build_tools.model.vocab import BlockKind, CellStatus


@dataclass(frozen=True)
class LineToLook:
    """A cleaned block an editor should look at, located on its first raw line."""

    file: str  # raw witness file name
    line: int  # raw line number (first raw line of the block)
    text: str  # the cleaned text
    reason: str  # short: "a link or bare URL", "follow/share vocabulary: 关注"


# A link in any form a scrape leaves it: Markdown links and images, a scheme with an ASCII or a full-width
# colon (`https：//`, as WeChat's editor writes it), a bare www. or mp.weixin address, an e-mail address.
# An address starts after anything but a Latin letter or digit: Python's \b sees no edge between 如 and https.
LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\s]*|(?<![a-z0-9])(?:https?|ftp)\s*[:：]\s*//|(?<![a-z0-9])www\.[a-z0-9-]+\."
                  r"|(?<![a-z0-9])mp\.weixin\.qq\.com"
                  r"|\b[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b", re.IGNORECASE)

# Words that only a page's call to action uses: they are boilerplate wherever they stand. The bare verbs
# (关注 "pay attention to", 分享 "share", follow, share, like) are everyday words in governance texts
# (密切关注, 分享最佳实践, "share best practices", "like-minded") and count only in these turns of phrase.
FOLLOW = re.compile("|".join((
    r"点赞", r"点[个一]?在看|在看[、，,和]|[、，,]\s*在看|^\s*在看\s*$|取消(?:赞|在看)", r"扫码|扫一扫|二维码", r"公众号|视频号|朋友圈|小程序",
    r"星标", r"阅读原文", r"长按(?:识别|扫码|关注)?", r"点击(?:蓝字|上方|下方|关注|卡片)", r"关注我们|关注本号",
    r"(?:欢迎|敬请|记得|点击|请)(?:继续|持续)?(?:关注|转发|分享|订阅)", r"(?:分享|转发)(?:给|到|至)", r"一键三连",
    r"\bfollow (?:us|our (?:official )?(?:account|page|channel|blog)s?)\b",
    r"\bsubscribe (?:to (?:us|our|the (?:newsletter|channel|feed))|now|here|today)\b|\bunsubscribe\b",
    r"\bshare this\b|\blike (?:and|&) share\b|\blike, (?:share|comment)\b", r"\bQR[- ]?codes?\b",
    r"\bscan (?:the|this|our) (?:QR )?code\b", r"\bclick (?:here|the link|below)\b",
)), re.IGNORECASE)
# A short paragraph that opens with one of these verbs is an imperative (关注路劲科技，关注网络安全！); a
# heading that opens with one (关注弱势群体) is the text's own, so headings are not judged by it.
IMPERATIVE = re.compile(r"(?:关注|订阅|转发|分享)(?!点|度|的)")
IMPERATIVE_LENGTH = 20
# The headings of a link list, a promotion or an account's blurb, which no governance text uses for itself.
PROMOTION = re.compile(r"推荐阅读|往期(?:推荐|回顾|精彩)|相关阅读|(?:精彩|热门|热点)推荐|原文链接|阅读全文|小说阅读器"
                       r"|沉浸阅读|以下文章来源于|诚邀投稿|报名(?:启动|开启)|^\W*(?:关于|联系)我们\W*$|\bread more\b|\brelated (?:posts|articles)\b",
                       re.IGNORECASE)
# The bare verbs above, for the repeated-sentence check: in a sentence that recurs verbatim in documents of
# different issuers they are the reposting account's sign-off, whatever the turn of phrase.
FOLLOW_WORD = re.compile(r"关注|分享|转发|订阅|点赞|在看|\b(?:follow|share|like|subscribe)\b", re.IGNORECASE)

# Very short: at most this many units (a Han character, a Latin word or a number each count one). The
# section labels, sign-offs and stray dates the rules miss (特别关注, 往期回顾, END, 2024-07-01) are 1–7.
SHORT = 8
UNIT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3007]|[^\W\d_]+|\d+")
# A short line that ends a sentence (现予公布。) or leads into what follows (为此，我们倡议：) is the text's own.
ENDS_OR_LEADS = re.compile(r"[。！？!?.：:；;…”’」』）)]\s*$")

# Repeated sentences. Governance texts quote each other (the echoes page shows where), but rarely a whole
# sentence, and an issuer's own formulas recur in its own documents; what a reposting account adds recurs
# verbatim in documents of any issuer. Hence two criteria, each on whole sentences (split at 。！？；!?;
# and ". "), compared with spaces and punctuation removed and in one case:
# - a sentence with follow/share words (FOLLOW_WORD), at least FOLLOW_REPEAT_LENGTH long, in two or more
#   documents of different issuers: a sign-off (点击下方卡片关注我们，带你一起读懂网络安全);
# - any sentence at least REPEAT_LENGTH long in REPEAT_DOCUMENTS or more documents: a template (a
#   disclaimer, a slogan, a contact line) — a formula the texts truly share is kept with its reason.
FOLLOW_REPEAT_LENGTH = 4
REPEAT_LENGTH = 12
REPEAT_DOCUMENTS = 3
SENTENCE = re.compile(r"(?<=[。！？；!?;])|(?<=\.)\s+")
NOT_WORD = re.compile(r"[\W_]+")
EDGE_MARKS = re.compile(r"^[\W_]+|[\W_]+$")

# What a sentence key recurs in: the documents holding it, and those of another issuer than this one.
Recurrence = Callable[[str], "tuple[int, int]"]


def look_at_lines(file: str, lines: Sequence[Line],
                  others: Sequence[tuple[str, Sequence[str]]] = ()) -> list[LineToLook]:
    """The cleaned lines of one witness that look like boilerplate; ``others`` are other documents' block texts.

    The other documents' issuers are not known here (a draft has no record yet), so each counts as
    another issuer's: the cautious choice, which flags more.
    """
    holders: dict[str, set[str]] = {}
    for doc_id, texts in others:
        for text in texts:
            for key in _sentence_keys(text):
                holders.setdefault(key, set()).add(doc_id)

    def recurrence(key: str) -> tuple[int, int]:
        found = len(holders.get(key, ()))
        return found + 1, found

    return _look(file, lines, recurrence)


def look_at_edition(texts: Texts) -> list[LineToLook]:
    """Every version of every document looked at, less the lines its record keeps (a stale keep is refused)."""
    return [flag for flag, _ in _edition_flags(texts)]


def edition_warnings(texts: Texts) -> list[str]:
    """A warning for each flagged line of the edition that no record keeps, naming the record that could."""
    return [warning(flag, f"source_texts/{record.name}") for flag, record in _edition_flags(texts)]


def warning(flag: LineToLook, record: str) -> str:
    """The one-line warning for a flagged line that ``record`` (a path) could keep."""
    text = " ".join(flag.text.split())  # one line, whatever the block held
    shown = text if len(text) <= 40 else text[:39] + "…"
    return (f"source_texts/raw/{flag.file}:{flag.line}: look at this line: {flag.reason}: «{shown}» — drop it with "
            f"a rule (source_texts/cleaning/boilerplate.yml) or keep it in {record} under kept_lines with a reason")


def _edition_flags(texts: Texts) -> list[tuple[LineToLook, Path]]:
    """The unkept flagged lines of the edition, each with the record that could keep it."""
    printed = [(doc, use, _lines(doc, version.cells)) for doc in texts.documents for version in doc.versions
               if (record := doc.record.version(version.key)) is not None for use in (record.base,)]
    holders: dict[str, set[str]] = {}
    for doc, _, lines in printed:
        for line in lines:
            for key in _sentence_keys(line.text):
                holders.setdefault(key, set()).add(doc.id)
    issuer = {doc.id: _issuer(doc) for doc in texts.documents}
    for doc in texts.documents:
        for version in doc.record.versions:
            _check_not_collated(doc.record.path, version.witnesses[1:])
    flagged: list[tuple[LineToLook, Path]] = []
    for doc, use, lines in printed:
        def recurrence(key: str, doc_id: str = doc.id) -> tuple[int, int]:
            found = holders.get(key, {doc_id})
            return len(found), sum(issuer[other] != issuer[doc_id] for other in found)

        looked = _look(use.file, lines, recurrence)
        _check_kept(doc.record.path, use, lines, looked)
        flagged += [(flag, doc.record.path) for flag in looked if not _kept(use, flag, lines)]
    return sorted(flagged, key=lambda pair: (pair[0].file, pair[0].line))


def _look(file: str, lines: Sequence[Line], recurrence: Recurrence) -> list[LineToLook]:
    """The lines of one witness's text that show a sign of boilerplate, each with the first sign found."""
    flagged = []
    for line in lines:
        # A lone block (an excerpt page) stands between no paragraphs, however short it is.
        if reason := _reason(line, recurrence) or (_short(line) if len(lines) > 1 else None):
            flagged.append(LineToLook(file, line.first, line.text, reason))
    return flagged


def _reason(line: Line, recurrence: Recurrence) -> str | None:
    """Why a line looks like boilerplate by what it says, if it does."""
    if link := LINK.search(line.text):
        return "an e-mail address" if "@" in link.group() and "/" not in link.group() else "a link or bare URL"
    if word := FOLLOW.search(line.text):
        return f"follow/share vocabulary: {_said(word)}"
    if line.kind != BlockKind.HEADING and len(line.text) <= IMPERATIVE_LENGTH and \
            (word := IMPERATIVE.match(line.text.strip())):
        return f"follow/share vocabulary: {_said(word)}"
    if word := PROMOTION.search(line.text):
        return f"link-list or promotion vocabulary: {_said(word)}"
    for sentence, key in _sentences(line.text):
        documents, other_issuers = recurrence(key)
        if len(key) >= FOLLOW_REPEAT_LENGTH and other_issuers and FOLLOW_WORD.search(sentence):
            return f"a follow/share sentence repeated in {documents} documents of different issuers"
        if len(key) >= REPEAT_LENGTH and documents >= REPEAT_DOCUMENTS:
            return f"a sentence repeated in {documents} documents"
    return None


def _said(found: re.Match[str]) -> str:
    """The words a vocabulary pattern found, without the marks around them (**联系我们** says 联系我们)."""
    return EDGE_MARKS.sub("", found.group())


def _short(line: Line) -> str | None:
    """A very short paragraph that neither ends a sentence nor leads into what follows: a label or a sign-off."""
    if line.kind == BlockKind.PARAGRAPH and len(UNIT.findall(line.text)) <= SHORT \
            and not ENDS_OR_LEADS.search(line.text):
        return "a very short line between paragraphs"
    return None


def _sentences(text: str) -> Iterator[tuple[str, str]]:
    """Each sentence of a block with its comparison key (no spaces or punctuation, one case)."""
    for sentence in SENTENCE.split(text):
        if key := NOT_WORD.sub("", sentence).casefold():
            yield sentence, key


def _sentence_keys(text: str) -> set[str]:
    """The keys of a block's sentences long enough for either repetition criterion."""
    return {key for _, key in _sentences(text) if len(key) >= FOLLOW_REPEAT_LENGTH}


def _issuer(doc: Document) -> str:
    """The issuing body a document's record names, in Chinese where it has it."""
    body = doc.record.issuing_body
    return body.get("zh") or body.get("en") or doc.id


def _lines(doc: Document, cells: Mapping[str, Cell]) -> list[Line]:
    """A version's printed text as cleaned lines: each text cell with its raw lines and its block's kind.

    Collated witnesses are not looked at: their readings are variants shown against the base text,
    which is what the edition prints.
    """
    return [Line(cell.lines[0], cell.lines[1], cell.text, block.kind) for block in doc.blocks
            if (cell := cells.get(block.id)) is not None and cell.status == CellStatus.TEXT and cell.lines]


def _kept(use: WitnessUse, flag: LineToLook, lines: Sequence[Line]) -> bool:
    """Whether the record keeps the flagged block: any of its raw lines is among the kept lines."""
    block = next(line for line in lines if line.first == flag.line)
    return any(first <= block.last and block.first <= last for first, last, _ in use.kept_lines.ranges)


def _check_not_collated(path: Path, collated: Sequence[WitnessUse]) -> None:
    """A collated witness's readings are not looked at (the base text is what the edition prints): none to keep."""
    for use in collated:
        if use.kept_lines:
            raise EditionError(path, use.line_of("kept_lines"), f"kept_lines on the collated witness {use.file}, "
                               "whose lines are not looked at", "nothing to keep — remove it from kept_lines")


def _check_kept(path: Path, use: WitnessUse, lines: Sequence[Line], flagged: Sequence[LineToLook]) -> None:
    """Each kept range keeps flagged blocks only, at least one: a keep nothing needs any more is refused."""
    flagged_at = {flag.line for flag in flagged}
    for index, (first, last, _) in enumerate(use.kept_lines.ranges):
        blocks = [line for line in lines if line.first <= last and first <= line.last]
        plain = next((line for line in blocks if line.first not in flagged_at), None)
        if plain is not None or not blocks:
            where = f"line {plain.first}" if plain else f"line {first}" if first == last else f"lines {first}-{last}"
            raise EditionError(path, use.kept_lines.line_of(index) or use.line,
                               f"kept_lines: {where} of {use.file} is not flagged as a line to look at",
                               "nothing to keep — remove it from kept_lines")
