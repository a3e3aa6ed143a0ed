"""Loader stage: decoding, splitting, spam, relevance, HTML masking."""
from __future__ import annotations

import pytest

from semikg.errors import InputError
from semikg.loaders.articles import ArticleReader, SpamFilter
from semikg.loaders.files import FileLoader, list_inputs, mask_html
from semikg.loaders.normalise import normalise
from semikg.loaders.split import split_articles

ZH = "台积电为苹果代工芯片，采用3nm制程。英伟达向台积电下单，半导体晶圆产能紧张。"
ZH_HANT = "台積電為蘋果代工晶片，採用3奈米製程。輝達向台積電下單，半導體晶圓產能緊張。"


def test_utf8_with_and_without_bom(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(ZH.encode("utf-8"))
    b.write_bytes(b"\xef\xbb\xbf" + ZH.encode("utf-8"))
    fa, fb = FileLoader().run(a), FileLoader().run(b)
    assert fa.text == fb.text == ZH
    assert (fa.encoding, fb.encoding) == ("utf-8", "utf-8-sig")


def test_gbk_file_is_decoded_as_gb18030(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes(ZH.encode("gbk"))
    sf = FileLoader().run(p)
    assert sf.text == ZH and sf.encoding == "gb18030"


def test_source_file_hash_is_of_the_bytes_read(tmp_path):
    import hashlib

    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ZH.encode("utf-8"))
    q = tmp_path / "big5.txt"
    q.write_bytes(ZH_HANT.encode("big5"))
    for path in (p, q):
        sf = FileLoader().run(path)
        assert sf.sha256 == sf.model_dump()["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert sf.sha256 != hashlib.sha256(sf.text.encode("utf-8")).hexdigest()


def test_big5_file_is_decoded_as_big5(tmp_path):
    p = tmp_path / "big5.txt"
    p.write_bytes(ZH_HANT.encode("big5"))
    sf = FileLoader().run(p)
    assert sf.text == ZH_HANT and sf.encoding == "cp950"


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"   \n\t  \n", "no text"),
    (b"\x00\x01\x02PNG\x00binary" * 100, "binary file"),
    (b"\x80\xff\xfd\xfc" * 2000 + b"\n\x81", "cannot decode"),
])
def test_bad_files_raise_one_line_input_errors(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        FileLoader().run(p)
    assert message in str(e.value)
    assert str(p) in str(e.value)
    assert "\n" not in str(e.value)


def test_undecodable_file_names_its_line(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("第一行\n第二行\n".encode("utf-8") + b"\xff\xfe\xff\xff" + b"x" * 10)
    with pytest.raises(InputError) as e:
        FileLoader().run(p)
    assert e.value.line is not None


def test_oversized_file_is_refused_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="over the"):
        FileLoader(max_bytes=1024).run(p)


def test_list_inputs_filters_suffixes_and_rejects_empty_folders(tmp_path):
    (tmp_path / "a.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "b.md").write_text(ZH, encoding="utf-8")
    (tmp_path / "c.jpg").write_bytes(b"x")
    assert [p.name for p in list_inputs(tmp_path)] == ["a.txt", "b.md"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no news files"):
        list_inputs(empty)


def test_html_masking_keeps_offsets():
    html = "<html><body><h1>标题</h1><p>台积电<b>代工</b>芯片。</p><script>var x='英伟达';</script></body></html>"
    masked = mask_html(html)
    assert len(masked) == len(html)
    assert masked.index("台积电") == html.index("台积电")
    assert "英伟达" not in masked and "<b>" not in masked


def _source(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return FileLoader().run(p)


def test_split_on_cdata_markers(tmp_path):
    body = "台积电宣布扩产，半导体芯片需求旺盛，晶圆产能持续紧张，业界预计明年仍将供不应求，多家客户追加订单。"
    sf = _source(tmp_path, "a.txt", f"{body}]]>{body.replace('台积电', '三星')}]]>")
    spans = split_articles(sf)
    assert len(spans) == 2
    assert sf.text[spans[1].start:spans[1].end].startswith("三星")


def test_split_on_numbered_headings_drops_short_preamble(tmp_path):
    body = "芯片制造商表示，半导体晶圆代工需求旺盛，先进制程产能利用率维持高位，并计划扩大投资。\n"
    text = "半导体一周要闻\n2025.3.17- 2025.3.21\n1. 第一条新闻!\n" + body + "2. 第二条新闻\n" + body + "3. 第三条\n" + body
    spans = split_articles(_source(tmp_path, "digest.txt", text))
    assert len(spans) == 3
    assert text[spans[0].start:].startswith("1. 第一条新闻!")


def test_split_on_title_body_pairs(tmp_path):
    body = "半导体芯片" * 80
    text = "".join(f"标题{i}\n{body}\n" for i in range(4))
    spans = split_articles(_source(tmp_path, "pairs.txt", text))
    assert len(spans) == 4
    assert text[spans[2].start:].startswith("标题2")


def test_one_article_when_no_layout_is_found(tmp_path):
    text = "段落一，半导体芯片新闻正文，晶圆代工需求旺盛。\n\n小标题\n\n段落二，台积电晶圆代工业务持续增长，先进制程产能满载。\n"
    assert len(split_articles(_source(tmp_path, "one.txt", text))) == 1


def test_spam_lines_are_found_and_masked(tmp_path):
    text = ("台积电宣布扩产，半导体芯片需求旺盛，晶圆产能持续紧张，3nm制程良率提升。\n"
            "- 求是缘半导体联盟版权所有，转载需注明出处\n,杏彩客户端手机版\n")
    art = ArticleReader().run(_source(tmp_path, "spam.txt", text))[0]
    assert len(art.spam_spans) == 2
    assert "版权所有" not in art.norm_text and "杏彩" not in art.norm_text
    assert len(art.norm_text) == len(art.text)
    assert not SpamFilter().is_spam(normalise("台积电宣布扩产"))


def test_off_topic_articles_are_skipped_with_a_reason(tmp_path):
    bio = "医院引入AI系统辅助诊断，患者就医效率提升，新药临床试验加速，基因检测与蛋白质组学取得进展。" * 5
    semi = "台积电3nm制程芯片量产，半导体晶圆代工产能紧张，英伟达GPU需求旺盛，先进封装CoWoS扩产。" * 3
    art_bio = ArticleReader().run(_source(tmp_path, "bio.txt", bio))[0]
    art_semi = ArticleReader().run(_source(tmp_path, "semi.txt", semi))[0]
    assert not art_bio.relevant and "biomedicine" in art_bio.skip_reason
    assert art_semi.relevant and art_semi.skip_reason is None


def test_article_metadata(tmp_path):
    art = ArticleReader().run(_source(tmp_path, "meta.txt", ZH_HANT * 3))[0]
    assert art.id == "meta-000" and art.index == 0 and art.start == 0
    assert art.script == "zh-Hant" and art.title.startswith("台積電")


# An export-control story written for these tests: it names the industry once (芯片) and the
# controls many times.
CONTROLS = ("美国商务部工业与安全局周二宣布，将二十余家企业列入实体清单，并收紧先进计算物项的出口管制。"
            "新规要求，向这些企业出口相关物项须申请许可证，且原则上推定拒绝。受影响的企业包括多家人工智能芯片公司"
            "与服务器厂商。被列入的一方回应称，坚决反对泛化国家安全概念、滥用出口管制措施。分析人士指出，"
            "这是今年以来第三轮大规模制裁。")


def test_an_export_control_story_that_names_the_industry_is_relevant(tmp_path):
    art = ArticleReader().run(_source(tmp_path, "controls.txt", CONTROLS))[0]
    assert art.relevant, art.skip_reason


def test_trade_control_words_alone_do_not_make_an_article_relevant(tmp_path):
    # Without a single industry word the same story is about trade, not chips; the reason says why.
    text = CONTROLS.replace("人工智能芯片公司", "人工智能公司")
    art = ArticleReader().run(_source(tmp_path, "trade.txt", text))[0]
    assert not art.relevant
    assert art.skip_reason.startswith("off-topic: 0 semiconductor terms and ")
    assert "trade-control terms" in art.skip_reason


def test_sanction_words_do_not_outweigh_another_main_topic(tmp_path):
    bio = ("医院引入AI系统辅助诊断，患者就医效率提升，新药临床试验加速，基因检测与蛋白质组学取得进展。"
           "某药企因制裁暂停一款芯片检测设备的采购。") * 3
    art = ArticleReader().run(_source(tmp_path, "bio2.txt", bio))[0]
    assert not art.relevant and "biomedicine" in art.skip_reason


def test_a_skipped_articles_reason_is_in_the_build_report(tmp_path):
    import json

    from semikg.pipeline import Pipeline

    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "semi.txt").write_text(CONTROLS, encoding="utf-8")
    (arts / "trade.txt").write_text(CONTROLS.replace("人工智能芯片公司", "人工智能公司"), encoding="utf-8")
    Pipeline().build(sorted(arts.iterdir()), tmp_path / "out", shacl=False)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["articles_used"] == 1
    assert [(s["source_file"], s["reason"].split(":")[0]) for s in report["skipped"]] == [("trade.txt", "off-topic")]
    assert "trade-control terms" in report["skipped"][0]["reason"]


def test_labels_gather_the_surfaces_of_every_file_read(tmp_path, mini_catalog_path):
    from semikg.pipeline import Pipeline

    pipe = Pipeline(mini_catalog_path)
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("臺積電宣布在高雄新建晶圓廠，臺積電的先進製程晶片產能將再擴大，半導體業界看好晶圓代工的需求。", encoding="utf-8")
    two.write_text("哈尔滨极光微电子有限公司宣布向台积电供应光刻胶。极光微电子计划扩大芯片材料产能，半导体晶圆代工需求持续增长。",
                   encoding="utf-8")
    pipe.extract_file(one)
    assert {"臺積電", "TSMC"} <= pipe.labels("tsmc")  # a surface form read, and the catalog's name
    found = {e.name: e.id for r in pipe.extract_file(two) for e in r.entities}
    firm = found["哈尔滨极光微电子有限公司"]
    assert pipe.labels(firm) == {"哈尔滨极光微电子有限公司", "极光微电子"}  # what a later file names is added
    assert pipe.labels("no-such-entity") == set()


def test_labels_gather_the_surfaces_of_every_file_built(tmp_path, mini_catalog_path):
    from semikg.pipeline import Pipeline

    one = tmp_path / "one.txt"
    one.write_text("哈尔滨极光微电子有限公司宣布向台积电供应光刻胶。极光微电子计划扩大芯片材料产能，半导体晶圆代工需求持续增长。",
                   encoding="utf-8")
    found = {e.name: e.id for r in Pipeline(mini_catalog_path).extract_file(one) for e in r.entities}
    firm = found["哈尔滨极光微电子有限公司"]
    pipe = Pipeline(mini_catalog_path)
    pipe.build([one], tmp_path / "out", shacl=False)
    assert pipe.labels(firm) == {"哈尔滨极光微电子有限公司", "极光微电子"}  # gathered by the build's graph builder
