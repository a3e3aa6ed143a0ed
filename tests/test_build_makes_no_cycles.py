"""A build makes no reference cycles: what it allocates is freed by reference counting as soon as
it is dropped, and the cyclic collector (run rarely during a build, semikg/pipeline.py batch_gc)
has nothing to find. A cycle made per sentence would pile up between its runs."""
from __future__ import annotations

import gc
from collections import Counter

import pytest

from semikg.pipeline import Pipeline, resolve_inputs


@pytest.fixture
def saved_garbage():
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_a_build_of_the_seeds_leaves_no_cycles_of_its_own(tmp_path, saved_garbage):
    pipe = Pipeline()
    gc.disable()
    try:
        pipe.build(resolve_inputs(None), tmp_path / "out", shacl=False)
        gc.collect()
        kinds = Counter(type(o).__name__ for o in gc.garbage)
    finally:
        gc.enable()
    # json.dump's encoder closures refer to each other (standard library, a few objects per file
    # written); anything else that is cyclic comes from the build.
    ours = {k: n for k, n in kinds.items() if k not in {"cell", "function", "tuple", "JSONEncoder", "method", "dict"}}
    assert ours == {}
    assert sum(kinds.values()) < 200, kinds
