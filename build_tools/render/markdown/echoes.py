"""``docs/echoes.md``: the passages the documents share, each with every paragraph that holds it (in its own words,
with its English), an entry per paragraph for the "more" beside the texts, and the passages the minimum drops.
The page states the rule of :mod:`build_tools.editorial.echoes` in full, with this build's figures."""

from __future__ import annotations

import re

from build_tools.editorial.echoes import (CLAUSE_MARKS, CUT, EDGE_CHARACTERS, FUNCTION_CHARACTERS, GAP, MINIMUM, RUN,
                                             SHORT_WORD)
from build_tools.editorial.sentences import MOST
from build_tools.model.edition import Edition
from build_tools.model.editorial import Echo, EchoPlace, Gloss, echoes_anchor
from build_tools.model.labels import block_label
from build_tools.render.elements import around, element, to_html
from build_tools.render.markdown.markup import section_heading
from build_tools.render.markdown.pages import escape_markdown, front_matter


# A run of Chinese in the page's English prose (characters, CJK and full-width punctuation; spaces between).
_CJK = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
HAN_RUN = re.compile(f"{_CJK}+(?: {_CJK}+)*")


def _zh(text: str) -> str:
    """Chinese from a text, escaped, in a span of its language."""
    return around(element("span", {"lang": "zh-Hans"}), escape_markdown(text))


def _marked(prose: str) -> str:
    """The page's own English prose (Markdown) with each run of Chinese in a span of its language."""
    return HAN_RUN.sub(lambda m: _zh(m.group()), prose)


def gloss_source(gloss: Gloss) -> str:
    """Where a place's English comes from and how it was chosen: "official English, sentence 2 of 3"."""
    where = f"{gloss.status} English"
    if gloss.count == 1:
        where += ", the whole paragraph"
    elif gloss.first == gloss.last:
        where += f", sentence {gloss.first} of {gloss.count}"
    else:
        where += f", sentences {gloss.first}–{gloss.last} of {gloss.count}"
    return where + (", matched by length" if gloss.by_length else "")


def render_echoes(edition: Edition, titles: dict[str, str], pages: dict[str, str]) -> str:
    """The echoes page: the rule, every shared passage, the paragraphs' entries and what the minimum drops."""
    echoes, trivial = edition.editorial.echoes, edition.editorial.trivial_echoes
    dates = {d.id: d.record.date for d in edition.documents}

    def place_link(place: EchoPlace) -> str:
        return f"[{escape_markdown(titles[place.document])} {block_label(place.block)}]({pages[place.document]}#{place.block})"

    parts = [front_matter({"title": "Echoes between the documents"}),
             section_heading("Echoes between the documents", "echoes", 1),
             around(element("div", {"class": "echo-rule", "markdown": "1"}),
                    "\n\n" + "\n".join(map(_marked, _rule(echoes, trivial))) + "\n\n") + "\n",
             "## Shared passages {: #shared-phrases }\n"]
    for echo in echoes:
        date = dates[echo.places[0].document]
        first_seen = to_html(element("time", {"datetime": date}, date))
        lines = [f"{_zh(echo.phrase)} · first seen {first_seen} · {len(echo.places)} paragraphs · "
                 f"{echo.content} content characters\n{{: .echo-phrase }}\n"]
        for place in echo.places:
            own = f" {_zh(place.phrase)}" if place.phrase != echo.phrase else ""
            # A colon, not a dash: some English paragraphs open with one (the Capacity-Building Plan's items).
            english = (f": {escape_markdown(place.english.text)} "
                       + around(element("span", {"class": "echo-source"}), f"({gloss_source(place.english)})")
                       if place.english else " " + around(element("span", {"class": "echo-source"}),
                                                          "(no English of this paragraph in the edition)"))
            lines.append(f"- {place_link(place)}{own}{english}")
        parts.append(around(element("div", {"class": "echo", "id": echo.id, "markdown": "1"}),
                            "\n\n" + "\n".join(lines) + "\n\n") + "\n")
    parts += _by_paragraph(edition, echoes, titles, pages)
    parts += ["## Under the minimum {: #trivial }\n",
              f"Shared, but with fewer than {MINIMUM} content characters or only a list of short words: not linked "
              "beside the texts.\n"]
    listed = "\n".join(f"- {_zh(echo.phrase)} ({_why_trivial(echo)}): "
                       + " · ".join(place_link(p) for p in echo.places) for echo in trivial)
    parts.append(around(element("div", {"class": "echo-trivial", "markdown": "1"}), f"\n\n{listed}\n\n"))
    return "\n".join(parts) + "\n"


def _why_trivial(echo: Echo) -> str:
    """What keeps a passage under the minimum: too few content characters, or only a list of short words."""
    return f"{echo.content} content characters" if echo.content < MINIMUM else "a list of short words"


def _rule(echoes: list[Echo], trivial: list[Echo]) -> list[str]:
    """The rule, as the page states it, with this build's figures."""
    function = ", ".join(f"{what} {' '.join(chars)}" if len(chars) > 1 else f"{chars} ({what})"
                         for chars, what in FUNCTION_CHARACTERS.items())
    short = sum(1 for echo in trivial if echo.content < MINIMUM)
    return [
        "Commitments recur from document to document. The build finds the shared wording by one fixed rule, "
        "the same at every build:\n",
        "- **What is compared:** the Chinese text of every paragraph and heading, as its Chinese characters and "
        "Arabic digits alone. Punctuation, spaces and Latin letters are ignored, so 、 and ， count alike and "
        "a bracketed English gloss such as （AI for good） drops out whole. 人工智能 counts as "
        "one character (otherwise every phrase about AI would echo every other).",
        f"- **What is shared:** two paragraphs of different documents share each run of at least {RUN} characters "
        "their compared texts have in common, where it first stands in each (words a longer run already matched "
        f"are not matched again). Runs that follow each other in both texts at most {GAP} characters apart, a "
        "word inserted or changed (自由跨境流动 and 自由流动), are one passage.",
        f"- **Where a passage ends:** never on a particle or conjunction ({' '.join(EDGE_CHARACTERS)}), and "
        "where it begins inside a word, cut from the characters before it, it drops what precedes the first "
        f"punctuation mark ({' '.join(CLAUSE_MARKS)}, in either text) when that is one to {CUT} characters: so "
        "a passage does not open on 流动， or 偏见， from the clause before. Likewise at its end. The trims repeat "
        "until neither applies.",
        "- **One entry per passage:** passages that overlap in a paragraph are one entry, so a phrase inside a "
        "longer one, and a paragraph that holds only part of it, stand in the longer's entry. The entry is headed "
        "by the words of the paragraph that holds most of it; it lists every paragraph that holds it, oldest "
        "document first, each once, and quotes in its own words (from the first to the last character it "
        "shares) each one whose wording differs from the heading.",
        f"- **The minimum:** a passage is listed when at least {MINIMUM} of its shared characters are content "
        "and it is more than a list of short words. Function characters do not count, by character wherever they "
        f"stand (so also in 平等 and 等级): {function}. A list of short words has no stretch between punctuation "
        f"and function characters longer than {SHORT_WORD} characters: 安全性、可靠性、可控性和公平性, four "
        f"qualities of {SHORT_WORD} characters, has {MINIMUM} content characters but says nothing of its own. "
        f"The texts share {len(echoes) + len(trivial)} passages; the minimum keeps {len(echoes)} and drops "
        f"{len(trivial)}: {short} under {MINIMUM} content characters and {len(trivial) - short} only a list of "
        "short words, [listed at the end](#trivial).",
        "- **The English:** beside each paragraph, its English in the document's official English translation, "
        "or the unofficial one where there is none: the sentences that translate the Chinese sentences holding "
        "the passage, not the passage's own words, which the edition does not align. Chinese sentences end at "
        "。！？, English ones at . ! ? before a capital. Where the two texts of the paragraph have as many "
        "sentences, each translates the one in the same place; where they do not, the sentences are grouped in "
        f"order, one to {MOST} a side, so that each group's share of the paragraph's length comes closest to its "
        "counterpart's, and the English is marked “matched by length”: a best guess, to be read as one.",
        "- **Beside the texts:** under each Chinese paragraph, at most two links: its passages with the most "
        "content characters first, each to the oldest paragraph of every other document that holds it, in that "
        "paragraph's own words, and never two links to one paragraph. A link keeps the reader's view (中文 to "
        "中文, 繁體 to 繁體) where the other document has it, and leads to its parallel page otherwise. "
        "“more” leads to the paragraph's entry [by paragraph](#by-paragraph).\n",
    ]


def _by_paragraph(edition: Edition, echoes: list[Echo], titles: dict[str, str], pages: dict[str, str]) -> list[str]:
    """Every paragraph that holds a shared passage, with each passage in its own words and where else it stands."""
    parts = ["## By paragraph {: #by-paragraph }\n",
             "Each paragraph that shares wording with another document, its passages in its own words, and "
             "the paragraphs of other documents that hold them.\n"]
    for doc in sorted(edition.documents, key=lambda d: (d.record.date, d.id)):
        entries = []
        for block in doc.blocks:
            held = [(echo, place) for echo in echoes if (place := echo.place(doc.id, block.id))]
            if not held:
                continue
            phrases = []
            for echo, place in sorted(held, key=lambda h: h[1].start):
                elsewhere: dict[str, list[str]] = {}
                for other in echo.places:
                    if other.document != doc.id:
                        elsewhere.setdefault(other.document, []).append(block_label(other.block))
                also = "; ".join(f"{escape_markdown(titles[d])} {', '.join(labels)}" for d, labels in elsewhere.items())
                phrases.append(f"- [{_zh(place.phrase)}](#{echo.id}) — also in {also}")
            entry = f"[{block_label(block.id)}]({pages[doc.id]}#{block.id})\n\n" + "\n".join(phrases)
            entries.append(around(element("div", {"class": "echo-index", "id": echoes_anchor(doc.id, block.id),
                                                  "markdown": "1"}), f"\n\n{entry}\n\n") + "\n")
        if entries:
            parts += [f"### {escape_markdown(titles[doc.id])} {{: #{doc.id} }}\n", *entries]
    return parts
