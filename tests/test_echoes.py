"""Echoes on the real texts: the rule the echoes page states, each place in its own words with its English,
the minimum that drops trivial fragments, and at most two echo links under a block."""

from __future__ import annotations

import re

from build_tools.editorial.echoes import MINIMUM, compared, content_characters, find_echoes
from build_tools.editorial.sentences import en_sentences, zh_sentences

ECHO_LINE = re.compile(r'<p class="editorial echoes" lang="en">(.*?)</p>', re.S)


def _doc(edition, doc_id):
    return next(d for d in edition.documents if d.id == doc_id)


def _page(site_dir, path):
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


def _echo(echoes, phrase):
    """The echo whose compared phrase is this phrase's."""
    return next(e for e in echoes if e.key == compared(phrase)[0])


def test_the_rule_is_deterministic_and_every_phrase_stands_in_two_documents_at_least(edition):
    kept, trivial = find_echoes(edition.documents)
    assert (kept, trivial) == find_echoes(edition.documents)
    assert kept == edition.editorial.echoes and trivial == edition.editorial.trivial_echoes
    for echo in kept + trivial:
        assert len({p.document for p in echo.places}) >= 2, echo.phrase
        # Every Chinese block that holds the phrase is a place of it, and only those.
        holders = {(d.id, b.id) for d in edition.documents if (zh := d.version("zh"))
                   for b in d.blocks if echo.key in compared(zh.cells[b.id].text)[0]}
        assert {(p.document, p.block) for p in echo.places} == holders
    assert len({e.key for e in kept + trivial}) == len(kept) + len(trivial)  # one row per phrase, variants merged


def test_each_place_is_quoted_in_its_own_words(edition):
    for echo in edition.editorial.echoes + edition.editorial.trivial_echoes:
        for place in echo.places:
            text = _doc(edition, place.document).version("zh").cells[place.block].text
            assert text[place.start:place.end] == place.phrase and compared(place.phrase)[0] == echo.key
    # China–France ¶7 glosses 智能向善 in brackets; the Initiative does not: one row, each in its own words.
    good = _echo(edition.editorial.echoes, "坚持“智能向善”的宗旨")
    assert {(p.document, p.block): p.phrase for p in good.places} == {
        ("initiative-2023", "p7"): "坚持“智能向善”的宗旨",
        ("china-france-statement-2024", "p7"): "坚持“智能向善（AI for good）”的宗旨"}
    # 、 and ， are one phrase: the Capacity-Building Plan and the Action Plan.
    labs = _echo(edition.editorial.echoes, "人工智能基础设施建设合作，共建联合实验室")
    assert [p.phrase for p in labs.places] == ["人工智能基础设施建设合作，共建联合实验室", "人工智能基础设施建设合作、共建联合实验室"]


def test_the_china_france_echo_quotes_the_initiative_as_the_initiative_reads(site_dir):
    for page in ("china-france-statement-2024", "china-france-statement-2024/zh"):
        html = _page(site_dir, page)
        row = html[html.index('id="p7"'):html.index('id="p8"')]
        (line,) = ECHO_LINE.findall(row)
        assert re.search(r'Global AI Governance Initiative \(2023\) <a href="[./]*initiative-2023/#p7">¶7</a> '
                         r'<span lang="zh-Hans">坚持“智能向善”的宗旨</span>', line), page
        assert "AI for good" not in line


def test_a_trivial_fragment_is_dropped_and_a_shared_sentence_kept(edition, site_dir):
    kept, trivial = edition.editorial.echoes, edition.editorial.trivial_echoes
    fragment = _echo(trivial, "的安全性、可靠性、可控性")
    assert content_characters(fragment.key) < MINIMUM <= len(fragment.key)  # 的 and 性 ×3 do not count
    assert not any(e.key == fragment.key for e in kept)
    sentence = _echo(kept, "以人工智能技术防范人工智能风险，提高人工智能治理的技术能力")
    assert [(p.document, p.block) for p in sentence.places] == [("initiative-2023", "p14"),
                                                                 ("shanghai-declaration-2024", "p11")]
    overview = _page(site_dir, "echoes")
    shared, by_paragraph = overview.index('id="shared-phrases"'), overview.index('id="by-paragraph"')
    assert "以人工智能技术防范人工智能风险，提高人工智能治理的技术能力" in overview[shared:by_paragraph]
    assert "的安全性、可靠性、可控性<" not in overview[:overview.index('id="trivial"')]
    assert "的安全性、可靠性、可控性<" in overview[overview.index('id="trivial"'):]
    # The page states the rule with this build's figures.
    assert f"the minimum keeps {len(kept)} and drops {len(trivial)}" in overview
    assert "（AI for good）" in overview and "的 之" in overview


def test_the_english_is_the_sentence_that_translates_the_phrase(edition):
    sentence = _echo(edition.editorial.echoes, "以人工智能技术防范人工智能风险，提高人工智能治理的技术能力")
    initiative, shanghai = (p.english for p in sentence.places)
    assert initiative.status == "official" and "prevent AI risks" in initiative.text
    # Shanghai ¶11 has three Chinese sentences and four English ones: matched by length, the second.
    assert (shanghai.first, shanghai.last, shanghai.count, shanghai.by_length) == (2, 2, 4, True)
    assert "prevent AI risks" in shanghai.text and "reviewed, monitored" not in shanghai.text
    good = _echo(edition.editorial.echoes, "坚持“智能向善”的宗旨")
    france = good.place("china-france-statement-2024", "p7").english
    assert france.status == "unofficial" and '"AI for good"' in france.text  # the document has no official English
    developing = _echo(edition.editorial.echoes, "各国特别是发展中国家")
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


def test_no_block_carries_more_than_two_echo_links(site_dir, edition):
    lines = 0
    for page in site_dir.rglob("index.html"):
        for line in ECHO_LINE.findall(page.read_text(encoding="utf-8")):
            lines += 1
            links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', line)
            to_blocks = [href for href, _ in links if "/echoes/" not in href]
            assert 1 <= len(to_blocks) <= 2, (page, line)
            more = [(href, text) for href, text in links if "/echoes/" in href]
            for href, _ in more:
                anchor = href.split("#")[1]
                assert f'id="{anchor}"' in _page(site_dir, "echoes"), href
    assert lines > 30
    # China–France ¶10 shares 各国特别是发展中国家 with seven paragraphs of the Capacity-Building Plan.
    html = _page(site_dir, "china-france-statement-2024/zh")
    (line,) = ECHO_LINE.findall(html[html.index('id="p10"'):html.index('id="p11"')])
    assert line.endswith('<a href="../../echoes/#china-france-statement-2024-p10">5 more</a>')
