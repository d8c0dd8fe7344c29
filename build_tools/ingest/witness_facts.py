"""What a new raw witness says of itself: its kind, its languages, the scraper's front matter, its title and byline.

The draft command reads these facts to write a manifest entry and an edition record; nothing here
decides what is text and what is debris (the cleaning rules do that when the build runs).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from build_tools.ingest.cleaning import chinese, pdf, wechat
from build_tools.ingest.cleaning.aggregator import split_excerpts
from build_tools.ingest.cleaning.markup import plain
from build_tools.ingest.cleaning.pipeline import RuleContext, wrap_column
from build_tools.model.errors import EditionError
from build_tools.model.text import Boilerplate, Line

HAN = re.compile(f"[{chinese.HAN}]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Link targets, image sources, bare URLs and HTML tags are not words of any language.
ADDRESS = re.compile(r"\]\([^)]*\)|https?[:：]//\S+|www\.\S+|\S+@\S+\.\w+|</?[a-zA-Z][^<>]*>")
SENTENCE_PUNCTUATION = re.compile(r"[。！？，：；,.!?:;、]")
FRONT_MATTER_KEY = re.compile(r"([A-Za-z_][\w-]*):\s*(.*)")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# A translation is about as long as its original, so each language of a bilingual file holds a large share
# of its words; an English title, abstract or reference list inside a Chinese text (or the reverse) holds a
# small one (the GB/T standard in the corpus: its English title and twelve references are about 12 %).
# A language forms a version only with a contiguous region of at least this share of the file's words.
MIN_REGION_SHARE = 0.25
# One English word carries about as much as 1.5 Chinese characters (translations of the edition's texts
# run at about that ratio), so shares are counted in Chinese characters and 1.5 per English word.
UNITS_PER_WORD = 1.5

WECHAT_HOSTS = re.compile(r"mp\.weixin\.qq\.com|mmbiz\.qpic\.cn|wx\.qlogo\.cn|mmbiz\.qlogo\.cn")
# The cleaning rules' own tests of a line (a page marker, a byline, WeChat's interface strings) take a context;
# what they decide here rests on the line and the boilerplate phrases alone, never on a record's facts.
NO_RECORD = RuleContext()


@dataclass(frozen=True)
class FrontMatter:
    """The scraper's ``---`` block at the top of a file: its keys with their lines and values."""

    fields: dict[str, tuple[int, str]]
    last_line: int

    def get(self, key: str) -> str:
        """The value of a key, or "" when the front matter lacks it."""
        return self.fields.get(key, (0, ""))[1]


@dataclass(frozen=True)
class Byline:
    """The line under a WeChat title naming the author, the account and the date of the post."""

    line: int
    text: str
    account: str
    author: str = ""
    date: str = ""
    time: str = ""


@dataclass(frozen=True)
class Region:
    """A contiguous run of raw lines in one language."""

    lang: str
    first: int
    last: int
    units: float


@dataclass(frozen=True)
class KindFinding:
    """The kind of a witness and the evidence for it, shown to the editor."""

    kind: str
    evidence: tuple[str, ...]


def read_front_matter(lines: Sequence[str]) -> FrontMatter | None:
    """The scraper's front matter (``---`` / ``key: value`` lines / ``---``) at the top of the file, if any."""
    if not lines or lines[0].strip() != "---":
        return None
    fields: dict[str, tuple[int, str]] = {}
    for number, raw in enumerate(lines[1:60], start=2):
        if raw.strip() == "---":
            return FrontMatter(fields, number) if fields else None
        if match := FRONT_MATTER_KEY.fullmatch(raw.strip()):
            fields[match.group(1).lower()] = (number, match.group(2).strip().strip("'\"").strip())
        elif raw.strip():
            return None
    return None


def _page_marker(line: str) -> bool:
    """A page marker, as the PDF rule tells one (第 3 页 共 6 页, # página 20 — de file.pdf)."""
    return pdf.is_page_marker(line, NO_RECORD)


def find_title(lines: Sequence[str], front: FrontMatter | None) -> tuple[str, int]:
    """The title and the line that gives it: the front matter's, else the first heading, else the first line."""
    if front and front.get("title"):
        return front.get("title"), front.fields["title"][0]
    start = front.last_line if front else 0
    headings = [(plain(raw), number) for number, raw in enumerate(lines[start:start + 60], start=start + 1)
                if re.match(r"\s*#{1,6}\s", raw) and plain(raw) and not _page_marker(raw)]
    # A cover heading (中华人民共和国国家标准) comes first; the title is the heading repeated before the body.
    later = Counter(plain(raw) for raw in lines[start:])
    if headings:
        return next(((h, n) for h, n in headings if later[h] > 1), headings[0])
    for number, raw in enumerate(lines[start:], start=start + 1):
        if raw.strip() and not _page_marker(raw) and not raw.lstrip().startswith("!["):
            return plain(raw)[:120], number
    return "", 0


def find_byline(lines: Sequence[str], title: str, front: FrontMatter | None) -> Byline | None:
    """The author/account/date line under a ``#`` title line (WeChat's article header)."""
    start = front.last_line if front else 0
    for number, raw in enumerate(lines[start:start + 40], start=start + 1):
        if not (re.match(r"\s*#\s", raw) and plain(raw) == title):
            continue
        following = next(((n, t) for n, t in enumerate(lines[number:number + 3], start=number + 1) if t.strip()),
                         None)
        if following is None:
            continue
        at, text = following
        if (bare := wechat.byline_text(text)) and (dated := ISO_DATE.search(bare)):
            return _byline_parts(at, text.strip(), bare, dated)
        # A scraper's header: the title, then the account's name on a line of its own.
        if front and len(text.strip()) <= 24 and not SENTENCE_PUNCTUATION.search(text) \
                and not re.search(r"[!#*\[\]|<>]", text):
            return Byline(at, text.strip(), text.strip())
    return None


def _byline_parts(at: int, text: str, bare: str, dated: re.Match[str]) -> Byline:
    """A byline the rule recognised, read into its names (author, then account), its date and time."""
    time = re.match(r"\s*(\d{1,2}:\d{2})", bare[dated.end():])
    named = re.sub(r"^原创\s+", "", bare[:dated.start()].strip())
    # Two spaces or more part the names where a name holds a space of its own (KaitouLee整理  黑客白帽子).
    names = [n for n in re.split(r"\s{2,}" if re.search(r"\s{2,}", named) else r"\s+", named) if n]
    return Byline(at, text, names[-1], " ".join(names[:-1]), dated.group(), time.group(1) if time else "")


def detect_kind(name: str, lines: Sequence[str], front: FrontMatter | None, byline: Byline | None,
                boilerplate: Boilerplate) -> KindFinding:
    """WeChat repost, PDF extraction, aggregator page or plain text, with the evidence for it."""
    text = "\n".join(lines)
    traits: list[str] = []
    if front and "mp.weixin.qq.com" in front.get("url"):
        traits.append(f"front matter url on mp.weixin.qq.com (line {front.fields['url'][0]})")
    if hosts := Counter(m.group() for m in WECHAT_HOSTS.finditer(text)):
        traits.append(", ".join(f"{n}× {host}" for host, n in hosts.most_common()))
    if byline and byline.date:
        traits.append(f"title with an account/date byline (line {byline.line})")
    # WeChat's interface strings and footer (boilerplate.yml), each a line of its own as the page prints it.
    context = replace(NO_RECORD, boilerplate=boilerplate)
    if strings := list(dict.fromkeys(plain(t) for t in lines if wechat.is_wechat_interface_string(t, context)
                                     or boilerplate.find("footers", plain(t)))):
        traits.append("WeChat interface strings: " + ", ".join(strings[:3]))
    if traits:
        return KindFinding("wechat", tuple(traits))
    try:
        excerpts, _ = split_excerpts(name, tuple(lines))
    except EditionError:
        excerpts = []
    if excerpts:
        return KindFinding("aggregator", (f"{len(excerpts)} excerpts, each followed by an attribution line",))
    if evidence := _pdf_evidence(lines):
        return KindFinding("pdf-extract", tuple(evidence))
    return KindFinding("plain", ("no WeChat, aggregator or PDF traits",))


def _pdf_evidence(lines: Sequence[str]) -> list[str]:
    evidence: list[str] = []
    if markers := [n for n, t in enumerate(lines, start=1) if t.strip() and _page_marker(t)]:
        evidence.append(f"page markers ({', '.join(f'line {n}' for n in markers[:3])})")
    if toc := [n for n, t in enumerate(lines, start=1) if t.strip() and pdf.is_contents_line(t, NO_RECORD)]:
        evidence.append(f"a table of contents (line {toc[0]})")
    short = Counter(t.strip() for t in lines if 2 <= len(t.strip()) <= 30 and not re.search(r"[!\[\]()|*#]", t)
                    and not re.fullmatch(r"[\d\W]+", t.strip()))
    if running := [t for t, n in short.items() if n >= 3]:
        evidence.append(f"a running header repeated on every page ({running[0]!r})")
    if len(hyphenated := hyphenations(lines)) >= 2:
        evidence.append(f"words hyphenated at line ends ({len(hyphenated)}, first at line {hyphenated[0]})")
    if len(broken := page_breaks(lines)) >= 2:
        evidence.append(f"paragraphs broken off mid-sentence ({len(broken)}, first at line {broken[0]})")
    if column := wrap_column([t.strip() for t in lines if t.strip()]):
        evidence.append(f"lines hard-wrapped at {column} columns")
    return evidence


def hyphenations(lines: Sequence[str]) -> list[int]:
    """Lines ending in a word broken by a hyphen that the next line continues, as the PDF rule that rejoins it tells."""
    return [n for n, (t, nxt) in enumerate(zip(lines, lines[1:]), start=1)
            if pdf.rejoin_hyphenated_word(Line(n, n, t.rstrip()), Line(n + 1, n + 1, nxt.strip()), NO_RECORD)
            is not None]


def page_breaks(lines: Sequence[str]) -> list[int]:
    """Long Chinese paragraphs that stop mid-sentence before a blank line, the next paragraph going on with it."""
    paragraphs = [(n, t.strip()) for n, t in enumerate(lines, start=1) if t.strip()]
    return [n for (n, t), (m, nxt) in zip(paragraphs, paragraphs[1:])
            if m > n + 1 and len(HAN.findall(t)) >= 15 and HAN.match(nxt) and not re.search(r"[。！？；：”」）)]\W*$", t)]


def _units(text: str) -> tuple[int, int]:
    """Chinese characters and English words of a line, links and addresses left out."""
    bare = ADDRESS.sub(" ", text)
    return len(HAN.findall(bare)), len(LATIN_WORD.findall(bare))


def language_regions(lines: Sequence[str], first: int = 1) -> list[Region]:
    """Contiguous regions of one language covering lines ``first``…end; a small region joins its larger neighbour."""
    runs: list[Region] = []
    for number, raw in enumerate(lines[first - 1:], start=first):
        han, words = _units(raw)
        if not han and not words:
            continue
        lang, units = ("zh", float(han)) if han >= words * UNITS_PER_WORD else ("en", words * UNITS_PER_WORD)
        if runs and runs[-1].lang == lang:
            runs[-1] = Region(lang, runs[-1].first, number, runs[-1].units + units)
        else:
            runs.append(Region(lang, number, number, units))
    total = sum(r.units for r in runs)
    while len(runs) > 1 and (smallest := min(runs, key=lambda r: r.units)).units < MIN_REGION_SHARE * total:
        at = runs.index(smallest)
        neighbours = [i for i in (at - 1, at + 1) if 0 <= i < len(runs)]
        into = max(neighbours, key=lambda i: runs[i].units)
        host = runs[into]
        runs[into] = Region(host.lang, min(host.first, smallest.first), max(host.last, smallest.last),
                            host.units + smallest.units)
        del runs[at]
        runs = _coalesced(runs)
    return runs


def _coalesced(runs: list[Region]) -> list[Region]:
    merged: list[Region] = []
    for run in runs:
        if merged and merged[-1].lang == run.lang:
            merged[-1] = Region(run.lang, merged[-1].first, run.last, merged[-1].units + run.units)
        else:
            merged.append(run)
    return merged


def dates_in(text: str) -> list[tuple[str, str]]:
    """Dates written in a line, as (ISO date, as written): 2018-12-28, 2025年7月26日, 20 October 2023, 二〇二六年三月 (its 1st)."""
    found: list[tuple[str, str]] = []
    for match in re.finditer(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?", text):
        found.append((f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}", match.group().strip()))
    digits = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
    for match in re.finditer(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?", text):
        year = "".join(digits[c] for c in match[1])
        found.append((f"{year}-{_small_number(match[2]):02d}-{_small_number(match[3] or '一'):02d}", match.group()))
    for match in re.finditer(rf"\b(\d{{1,2}}) ({MONTHS}) (\d{{4}})\b|\b({MONTHS}) (\d{{1,2}}), (\d{{4}})\b", text):
        day, month, year = (match[1], match[2], match[3]) if match[1] else (match[5], match[4], match[6])
        found.append((f"{year}-{ENGLISH_MONTHS.index(month) + 1:02d}-{int(day):02d}", match.group()))
    return [(iso, written) for iso, written in found if _real_date(iso)]


ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December")
MONTHS = "|".join(ENGLISH_MONTHS)


def _small_number(token: str) -> int:
    values = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
    if "十" not in token:
        return values.get(token, 0)
    tens, _, ones = token.partition("十")
    return values.get(tens, 1) * 10 + values.get(ones, 0)


def _real_date(iso: str) -> bool:
    try:
        datetime.date.fromisoformat(iso)
    except ValueError:
        return False
    return 1900 <= int(iso[:4]) <= 2100
