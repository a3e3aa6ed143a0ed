"""Read an input file into text: size and binary checks, encoding detection, HTML masking.

Encodings tried: UTF-8 (with or without BOM), UTF-16 with a BOM, then GB18030 (a superset of
GBK/GB2312) and Big5 as Windows writes it (cp950, whose extensions `iconv -t BIG5` also emits) or
Big5-HKSCS; when several legacy codecs decode, the one whose text has more common Chinese
characters wins. The binary check runs on the bytes only when no UTF-16 byte-order mark explains
their NULs.
HTML is *masked*, not parsed away: tags, scripts and styles are replaced by spaces of the same
length, so offsets and quotes still point into the original file.
"""
from __future__ import annotations

import errno
import re
from pathlib import Path
from stat import S_ISDIR

from semikg.errors import InputError
from semikg.models import SourceFile

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

# The most frequent characters of Chinese news, in both scripts: a cheap language model that
# separates a right decoding from mojibake.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定"
    "行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些"
    "然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公"
    "无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将"
    "這為們會對個來時說過後發於與當還經動產現開種麼問們樣點實長進機關業學"
    "芯片晶圓半導体體製程設備廠商積電台灣美國日本韓市場技術"
)


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:65536]:
        return True
    sample = data[:65536]
    # Count in C: delete every byte that is not a suspicious control byte, measure what is left.
    ctrl = len(sample.translate(None, _NOT_CONTROL))
    return ctrl > max(8, len(sample) // 100)


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _score(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:200_000]
    return sum(1 for c in sample if c in _COMMON) / len(sample)


# Big5 as files really come: cp950 holds the ETEN extensions (e.g. 0xF9D9) plain "big5" lacks;
# Big5-HKSCS adds the Hong Kong characters.
LEGACY_CODECS = ("gb18030", "cp950", "big5hkscs")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding) or raise InputError naming the file and the first bad line."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(path, "invalid UTF-8 after a UTF-8 byte-order mark", _line_of(data, e.start + 3)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(path, "invalid UTF-16", _line_of(data, e.start)) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    candidates = []
    for enc in LEGACY_CODECS:
        try:
            candidates.append((_score(text := data.decode(enc)), enc, text))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError(
            path, "cannot decode as UTF-8, GB18030/GBK or Big5 (invalid byte sequence)",
            _line_of(data, utf8_error.start),
        )
    score, enc, text = max(candidates, key=lambda c: (c[0], -LEGACY_CODECS.index(c[1])))
    if score < 0.02:
        raise InputError(path, f"decodes as {enc} but does not look like Chinese or English text", _line_of(data, utf8_error.start))
    return text, enc


_HTML_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)


def mask_html(text: str) -> str:
    """Replace markup by spaces (newlines kept) so the visible text keeps its original offsets."""

    def blank(m: re.Match) -> str:
        s = m.group(0)
        # A block-level tag ends a line of text: keep sentence splitting honest.
        end = "\n" if re.match(r"</?(p|div|h[1-6]|li|br|tr|article|section)\b", s, re.I) else " "
        return "".join(c if c == "\n" else " " for c in s[:-1]) + (s[-1] if s[-1] == "\n" else end)

    return _HTML_BLOCK.sub(blank, text)


# The stat errors Path.exists answers False for.
_NO_SUCH_FILE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


class FileLoader:
    """Pipeline component: path -> SourceFile (decoded original text)."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES):
        self.max_bytes = max_bytes

    def run(self, path: str | Path) -> SourceFile:
        p = Path(path)
        try:
            return self._load(p)
        except OSError as e:  # unreadable (permissions, I/O error): one bad file, reported like others
            raise InputError(p, f"cannot read: {e.strerror or type(e).__name__}") from None

    def _load(self, p: Path) -> SourceFile:
        # One stat answers what Path.exists, is_dir and stat would each ask again.
        try:
            st = p.stat()
        except OSError as e:
            if e.errno not in _NO_SUCH_FILE:
                raise
            raise InputError(p, "no such file") from None
        except ValueError:  # a path no file can have (an embedded NUL), as Path.exists has it
            raise InputError(p, "no such file") from None
        if S_ISDIR(st.st_mode):
            raise InputError(p, "is a directory, not a file")
        size = st.st_size
        if size == 0:
            raise InputError(p, "empty file")
        if size > self.max_bytes:
            raise InputError(
                p, f"file is {size / 1e6:.1f} MB, over the {self.max_bytes / 1e6:.0f} MB limit per file "
                   "(split it, or raise the limit with --max-file-mb)")
        data = p.read_bytes()
        if not data.startswith(UTF16_BOMS) and _looks_binary(data):
            raise InputError(p, "binary file (NUL or control bytes), not a text news file")
        text, enc = decode(data, str(p))
        if not text or text.isspace():  # not text.strip(), without copying the text
            raise InputError(p, "file has no text (only whitespace)")
        return SourceFile(path=str(p), name=p.name, encoding=enc, text=text, data=data)


def list_inputs(folder: str | Path) -> list[Path]:
    d = Path(folder)
    if not d.exists():
        raise InputError(d, "no such folder")
    if d.is_file():
        return [d]
    files = sorted(p for p in d.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    if not files:
        raise InputError(d, f"no news files ({', '.join(SUPPORTED_SUFFIXES)}) in this folder")
    return files
