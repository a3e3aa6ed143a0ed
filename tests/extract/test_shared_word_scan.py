"""The passes' scanning patterns are tried only where the words they open with start, found by one
keyword scan per article (``CatalogContext.words``). Tried there, each must find exactly what
scanning the whole text finds: compared on generated text dense in the words and the characters
around them."""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from semikg.extract.passes import ArticleState, CatalogContext
from semikg.extract.passes import coreference, sites
from semikg.extract.passes.coreference import ANAPHOR_WORDS, CoreferencePass
from semikg.extract.passes.discovery import DiscoveryPass
from semikg.extract.passes.mentions import MentionsPass
from semikg.extract.passes.sites import BuiltSitesPass, SitesPass
from semikg.keywords import matches_at
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article

_CITY = "  - {id: kitakami, type: Place, name: Kitakami, zh_hans: 北上市, zh_hant: 北上市, part_of: taiwan}\n" \
        "  - {id: nantou, type: Place, name: Nantou, zh_hans: 南投县, zh_hant: 南投縣, part_of: taiwan}\n"


@pytest.fixture(scope="module")
def ctx(mini_catalog_path, tmp_path_factory) -> CatalogContext:
    path = tmp_path_factory.mktemp("cat") / "c.yaml"
    path.write_text(mini_catalog_path.read_text(encoding="utf-8") + _CITY, encoding="utf-8")
    context = CatalogContext(load_catalog(path))
    for make in (DiscoveryPass, MentionsPass, SitesPass, CoreferencePass, BuiltSitesPass):
        make(context)  # each registers its words
    return context


def _state(text: str) -> ArticleState:
    return ArticleState.of(Article(id="w-000", source_file="w.txt", encoding="utf-8", index=0, start=0, end=len(text),
                                   title=text[:20], text=text, norm_text=normalise(text), script=script_of(text)))


_PIECES = (list("该这此座家晶圆工厂房新区园生产基地他她们人国两家公司企业双方二者一二十0123456789f ab%.“”「」\"，。的位于在")
           + ["fab", "fab 12", "代工厂", "该公司", "这家企业", "the company", "这两家公司", "该芯片", "这款处理器", "晶圆厂",
              "生产基地", "封测厂", "坐落于", "设在", "兴建", "新建", "盖了", "北上", "南投", "北上工厂", "25%", "15.5 %关税"])


def _texts():
    return st.lists(st.sampled_from(_PIECES), max_size=50).map("".join)


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=300, deadline=None)
@given(text=_texts())
def test_anaphor_patterns_find_the_same_where_their_words_start(ctx, text):
    norm = normalise(text)
    words = ctx.words.of(_state(text))
    patterns = {"coreference.firm": coreference._ANAPHOR, "coreference.chip": coreference._CHIP_ANAPHOR,
                "coreference.fab": coreference._FAB_ANAPHOR, "coreference.person": coreference._PERSON_ANAPHOR,
                "coreference.pair": coreference._PAIR_ANAPHOR}
    assert set(patterns) == set(ANAPHOR_WORDS)
    for group, rx in patterns.items():
        assert _spans(matches_at(rx, norm, words.get(group, ()))) == _spans(rx.finditer(norm)), group


@settings(max_examples=300, deadline=None)
@given(text=_texts())
def test_site_patterns_find_the_same_where_their_words_start(ctx, text):
    norm = normalise(text)
    words = ctx.words.of(_state(text))
    stems = SitesPass(ctx)._stem_site
    assert stems is not None
    for starts, rx in ((sites._fab_word_starts(words), sites.FAB_WORD), (words.get("sites.end", ()), sites._SITE_END),
                       (words.get("sites.quoted", ()), sites._FAB_QUOTED), (words.get("sites.build", ()), sites._BUILD),
                       (words.get("sites.city", ()), stems), (words.get("sites.at", ()), sites._AT_WORD)):
        assert _spans(matches_at(rx, norm, starts)) == _spans(rx.finditer(norm)), rx.pattern[:30]


@settings(max_examples=300, deadline=None)
@given(text=_texts())
def test_the_levy_rate_pattern_finds_the_same_near_percent_signs(ctx, text):
    d = DiscoveryPass(ctx).discoverer
    norm = normalise(text)
    scan = d.scan(norm, text, [], ctx.words.of(_state(text)))
    d._rule_policy_rates(scan)
    plain = [(m.start(), m.end()) for m in d._policy_rate.finditer(norm)]
    assert [(f.start, f.end) for f in scan.out] == plain


def test_a_pass_built_after_an_article_was_scanned_gets_its_words_found(mini_catalog_path):
    context = CatalogContext(load_catalog(mini_catalog_path))
    context.words.register({"test.first": ("厂",)})
    state = _state("该厂投产，他表示")
    assert context.words.of(state) == {"test.first": [1]}
    context.words.register({"test.second": ("他",)})
    assert context.words.of(state) == {"test.first": [1], "test.second": [5]}


def test_a_word_group_registered_again_with_other_words_is_refused(mini_catalog_path):
    context = CatalogContext(load_catalog(mini_catalog_path))
    context.words.register({"test.group": ("厂",)})
    context.words.register({"test.group": ("厂",)})  # the same pass built twice
    with pytest.raises(ValueError, match="test.group"):
        context.words.register({"test.group": ("基地",)})


def test_a_pattern_is_matched_from_the_end_of_the_last_match():
    # Overlapping starts: the second "aa" starts inside the first match, as finditer skips it.
    rx = re.compile("aa")
    assert [m.span() for m in matches_at(rx, "aaa aa", [0, 1, 4])] == [m.span() for m in rx.finditer("aaa aa")]


_LATIN = list("aAbXyZ0129-: .,公司集团股份的") + ["AX-9", "RK3588", "Xeon 6980P", "MI 308", "ABC:1980i", "H100", "Intel",
                                               "Enosemi公司", "Arm集团", "xIntel公司", "9Arm股份", "１２"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_LATIN), max_size=40).map("".join))
def test_model_and_latin_firm_patterns_find_the_same_at_the_runs_they_fit(ctx, text):
    """Each is tried only at a run of Latin letters of the length it needs, with the character it
    needs after it (models), or a firm word close after it (Latin firms)."""
    d = DiscoveryPass(ctx).discoverer
    scan = d.scan(normalise(text), text, [])
    for got, rx in ((scan.latin_matches(d._spaced_model, capital=True, follower=" ", lengths=(3, 16)), d._spaced_model),
                    (scan.latin_matches(d._model, follower="0", lengths=(1, 6)), d._model),
                    (scan.latin_matches(d._spaced_short, capital=True, follower=" ", lengths=(2, 2)), d._spaced_short),
                    (scan.latin_matches(d._colon_model, capital=True, follower=":", lengths=(2, 5)), d._colon_model),
                    (scan.latin_matches_before(d._ascii_company, "firm_word", (3, 25)), d._ascii_company)):
        assert _spans(got) == _spans(rx.finditer(text)), rx.pattern[:30]


_COUNTS = list("0123456789 .gtb层") + ["gb", "tb", "16gb", "200层", "8 g", "dram", "nand闪存", "ddr5", "tlc", "3d", "闪存", "芯片",
                                      "内存", "x1", "a16gb", "１２８ｇｂ", "1.5gb", "2048 gb", "1024"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_COUNTS), max_size=30).map("".join))
@example(text="新款2048 gb dram")
def test_described_products_are_found_as_by_scanning_the_whole_text(ctx, text):
    d = DiscoveryPass(ctx).discoverer
    norm = normalise(text)
    scan = d.scan(norm, text, [], ctx.words.of(_state(text)))
    d._rule_described_products(scan)
    plain = [m.span() for m in d._described.finditer(norm) if d._product_kind.search(norm, m.start(), m.end())]
    assert [(f.start, f.end) for f in scan.out] == plain


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(list("、，,和与與及/()（） \u3000\tAbZ09-x") + ["Foo", "AB", "(注)", "Bar Baz"]), max_size=12)
       .map("".join))
def test_list_patterns_need_a_separator_or_space_next_to_the_name(text):
    """The listed-name rules try their patterns only where ``_opens_list_step`` holds: where a
    pattern matches, it does."""
    from semikg.extract import discovery as dv
    if dv._SEP_THEN_LATIN.match(text):
        assert dv._opens_list_step(text[:1], "(（")
    if dv._LISTED_LATIN_AFTER.match(text):
        assert dv._opens_list_step(text[:1], "/")
    if dv._LATIN_THEN_SEP.search(text):
        assert dv._opens_list_step(text[-1:])
    if dv._LISTED_LATIN_BEFORE.search(text):
        assert dv._opens_list_step(text[-1:], "/")


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(list("图形神经网络(（) abGPU") + ["处理器", "协处理器", "芯片", "加速卡", "(GPU)", "（NPU）"]),
                     max_size=10).map("".join))
def test_a_brand_line_opens_its_bracket_two_to_nine_characters_after_the_firm(text):
    from semikg.extract import discovery as dv
    if dv._BRAND_LINE.match(text):
        assert any(c in "(（" for c in text[2:10])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_LATIN + ["Ａb", "ab\u0663", "x\u0966", "Q٣", "中", "é", "z\n"]), max_size=40).map("".join))
def test_latin_runs_are_the_runs_of_the_run_pattern(ctx, text):
    """The runs are found on code points; the pattern that defines them finds the same, with the
    same class of character after each (any decimal digit, full-width or of another script), and
    those a model pattern may start are those a digit follows after that character."""
    from semikg.extract import discovery as dv
    scan = DiscoveryPass(ctx).discoverer.scan(normalise(text), text, [])
    scan._find_latin_runs()
    runs = list(dv._LATIN_RUN_FOLLOWED.finditer(text))
    assert scan._capital_starts == [m.start() for m in runs if text[m.start()] <= "Z"]
    assert scan._runs == {code: [(m.start(), m.end() - 1 - m.start(), text[m.start()] <= "Z")
                                 for m in runs if m.lastindex == code and text[m.end():m.end() + 1].isdecimal()]
                          for code in (1, 2, 3)}


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_LATIN + ["Inc", "Inc.", "INC", "inc", "Co., Ltd.", "ＡＧ", "AG", "CEO", "ceo", "名为",
                                               "代號", "代号", "Code-named", "code-named", "孙公司", "孫公司", "集團", "集团"]),
                     max_size=30).map("".join))
def test_the_original_text_groups_start_where_their_words_do(ctx, text):
    """Found by their normal forms in the normalised text, each group's words start where a scan of
    the original text for them finds them."""
    from semikg.keywords import KeywordGroups
    d = DiscoveryPass(ctx).discoverer
    for openers in (ctx.words.of(_state(text)), None):
        scan = d.scan(normalise(text), text, [], openers)
        for group, words in d.original_words.items():
            assert scan.original_starts(group) == KeywordGroups({group: words}).starts(text).get(group, []), group


_NODES = list("0123456789n.abcepxzαβγ \n") + ["nm", "纳米", "奈米", "制程", "工艺", "节点", "process", "node", "量产", "的",
                                               "公司", "n3", "18a", "1c", "5nm", "3 纳米", "a1", "x" * 12, "中" * 9, "２"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(_NODES), max_size=40).map("".join))
def test_process_nodes_are_found_as_by_scanning_the_whole_text(ctx, text):
    """The node pattern is run only near a unit or a process word: the rule finds what it finds
    when the pattern is run over the whole text."""
    d = DiscoveryPass(ctx).discoverer
    norm = normalise(text)
    words = ctx.words.of(_state(text))
    near = d.scan(norm, text, [], words)
    d._rule_process_nodes(near)
    whole = d.scan(norm, text, [], words)
    d._node_matches = lambda scan: d._node.finditer(scan.norm)
    d._rule_process_nodes(whole)
    assert near.out == whole.out


_EN_FIRMS = list("aAbXZ09&-. ,\u3000\xa0\n公司") + ["Inc", "Inc.", "Ltd", "Co., Ltd.", "Technology", "Technologies", "AG", "N.V.",
                                                   "GmbH", "Apple", "Tokyo Electron", "the", "Applied Materials", "ＡＧ"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(_EN_FIRMS), max_size=40).map("".join))
def test_english_firm_names_are_found_at_the_capitals_before_their_suffixes(ctx, text):
    d = DiscoveryPass(ctx).discoverer
    for openers in (ctx.words.of(_state(text)), None):
        scan = d.scan(normalise(text), text, [], openers)
        assert _spans(scan.latin_matches_up_to(d._en_company, "en_suffix")) == _spans(d._en_company.finditer(text))


def test_the_inlined_list_steps_are_those_of_opens_list_step():
    from semikg.extract import discovery as dv
    for c in list("、，,和与與及/()（） \u3000\t\nAbZ09-x的") + [""]:
        assert (c in dv._LIST_STEPS_OR_BRACKETS or c.isspace()) == dv._opens_list_step(c, "(（")
        assert (c in dv._LIST_STEPS_OR_SLASH or c.isspace()) == dv._opens_list_step(c, "/")
        assert (c in dv._LIST_SEPARATORS or c.isspace()) == dv._opens_list_step(c)
