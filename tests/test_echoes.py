"""Echoes on the real texts: the rule the echoes page states, each place in its own words with its English,
one row per passage, clean ends, the minimum that drops trivial fragments, and at most two echo links under a
block, to distinct places in the view the reader is in."""

from __future__ import annotations

import re
from itertools import combinations

from build_tools.editorial.echoes import MINIMUM, compared, content_characters, find_echoes
from build_tools.editorial.sentences import en_sentences, zh_sentences

ECHO_LINE = re.compile(r'<p class="editorial echoes" lang="en">(.*?)</p>', re.S)
LINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')
PARTICLES_AND_CONJUNCTIONS = "的之和与及或并"  # what the page says no phrase begins or ends on
CLAUSE_MARKS = "，、；：。！？"


def _doc(edition, doc_id):
    return next(d for d in edition.documents if d.id == doc_id)


def _page(site_dir, path):
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


def _row(echoes, doc_id, block_id, words):
    """The echo whose place in this block holds these words."""
    (echo,) = [e for e in echoes if (p := e.place(doc_id, block_id)) and words in p.phrase]
    return echo


def _echo_line(site_dir, path, block, following):
    html = _page(site_dir, path)
    lines = ECHO_LINE.findall(html[html.index(f'id="{block}"'):html.index(f'id="{following}"')])
    return lines[0] if lines else None


def _content(pair):
    """True when both characters are Chinese content characters: the place between them is inside a word."""
    return len(pair) == 2 and all(re.fullmatch(r"[\u4e00-\u9fff]", c) and c not in "的之和与及或并等性" for c in pair)


def _places(echo):
    return {(p.document, p.block): p.phrase for p in echo.places}


def test_the_rule_is_deterministic_and_every_row_stands_in_two_documents_at_least(edition):
    kept, trivial = find_echoes(edition.documents)
    assert (kept, trivial) == find_echoes(edition.documents)
    assert kept == edition.editorial.echoes and trivial == edition.editorial.trivial_echoes
    for echo in kept + trivial:
        assert len({p.document for p in echo.places}) >= 2, echo.phrase
        assert len({(p.document, p.block) for p in echo.places}) == len(echo.places), echo.phrase  # once a block
    assert len(kept) > 20


def test_a_phrase_inside_a_longer_one_is_one_row_with_it(edition):
    kept = edition.editorial.echoes
    # No two rows hold the same words of a block: a phrase inside a longer one joins the longer's row.
    for one, other in combinations(kept, 2):
        for place in one.places:
            if (there := other.place(place.document, place.block)):
                assert there.end <= place.start or place.end <= there.start, (one.phrase, other.phrase)
    # 人工智能能力建设国际合作 also stands in the Capacity-Building Plan's ¶10: a place of the longer phrase's row.
    assert _places(_row(kept, "action-plan-2025", "p14", "能力建设国际合作")) == {
        ("capacity-building-plan-2024", "p1"): "加强人工智能能力建设国际合作",
        ("capacity-building-plan-2024", "p10"): "人工智能能力建设国际合作",
        ("action-plan-2025", "p14"): "加强人工智能能力建设国际合作"}
    assert _places(_row(kept, "action-plan-2025", "p13", "支持在联合国框架下")) == {
        ("initiative-2023", "p15"): "支持在联合国框架下",
        ("capacity-building-plan-2024", "p6"): "支持在联合国框架下建立",
        ("action-plan-2025", "p13"): "支持在联合国框架下建立"}
    # 绿色转型发展 and 绿色发展: the Capacity-Building Plan's ¶9 holds the list from 气候变化应对 on.
    assert _places(_row(kept, "action-plan-2025", "p9", "气候变化应对")) == {
        ("capacity-building-plan-2024", "p3"): "绿色转型发展、气候变化应对、生物多样性保护等",
        ("capacity-building-plan-2024", "p9"): "气候变化应对、生物多样性保护等",
        ("action-plan-2025", "p9"): "绿色转型发展、气候变化应对、生物多样性保护等"}


def test_a_passage_is_one_row_and_its_ends_cut_no_clause_short(edition):
    kept = edition.editorial.echoes
    # Runs a changed word apart (跨境 in the Capacity-Building Plan) are one passage, quoted in each text's words;
    # the Shanghai Declaration's 依法有序自由流动 lies in it, so it is a place of the same row.
    data = _row(kept, "action-plan-2025", "p8", "探索构建数据共享的全球性机制平台")
    assert _places(data) == {
        ("shanghai-declaration-2024", "p5"): "依法有序自由流动",
        ("capacity-building-plan-2024", "p5"): "合作推动数据依法有序自由跨境流动，探索构建数据共享的全球性机制平台",
        ("action-plan-2025", "p8"): "合作推动数据依法有序自由流动，探索构建数据共享的全球性机制平台"}
    # Its end does not stop on 和: 特别是保障和(提高|强化) ends at 保障.
    literacy = _row(kept, "action-plan-2025", "p14", "素养和技能水平")
    assert literacy.place("capacity-building-plan-2024", "p13").phrase == "人工智能素养和技能水平，特别是保障"
    for echo in kept + edition.editorial.trivial_echoes:
        for place in echo.places:
            text, words = _doc(edition, place.document).version("zh").cells[place.block].text, place.phrase
            assert words[0] not in PARTICLES_AND_CONJUNCTIONS and words[-1] not in PARTICLES_AND_CONJUNCTIONS, words
            # Where it begins inside a word, no clause's last one to three characters open it (流动，探索…,
            # 偏见，促进…); where it ends inside one, no clause's first close it.
            head, tail = re.split(f"[{CLAUSE_MARKS}]", words)[0], re.split(f"[{CLAUSE_MARKS}]", words)[-1]
            if _content(text[place.start - 1:place.start + 1]):
                assert head == words or len(compared(head)[0]) > 3, words
            if _content(text[place.end - 1:place.end + 1]):
                assert tail == words or len(compared(tail)[0]) > 3, words
    assert not any(p.phrase.startswith(("流动", "偏见", "发展、")) for e in kept for p in e.places)


def test_each_place_is_quoted_in_its_own_words(edition):
    for echo in edition.editorial.echoes + edition.editorial.trivial_echoes:
        for place in echo.places:
            text = _doc(edition, place.document).version("zh").cells[place.block].text
            assert text[place.start:place.end] == place.phrase
    # China–France ¶7 glosses 智能向善 in brackets; the Initiative does not: one row, each in its own words.
    good = _row(edition.editorial.echoes, "initiative-2023", "p7", "智能向善")
    assert _places(good) == {("initiative-2023", "p7"): "坚持“智能向善”的宗旨",
                             ("china-france-statement-2024", "p7"): "坚持“智能向善（AI for good）”的宗旨"}
    # 、 and ， are one phrase: the Capacity-Building Plan and the Action Plan.
    labs = _row(edition.editorial.echoes, "action-plan-2025", "p14", "共建联合实验室")
    assert [p.phrase for p in labs.places] == ["人工智能基础设施建设合作，共建联合实验室", "人工智能基础设施建设合作、共建联合实验室"]


def test_the_china_france_echo_quotes_the_initiative_as_the_initiative_reads(site_dir):
    for page, target in (("china-france-statement-2024", "initiative-2023/"),
                         ("china-france-statement-2024/zh", "initiative-2023/zh/")):
        line = _echo_line(site_dir, page, "p7", "p8")
        assert re.search(rf'Global AI Governance Initiative \(2023\) <a href="(?:\.\./)+{target}#p7">¶7</a> '
                         r'<span lang="zh-Hans">坚持“智能向善”的宗旨</span>', line), page
        assert "AI for good" not in line


def test_a_list_of_qualities_and_a_short_fragment_are_dropped_and_a_shared_sentence_kept(edition, site_dir):
    kept, trivial = edition.editorial.echoes, edition.editorial.trivial_echoes
    # Eight content characters, but only a list of two-character qualities: trivial, as the issue asked.
    qualities = _row(trivial, "action-plan-2025", "p1", "可控性")
    assert qualities.place("action-plan-2025", "p1").phrase == "安全性、可靠性、可控性和公平性"
    assert content_characters(compared("安全性、可靠性、可控性和公平性")[0]) == MINIMUM
    assert not any(e.place("action-plan-2025", "p1") for e in kept)
    assert _echo_line(site_dir, "action-plan-2025/zh", "p1", "p2") is None  # no echo under Action Plan ¶1
    # Under eight content characters: 遵守适用的国际法.
    assert _row(trivial, "initiative-2023", "p7", "国际法").content < MINIMUM
    # Lists of longer words stay: 权利平等、机会平等、规则平等.
    assert _row(kept, "initiative-2023", "p15", "机会平等")
    sentence = _row(kept, "initiative-2023", "p14", "以人工智能技术防范人工智能风险")
    assert _places(sentence) == {
        ("initiative-2023", "p14"): "以人工智能技术防范人工智能风险，提高人工智能治理的技术能力",
        ("shanghai-declaration-2024", "p11"): "以人工智能技术防范人工智能风险，提高人工智能治理的技术能力"}
    overview = _page(site_dir, "echoes")
    shared, trivial_at = overview.index('id="shared-phrases"'), overview.index('id="trivial"')
    assert "以人工智能技术防范人工智能风险，提高人工智能治理的技术能力" in overview[shared:trivial_at]
    assert "安全性、可靠性、可控性" not in overview[shared:trivial_at]
    assert "安全性、可靠性、可控性和公平性</span> (a list of short words)" in overview[trivial_at:]
    # The page states the rule with this build's figures.
    short = sum(1 for e in trivial if e.content < MINIMUM)
    assert f"the minimum keeps {len(kept)} and drops {len(trivial)}" in overview
    assert f"{short} under {MINIMUM} content characters and {len(trivial) - short} only a list of short words" \
        in overview
    assert "（AI for good）" in overview and "的 之" in overview


def test_the_english_is_the_sentence_that_translates_the_phrase(edition):
    sentence = _row(edition.editorial.echoes, "initiative-2023", "p14", "以人工智能技术防范人工智能风险")
    initiative, shanghai = (p.english for p in sentence.places)
    assert initiative.status == "official" and "prevent AI risks" in initiative.text
    # Shanghai ¶11 has three Chinese sentences and four English ones: matched by length, the second.
    assert (shanghai.first, shanghai.last, shanghai.count, shanghai.by_length) == (2, 2, 4, True)
    assert "prevent AI risks" in shanghai.text and "reviewed, monitored" not in shanghai.text
    good = _row(edition.editorial.echoes, "initiative-2023", "p7", "智能向善")
    france = good.place("china-france-statement-2024", "p7").english
    assert france.status == "unofficial" and '"AI for good"' in france.text  # the document has no official English
    developing = _row(edition.editorial.echoes, "china-france-statement-2024", "p10", "各国特别是发展中国家")
    assert developing.place("china-france-statement-2024", "p10").english is None  # the excerpts lack ¶10
    # Every gloss is whole sentences of its block.
    for echo in edition.editorial.echoes:
        for place in echo.places:
            if place.english:
                english = _doc(edition, place.document).version(place.english.version).cells[place.block].text
                bounds = en_sentences(english)
                assert english[bounds[place.english.first - 1].start:bounds[place.english.last - 1].end] \
                    == place.english.text


def test_sentences_split_where_the_texts_end_them():
    assert len(zh_sentences("我们重申。各国应“加强”合作！")) == 2
    text = "12. Strengthening cooperation. We need the U.N. Secretary-General, i.e. its head. Done"
    assert [text[s.start:s.end] for s in en_sentences(text)] == [
        "12. Strengthening cooperation.", "We need the U.N. Secretary-General, i.e. its head.", "Done"]


def _target(href):
    """(document, view, block) of an echo link: view '' for the parallel page."""
    path, _, block = href.partition("#")
    parts = [p for p in path.split("/") if p not in ("", "..", ".")]
    return parts[0], "/".join(parts[1:]), block


def test_no_block_carries_more_than_two_echo_links_and_they_lead_to_distinct_places(site_dir, edition):
    views = {"": "", "zh": "zh", "zh-hant": "zh-hant", "zh-hant-both": "zh-hant-both"}
    lines = 0
    for view, expected in views.items():
        for doc in edition.documents:
            page = site_dir / doc.id / view / "index.html"
            if not page.exists():
                continue
            html = page.read_text(encoding="utf-8")
            for block_id, line in re.findall(r'id="([ps]\d+)"(?:(?!id="[ps]\d+").)*?'
                                             r'<p class="editorial echoes" lang="en">(.*?)</p>', html, re.S):
                lines += 1
                links = LINK.findall(line)
                to_blocks = [_target(href) for href, _ in links if "/echoes/" not in href]
                assert 1 <= len(to_blocks) <= 2, (page, line)
                assert len(set(to_blocks)) == len(to_blocks), (page, line)
                # The same view of the other document where it has one, its parallel page otherwise.
                for other, other_view, _ in to_blocks:
                    has = (site_dir / other / expected / "index.html").exists()
                    assert other_view == (expected if has else ""), (page, line)
                # Two links of one document never lead to places of one passage of this block.
                if len(to_blocks) == 2 and to_blocks[0][0] == to_blocks[1][0]:
                    (a_doc, _, a), (_, _, b) = to_blocks
                    assert not any(e.place(doc.id, block_id) and e.place(a_doc, a) and e.place(a_doc, b)
                                   for e in edition.editorial.echoes), (page, line)
                for href, _ in links:
                    if "/echoes/" in href:
                        assert f'id="{href.split("#")[1]}"' in _page(site_dir, "echoes"), href
    assert lines > 60
    # Action Plan ¶9: one passage, in the Capacity-Building Plan's ¶3 and ¶9: one link, the rest under "more".
    line = _echo_line(site_dir, "action-plan-2025/zh", "p9", "p10")
    assert [href for href, _ in LINK.findall(line)] == ["../../capacity-building-plan-2024/zh/#p3",
                                                        "../../echoes/#action-plan-2025-p9"]
    # The English views carry none.
    assert 'class="editorial echoes' not in _page(site_dir, "action-plan-2025/en")
