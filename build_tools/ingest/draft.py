"""The draft command: a new raw file → its manifest entry, a draft edition record, and a preview of the text.

``python -m build_tools draft source_texts/raw/<file> [--id ID]``. The draft reads what the file says of
itself (``witness_facts``), writes the record, and then runs the build's own ingest (``read_texts``, the
cleaning pipelines of ``cleaning/pipelines.py``) on a scratch copy of ``source_texts/`` with the new
entry and record: the preview shows exactly the blocks and removals the build will make, and nothing is
written to the project unless that ingest accepts the draft. Existing files are never overwritten: the
record is created exclusively and the manifest entry is appended, every existing byte kept.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jieba
from pypinyin import lazy_pinyin

from build_tools.ingest.boilerplate import load_boilerplate
from build_tools.ingest.cleaning.markup import plain
from build_tools.ingest.cleaning.pdf import converter_metadata
from build_tools.ingest.lookout import LineToLook, look_at_lines
from build_tools.ingest.records import hand_written_pages
from build_tools.ingest.schema import ID
from build_tools.ingest.texts import read_texts
from build_tools.ingest.witness_facts import (
    HAN,
    ISO_DATE,
    NO_RECORD,
    Byline,
    FrontMatter,
    KindFinding,
    Region,
    dates_in,
    detect_kind,
    find_byline,
    find_title,
    language_regions,
    read_front_matter,
)
from build_tools.ingest.witnesses import FILE_NAME, MANIFEST, decode_raw
from build_tools.ingest.yamlio import load_yaml
from build_tools.model import labels
from build_tools.model.edition import Document, Texts
from build_tools.model.errors import EditionError
from build_tools.model.languages import LANGUAGES
from build_tools.model.records import SITE_NAMES
from build_tools.model.text import Line, StripEntry

jieba.setLogLevel(logging.WARNING)

MAX_ID = 40
# A drafted record whose file states no date has this line where its date goes: the build refuses the record
# until the editor gives one. The scratch copy the preview is built from gives it the stand-in date instead
# (the cleaning does not read the date), so that neither this draft nor an earlier one still waiting for its
# date stops the preview; the stand-in never reaches a record the draft writes.
NO_DATE = "# date: TODO "
STAND_IN_DATE = "1900-01-01"
ENGLISH_STOPWORDS = frozenset({"a", "an", "the", "of", "and", "on", "for", "in", "to", "with", "by", "at", "its"})
# Function words that say nothing in an ID: 关于 (on), 的 (of), 和/与/及 (and), 对/针对 (towards).
CHINESE_STOPWORDS = frozenset({"关于", "的", "和", "与", "及", "对", "针对", "之"})
# The kind of document a title names, by its last word: 办法 → measures.
DOCUMENT_TYPES = (
    ("管理办法", "measures"), ("办法", "measures"), ("规定", "provisions"), ("条例", "regulations"),
    ("通知", "notice"), ("实施指南", "implementation guide"), ("指南", "guide"), ("指引", "guidelines"),
    ("框架", "framework"), ("倡议", "initiative"), ("宣言", "declaration"), ("声明", "statement"),
    ("行动计划", "action plan"), ("计划", "plan"), ("报告", "report"), ("意见", "opinions"), ("白皮书", "white paper"),
    ("标准", "standard"), ("总则", "standard"), ("法", "law"), ("决定", "decision"), ("方案", "plan"),
)
ENGLISH_TYPES = ("framework", "guide", "guidelines", "statement", "declaration", "initiative", "plan", "report",
                 "standard", "measures", "regulations", "law", "white paper", "strategy", "principles")
# A line that names the issuer at the head or foot of a text: a short line ending in the name of a body.
ISSUER = re.compile(r"[\u4e00-\u9fff（）()·]{2,38}(?:部|委员会|委|办公室|局|院|署|中心|政府|交易所|协会|联盟|研究所|总局)")
# A standard's (or any text's) own sentence naming the bodies behind it: 本标准由全国物品编码标准化技术委员会
# （SAC/TC 287）和全国信息技术标准化技术委员会（SAC/TC 28）提出并归口. Only the text speaking of itself (本…由),
# and only proposing, administering or issuing: 起草 (drafting) and 解释 (interpreting) name other parties.
ISSUED_BY = re.compile(r"本(?:标准|文件|规范|办法|规定|细则|条例|指南|指引|框架|方案|计划|意见|通知|决定|倡议|报告|白皮书)"
                       r"由(?P<bodies>[^。；，,;]{2,160}?)(?:共同|联合)?(?P<act>提出并归口|提出|归口|发布|印发|批准)")
# A line dating the document's publication: the cover's "2018-12-28 发布", "Published 20 October 2023".
PUBLISHED_ON = re.compile(r"发布|印发|\b(?:[Ii]ssued|[Pp]ublished)\b")
# A WeChat account's column tag around a post's title, which is the account's and not the document's:
# 【资讯】WordPress 曝出严重漏洞… or …59款EDR/防护软件遭终止| 牛览.
COLUMN_TAG = re.compile(r"^【[^】]{1,8}】\s*|\s*[|｜丨]\s*[^|｜丨]{1,8}$")
TRANSLATION = re.compile(r"unofficial|translated (?:by|with|from)|translation of|非官方|译文|翻译", re.IGNORECASE)
NEXT_STEPS = ("confirm the ID and the title in {record} (IDs are permanent: every URL and citation holds the ID), "
              "and replace each TODO comment", "make site", "look at /{id}/ in `make serve`, and at the lines above")


@dataclass
class Facts:
    """What the raw file says of itself, each with the line it rests on."""

    file: str
    lines: tuple[str, ...]
    sha256: str
    kind: KindFinding
    front: FrontMatter | None
    title: str
    title_line: int
    byline: Byline | None
    regions: list[Region]
    original_account: str = ""


@dataclass
class RecordDraft:
    """A drafted record's values and the reasons for them, before they are written as YAML."""

    doc_id: str
    titles: dict[str, tuple[str, str]]  # lang → (title, basis)
    date: str  # "" where the raw file states none: the record then has no date, and the build refuses it
    date_basis: str
    issuing_body: dict[str, tuple[str, str]]
    document_type: str
    # lang, status, span; no hard_wrapped: the build finds a hard-wrapped text itself (cleaning.pipeline.wrap_column)
    versions: list[tuple[str, str, tuple[int, int]]]
    todo: dict[str, str] = field(default_factory=dict)  # key → what the editor must supply
    id_given: bool = False


def draft(root: Path, raw: Path, doc_id: str | None = None) -> str:
    """Draft the manifest entry and record of ``raw``, check them with the build's ingest, write them; the preview."""
    path, manifest_path = _checked_path(root, raw)
    data = path.read_bytes()
    text = decode_raw(path, data)
    facts = _facts(root, path.name, text, hashlib.sha256(data).hexdigest())
    _check_not_listed(manifest_path, path.name, facts.sha256)
    record = _record_draft(root, facts, doc_id)
    entry_text = manifest_entry(facts)
    record_text = record_yaml(facts, record)
    record_path = root / "source_texts" / f"{record.doc_id}.yml"
    texts = _ingest_with(root, facts.file, entry_text, record_path, record_text)
    document = next(d for d in texts.documents if d.id == record.doc_id)
    lines = tuple(_document_lines(document))
    others = [(d.id, [c.text for c in d.versions[0].cells.values() if c.text]) for d in texts.documents
              if d.id != record.doc_id]
    to_look = look_at_lines(facts.file, lines, others)
    with record_path.open("x", encoding="utf-8") as out:  # exclusive: a record is never overwritten
        out.write(record_text)
    existing = manifest_path.read_bytes()
    with manifest_path.open("a", encoding="utf-8") as out:
        out.write(("" if existing.endswith(b"\n") else "\n") + entry_text)
    return preview(facts, record, document, texts.reports[facts.file].entries, to_look)


def _checked_path(root: Path, raw: Path) -> tuple[Path, Path]:
    """The raw file, refused unless it is a file directly in the project's ``source_texts/raw/``."""
    raw_dir = (root / "source_texts" / "raw").resolve()
    path = raw.resolve()
    if path.parent != raw_dir:
        raise EditionError(raw, None, "not a file in this project's source_texts/raw/",
                           f"copy the scraped file into {raw_dir} and run: make draft RAW=source_texts/raw/{raw.name}")
    if not path.is_file():
        raise EditionError(raw, None, "no such file" if not path.exists() else "not a file",
                           "give the path of a scraped text in source_texts/raw/")
    if path.name == "manifest.yml" or not FILE_NAME.fullmatch(path.name):
        raise EditionError(raw, None, f"{path.name!r} cannot be a raw witness's name",
                           "rename it to letters, digits, '_', '.' and '-' (e.g. 005_<source id>.txt)")
    return path, raw_dir / "manifest.yml"


def _check_not_listed(manifest_path: Path, name: str, sha256: str) -> None:
    for entry in MANIFEST(load_yaml(manifest_path)):
        if entry.file == name:
            raise EditionError(manifest_path, entry.line, f"{name} is already in the manifest",
                               "the file is drafted already: edit its record, or remove the entry to draft it anew")
        if entry.sha256 == sha256:
            raise EditionError(manifest_path, entry.line, f"{name} has the same bytes as {entry.file}, already in the "
                               "manifest", f"remove the copy source_texts/raw/{name}: the text is in the edition")


def _facts(root: Path, name: str, text: str, sha256: str) -> Facts:
    lines = tuple(text.split("\n"))
    front = read_front_matter(lines)
    title, title_line = find_title(lines, front)
    byline = find_byline(lines, title, front)
    kind = detect_kind(name, lines, front, byline, load_boilerplate(root / "source_texts"))
    if kind.kind == "aggregator":
        raise EditionError(name, None, "an aggregator page (excerpts with attribution lines) is placed excerpt by "
                           "excerpt", "add its manifest entry and place each excerpt in a record by hand, as "
                           "source_texts/icdppc-declaration-2018.yml does")
    regions = language_regions(lines)
    if not regions:
        raise EditionError(name, 1, "no Chinese or English text in the file", "check that this is the scraped text")
    langs = [r.lang for r in regions]
    if len(set(langs)) < len(langs):
        again = next(r for i, r in enumerate(regions) if r.lang in langs[:i])
        raise EditionError(name, again.first, f"a second {again.lang} region starts here: the file holds several "
                           "documents", "draft handles one document a file: write the records of a multi-document "
                           "file by hand, as for 002")
    original = next((m.group(1).strip() for m in (re.match(r"\s*以下文章来源于\s*(.+)", t) for t in lines) if m), "")
    return Facts(name, lines, sha256, kind, front, title, title_line, byline, regions, original)


def _spans(facts: Facts) -> list[tuple[Region, tuple[int, int]]]:
    """Each language region's span: together they claim the whole file, so every removal is reported."""
    last = max(n for n, t in enumerate(facts.lines, start=1) if t.strip())
    spans = []
    for index, region in enumerate(facts.regions):
        first = 1 if index == 0 else region.first
        end = facts.regions[index + 1].first - 1 if index + 1 < len(facts.regions) else last
        end = max(n for n in range(first, end + 1) if facts.lines[n - 1].strip())
        spans.append((region, (first, end)))
    return spans


def _lang_of(text: str) -> str:
    han = len(HAN.findall(text))
    return "zh" if han and han * 1.5 >= len(re.findall(r"[A-Za-z]{2,}", text)) else "en"


def _record_draft(root: Path, facts: Facts, doc_id: str | None) -> RecordDraft:
    spans = _spans(facts)
    titles: dict[str, tuple[str, str]] = {}
    versions = []
    for region, span in spans:
        if facts.title and span[0] <= facts.title_line <= span[1] and _lang_of(facts.title) == region.lang:
            where = "front matter title" if facts.front and facts.title_line <= facts.front.last_line else "title line"
            title = COLUMN_TAG.sub("", facts.title) if facts.kind.kind == "wechat" else facts.title
            dropped = f", the account's column tag {' and '.join(COLUMN_TAG.findall(facts.title))!r} left out" \
                if title != facts.title else ""
            titles[region.lang] = (_quotes_curled(title), f"raw file line {facts.title_line} ({where}){dropped}")
        else:
            number, line = next((n, plain(t)) for n, t in enumerate(facts.lines[region.first - 1:],
                                                                             start=region.first) if t.strip())
            titles[region.lang] = (_quotes_curled(line), f"raw file line {number}, the first line of the "
                                   f"{region.lang} text — check it")
        head = "\n".join(facts.lines[span[0] - 1:span[0] + 9] + facts.lines[max(span[1] - 5, 0):span[1]])
        status = "unofficial" if TRANSLATION.search(head) else "official"
        versions.append((region.lang, status, span))
    versions.sort(key=lambda v: v[0] != "zh")  # the Chinese version leads: its blocks define the IDs
    date, date_basis, date_todo = _date(facts)
    todo = {"date": date_todo} if date_todo else {}
    issuing_body = _issuing_body(facts)
    if not issuing_body:
        todo["issuing_body"] = "the text does not name its issuer: give it as zh: … and en: …"
    document_type = _document_type(next(iter(titles.values()))[0])
    if document_type == "unknown":
        todo["document_type"] = "not evident from the title: give it (measures, guide, standard, notice …)"
    chosen = doc_id or _slug(titles, date)
    _check_id(root, chosen, given=doc_id is not None)
    return RecordDraft(chosen, titles, date, date_basis, issuing_body, document_type, versions, todo,
                       id_given=doc_id is not None)


def _quotes_curled(title: str) -> str:
    """A title with straight double quotes curled, as the record's schema asks (the theme prints titles inside HTML
    attributes); the build still knows the file's title line for the title (is_title_line takes quotes alike)."""
    parts = title.split('"')
    return title if len(parts) % 2 == 0 else "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) \
        + parts[-1]


def _date(facts: Facts) -> tuple[str, str, str]:
    """The document's date, the line it rests on, and what the editor must still give ("" when nothing).

    A date written in the text, else the post's; where the file states none, no date: neither the day of the
    draft nor the day the page was fetched is the document's, and the build refuses a record without one."""
    if facts.kind.kind != "wechat":
        edges = _edges(facts)
        issued = [(n, d) for n, t in edges for d in dates_in(t) if re.search(r"发布|印发|Issue|Adopted|Published", t)]
        found = issued or [(n, d) for n, t in edges for d in dates_in(t)]
        if found:
            number, (iso, written) = found[0]
            basis = f"raw file line {number}: {written!r}"
            if re.search(r"日|\d{1,2}\s*$|\d{1,2},|^\d{1,2} |-\d{2}$", written):
                return iso, basis, ""
            return iso, f"{basis} (a month only: its first day stands in)", \
                f"raw file line {number} states the month ({written}), not the day: the 1st stands in — give the " \
                "day where another source states it"
    if facts.byline and facts.byline.date:
        return facts.byline.date, f"the post's byline, raw file line {facts.byline.line}: " \
            f"{facts.byline.text!r} — the document's own date may be earlier", ""
    if facts.front and (match := ISO_DATE.search(facts.front.get("date"))):
        return match.group(), f"the post's date in the front matter, raw file line {facts.front.fields['date'][0]} " \
            "— the document's own date may be earlier", ""
    fetched = facts.front.get("fetch_date") if facts.front else ""
    bound = f" (the page was fetched {fetched}: the document is no later)" if facts.front and fetched else ""
    return "", "not stated in the raw file", f"the raw file states no date{bound}: give the document's own date " \
        "as date: YYYY-MM-DD and where it comes from as date_basis: — the build refuses the record until then"


def _body(facts: Facts) -> list[tuple[int, str]]:
    """The numbered lines of the text: not the scraper's front matter nor a converter's notes (their dates are the
    fetch's and the conversion's, not the document's)."""
    numbered = list(enumerate(facts.lines, start=1))[facts.front.last_line if facts.front else 0:]
    notes = converter_metadata([Line(n, n, t) for n, t in numbered if t.strip()], NO_RECORD)
    return [(n, t) for n, t in numbered if n not in notes]


def _edges(facts: Facts) -> list[tuple[int, str]]:
    """The numbered lines at the head and the foot of the text, where it states its date; each line once."""
    body = _body(facts)
    return body[:40] + body[40:][-12:]


def _publication_line(facts: Facts) -> tuple[int, str, str] | None:
    """The line of a text that is not a post stating its publication with a date: (line, ISO date, the line)."""
    if facts.kind.kind == "wechat":
        return None  # a post's publication is its byline's; a date line in it is the reposted document's
    return next(((n, dates[0][0], t.strip()) for n, t in _edges(facts)
                 if PUBLISHED_ON.search(t) and (dates := dates_in(t))), None)


def _issuing_body(facts: Facts) -> dict[str, tuple[str, str]]:
    """The issuer where the text names it: in a sentence of its own (本标准由…提出并归口), or on a line at its head or foot."""
    for number, text in _body(facts):
        if not (match := ISSUED_BY.search(text)):
            continue
        bodies = re.sub(r"\s+", "", re.sub(r"[（(][^（()）]*[）)]", "", match["bodies"]))  # committee codes: (SAC/TC 287)
        if all(ISSUER.fullmatch(body) for body in re.split(r"和|与|及|、", bodies)):
            return {"zh": (bodies, f"raw file line {number}: {_short(match.group(), 80)!r} — the text names the "
                           f"bodies that it says {match['act']} it; check it")}
    numbered = [(n, t.strip()) for n, t in _body(facts) if t.strip()]
    candidates = numbered[:8] + numbered[-8:] if facts.kind.kind != "wechat" else numbered[-8:]
    account = facts.byline.account if facts.byline else ""
    for number, text in candidates:
        name = re.sub(r"\s+", "", plain(text))
        if ISSUER.fullmatch(name) and name != account:
            return {"zh": (name, f"raw file line {number} names it on a line of its own — check it")}
    return {}


def _document_type(title: str) -> str:
    bare = re.sub(r"[\s》」”）)\d.版]+$", "", title)
    for ending, kind in DOCUMENT_TYPES:
        if bare.endswith(ending):
            return kind
    lowered = title.lower()
    return next((kind for kind in ENGLISH_TYPES if re.search(rf"\b{kind}\b", lowered)), "unknown")


def _slug(titles: dict[str, tuple[str, str]], date: str) -> str:
    """An ID from the title: the English title's words, else the Chinese title's first words in pinyin; and the year
    where the file states it."""
    year = date[:4]
    room = MAX_ID - len(year) - 1 if year else MAX_ID
    if "en" in titles:
        words = [w for w in re.findall(r"[a-z0-9]+", titles["en"][0].lower()) if w not in ENGLISH_STOPWORDS]
    else:
        words = []
        single = False  # single characters that the dictionary left alone (财/信, 工/信/部) make one word
        for token in jieba.lcut(titles["zh"][0], HMM=False):
            if token in CHINESE_STOPWORDS:
                single = False
                continue
            if HAN.search(token):
                spelled = "".join(lazy_pinyin(token)).lower()
                if single and len(token) == 1:
                    words[-1] += spelled
                else:
                    words.append(spelled)
                single = len(token) == 1
            else:
                words.extend(re.findall(r"[a-z0-9]+", token.lower()))
                single = False
    chosen: list[str] = []
    for word in (w for w in words if w and w != year):
        if len("-".join([*chosen, word])) > room:
            break
        chosen.append(word)
    return "-".join([*(chosen or ["document"]), *([year] if year else [])])


def _check_id(root: Path, doc_id: str, *, given: bool) -> None:
    where = "--id" if given else "the ID drafted from the title"
    if not ID.fullmatch(doc_id):
        raise EditionError(where, None, f"document ID {doc_id!r} is not lower-case letters and digits joined by '-'",
                           "give --id like global-digital-compact-2024")
    if doc_id in SITE_NAMES | hand_written_pages(root / "docs"):
        raise EditionError(where, None, f"document ID {doc_id!r} is the name of one of the site's own pages",
                           "give another --id")
    record = root / "source_texts" / f"{doc_id}.yml"
    if record.exists():
        raise EditionError(record, None, f"a record with the ID {doc_id} exists already",
                           "give another --id (a record is never overwritten)")


def _yaml(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def manifest_entry(facts: Facts) -> str:
    """The manifest entry of the raw file, as the lines to append to ``manifest.yml``."""
    front = facts.front
    account = facts.byline.account if facts.byline else ""
    accounts = [account] if account else []
    # The front matter's source names the account only when the page prints it too (else it is the feed's name).
    source = front.get("source") if front else ""
    if source and source not in accounts and any(t.strip() == source for t in facts.lines[front.last_line if front else 0:]):
        accounts.append(source)
    url = front.get("url") if front else ""
    url = url if re.fullmatch(r"https?://[^\s\"'<>]+", url) else "unknown"
    published = "unknown"
    if facts.byline and facts.byline.date:
        published = facts.byline.date + (f" (byline: {facts.byline.date} {facts.byline.time})" if facts.byline.time
                                          else "")
    elif stated := _publication_line(facts):
        published = f"{stated[1]} (raw file line {stated[0]}: {_short(stated[2], 60)})"
    elif front and (match := ISO_DATE.search(front.get("date"))):
        published = match.group()
    fetched = "unknown"
    if front and front.get("fetch_date"):
        try:
            datetime.datetime.fromisoformat(front.get("fetch_date"))
            fetched = front.get("fetch_date")
        except ValueError:
            pass  # not ISO 8601: the manifest says unknown rather than guess
    out = [f"  - file: {facts.file}", f"    sha256: {facts.sha256}", f"    kind: {facts.kind.kind}",
           f"    description: {_yaml(_description(facts, account, published))}",
           f"    publisher: {_yaml(f'{account}, WeChat public account' if account else 'unknown')}",
           f"    url: {_yaml(url)}", f"    published: {_yaml(published)}", f"    fetched: {_yaml(fetched)}"]
    if accounts:
        out.append(f"    account_names: [{', '.join(_yaml(a) for a in accounts)}]")
    return "\n".join(out) + "\n"


def _description(facts: Facts, account: str, published: str) -> str:
    """What the witness is, in plain words from the facts found (readers see it on the Sources page and in PDFs)."""
    if facts.kind.kind == "wechat":
        what = "WeChat repost" + (f" by the account {account}" if account else "") \
            + (f" of a post by {facts.original_account}" if facts.original_account else "")
    else:
        what = {"pdf-extract": "PDF extraction", "plain": "Plain text"}[facts.kind.kind]
    title = COLUMN_TAG.sub("", facts.title) if facts.kind.kind == "wechat" else facts.title
    # A title holding title marks of its own (《…》深度解读) is shown as it is: marks around it would nest.
    marks = "《》" if HAN.search(title) else "“”"
    shown = title if any(mark in title for mark in marks) else marks[0] + title + marks[1]
    description = what + (f": {shown}" if title else "") + ("" if published == "unknown"
                                                            else f" ({published.split()[0]})")
    languages = [LANGUAGES[r.lang].english for r in facts.regions]
    return f"{description}. {' and '.join(languages)} {'texts' if len(languages) > 1 else 'text'}."


def record_yaml(facts: Facts, record: RecordDraft) -> str:
    """The drafted edition record as YAML text, with a TODO comment wherever the file says nothing."""
    out = [f"# Edition record drafted by `make draft` from {facts.file}: check every value, confirm the ID and the",
           "# titles (the ID is permanent), and replace each TODO. Line numbers are 1-based lines of the raw file.",
           f"id: {record.doc_id}", "kind: document", "titles:"]
    out += [f"  {lang}: {_yaml(title)}" for lang, (title, _) in record.titles.items()]
    out.append("titles_basis: " + _yaml("; ".join(f"{lang}: {basis}" for lang, (_, basis) in record.titles.items())))
    if record.date:
        out += [f"date: {_yaml(record.date)}", f"date_basis: {_yaml(record.date_basis)}"]
        out += [f"# TODO date: {record.todo['date']}"] if "date" in record.todo else []
    else:  # the key stays out, so that the build refuses the record until the editor gives the date
        out.append(NO_DATE + record.todo["date"])
    if record.issuing_body:
        out.append("issuing_body:")
        out += [f"  {lang}: {_yaml(name)}" for lang, (name, _) in record.issuing_body.items()]
        out.append("issuing_body_basis: " + _yaml("; ".join(b for _, b in record.issuing_body.values())))
    else:
        out += ["issuing_body: {}", f"# TODO issuing_body: {record.todo['issuing_body']}"]
    out.append(f"document_type: {_yaml(record.document_type)}")
    out += [f"# TODO document_type: {record.todo['document_type']}"] if "document_type" in record.todo else []
    out.append("versions:")
    for lang, status, (first, last) in record.versions:
        out += [f"  - key: {lang}", f"    lang: {lang}", f"    status: {status}", "    witnesses:",
                f"      - file: {facts.file}", f"        lines: {first}-{last}"]
    return "\n".join(out) + "\n"


def _ingest_with(root: Path, name: str, entry_text: str, record_path: Path, record_text: str) -> Texts:
    """The build's ingest of ``source_texts/`` plus the draft, run on a scratch copy: the draft is refused as the build would."""
    raw_dir = (root / "source_texts" / "raw").resolve()
    kept = {e.file for e in MANIFEST(load_yaml(raw_dir / "manifest.yml"))} | {name, "manifest.yml"}

    def others_waiting(folder: str, names: list[str]) -> set[str]:
        # Other new raw files, dropped in to be drafted one by one, are not this draft's concern: the scratch
        # copy holds the manifest's files and this one, and the build itself still refuses them until drafted.
        return {n for n in names if n not in kept} if Path(folder).resolve() == raw_dir else set()

    with tempfile.TemporaryDirectory(prefix="draft-") as scratch:
        copy = Path(scratch) / "source_texts"
        shutil.copytree(root / "source_texts", copy, ignore=others_waiting)
        if (root / "docs").is_dir():
            (Path(scratch) / "docs").symlink_to((root / "docs").resolve(), target_is_directory=True)
        manifest = copy / "raw" / "manifest.yml"
        existing = manifest.read_text(encoding="utf-8")
        manifest.write_text(existing + ("" if existing.endswith("\n") else "\n") + entry_text, encoding="utf-8")
        (copy / record_path.name).write_text(record_text, encoding="utf-8")
        for record in copy.glob("*.yml"):
            drafted = record.read_text(encoding="utf-8").split("\n")
            if any(line.startswith(NO_DATE) for line in drafted):
                record.write_text("\n".join(f"date: {_yaml(STAND_IN_DATE)}" if line.startswith(NO_DATE) else line
                                            for line in drafted), encoding="utf-8")
        try:
            return read_texts(copy)
        except EditionError as err:
            where = Path(err.path)
            inside = where.is_relative_to(scratch) if where.is_absolute() else False
            shown = root / where.relative_to(scratch) if inside else where
            raise EditionError(shown, err.line, f"the draft would be refused by the build: {err.problem}",
                               err.fix) from None


def _document_lines(document: Document) -> list[Line]:
    """The first version's blocks as cleaned lines, located on their raw lines."""
    version = document.versions[0]
    return [Line(cell.lines[0], cell.lines[1], cell.text, block.kind) for block in document.blocks
            if (cell := version.cells.get(block.id)) and cell.lines and cell.text]


def preview(facts: Facts, record: RecordDraft, document: Document, report: Sequence[StripEntry],
            to_look: Sequence[LineToLook]) -> str:
    """What the draft found and what the build will make of it, for the editor to check."""
    out = [f"draft of source_texts/raw/{facts.file}",
           f"kind: {facts.kind.kind} — {'; '.join(facts.kind.evidence)}",
           "languages: " + ", ".join(f"{lang} (span {first}–{last})" for lang, _, (first, last) in record.versions),
           f"id: {record.doc_id}" + ("" if record.id_given else " (drafted from the title; --id ID chooses another)"),
           *(f"title ({lang}): {title} — {basis}" for lang, (title, basis) in record.titles.items()),
           f"date: {record.date or 'none'} — {record.date_basis}"
           + (f"; TODO {record.todo['date']}" if "date" in record.todo else ""),
           "issuing body: " + ("; ".join(f"{n} — {b}" for n, b in record.issuing_body.values()) or "not named (TODO)"),
           f"document type: {record.document_type}"]
    for version in document.versions:
        cells = [(block, version.cells.get(block.id)) for block in document.blocks]
        located = [c.lines for _, c in cells if c and c.lines and c.text]
        body = f"lines {min(a for a, _ in located)}–{max(b for _, b in located)}" if located else "none"
        out += ["", f"{version.key} ({version.status}), body: {body}: {len(located)} blocks"]
        for block, cell in cells:
            if cell and cell.text:
                out.append(f"  {labels.block_label(block.id):<5} {block.kind:<9} {_short(cell.text, 30)}"
                           f"   (line {cell.lines[0] if cell.lines else '?'})")
    out += ["", "dropped or changed, by rule:"]
    by_rule: dict[str, list[StripEntry]] = defaultdict(list)
    for entry in report:
        by_rule[entry.rule].append(entry)
    for rule, entries in sorted(by_rule.items(), key=lambda item: -len(item[1])):
        kept = sorted({e.kept_as for e in entries if e.kept_as})
        examples = " · ".join(f"{e.line}: {_shown(e.removed, 24)}" + (f" → {_shown(e.replacement, 12)}"
                                                                          if e.replacement else "")
                              for e in entries[:2])
        out.append(f"  {rule}: {len(entries)}" + (f" (kept as {', '.join(kept)[:60]})" if kept else "")
                   + f" — {examples}")
    out += ["", "lines to look at:"]
    out += [f"  {look.file}:{look.line}: {_short(look.text, 40)} — {look.reason}" for look in to_look] or ["  none"]
    record_rel = f"source_texts/{record.doc_id}.yml"
    out += ["", f"wrote: source_texts/raw/manifest.yml (entry for {facts.file} appended), {record_rel}"]
    out += ["next:"] + [f"  {n}. {step.format(record=record_rel, id=record.doc_id)}"
                        for n, step in enumerate(NEXT_STEPS, start=1)]
    return "\n".join(out)


def _shown(text: str, width: int) -> str:
    """A removed string as the report shows it: quoted, spaces visible, cut at ``width``."""
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
