"""Normaliser: length-preserving script folding and script detection."""
from __future__ import annotations

from hypothesis import given, strategies as st

from semikg.loaders.normalise import (
    Normaliser, label_languages, normalise, script_of, to_simplified, to_traditional, width_folded,
)


def test_traditional_folds_to_simplified_and_ascii_to_lower():
    assert normalise("臺積電與ＴＳＭＣ") == "台积电与tsmc"
    assert normalise("台積電") == normalise("台积电") == normalise("臺積電")


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9FFF), max_size=200))
def test_normalisation_preserves_length(text):
    assert len(normalise(text)) == len(text)


def test_offset_map_is_identity_and_bounded():
    n = Normaliser().run("台積電代工")
    assert n.offsets.to_original(3) == 3
    assert n.text[0:3] == "台积电"


def test_script_detection():
    assert script_of("台積電為蘋果代工晶片") == "zh-Hant"
    assert script_of("台积电为苹果代工芯片") == "zh-Hans"
    assert script_of("TSMC makes chips for Apple") == "en"


def test_label_languages():
    assert label_languages("台積電") == ("zh-Hant",)
    assert label_languages("台积电") == ("zh-Hans",)
    assert label_languages("三星") == ("zh-Hans", "zh-Hant")
    assert label_languages("Samsung") == ("en",)


def test_conversions_round_trip_common_names():
    assert to_traditional("台积电") in ("台積電", "臺積電")
    assert to_simplified("輝達") == "辉达"


def test_width_folded_turns_full_width_digits_and_letters_into_ascii_and_keeps_case():
    text = "ＡＭＤ的ＭＩ３００ｘ，（Ｆａｂ ２１）：台積電"
    out = width_folded(text)
    assert out == "AMD的MI300x，（Fab 21）：台積電"  # full-width punctuation and the script stay
    assert len(out) == len(text)


def test_width_folded_returns_text_without_full_width_letters_as_it_is():
    text = "台积电（TSMC）表示，产能达到100%。"
    assert width_folded(text) is text
