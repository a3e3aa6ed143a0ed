"""JSON that is safe inside an HTML <script> element and byte-stable across runs."""
from __future__ import annotations

import json
from typing import Any

# Inside <script> the HTML parser ends the element at "</script"; "<!--" switches parser states;
# U+2028/2029 end a JavaScript string literal in older engines. Escape them all as \uXXXX.
_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_safe_json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(_UNSAFE)
