"""The build's output folder as one transaction: readers see the old set of outputs or the new one.

Layout of an output folder ``OUT``::

    OUT/.semikg/lock                    held (flock) by the build writing OUT; holds its PID
    OUT/.semikg/gen-<stamp>/            one complete output set: semikg.ttl, report.json, store/, cache/, ...
    OUT/.semikg/current -> gen-<stamp>  the one pointer: replaced by rename(2), so it switches atomically
    OUT/semikg.ttl -> .semikg/current/semikg.ttl      (and report.json, store, cache, eto-resolution.*)

A build writes every output into a fresh generation folder, then renames a new ``current`` symlink
over the old one: a SIGKILL or a full disk before that rename leaves the previous set untouched, and
after it every name in OUT resolves into the new set at once. The next build removes whatever a dead
build left (unfinished generations, temp files) before it starts.

A reader that must not lose its files while it works (the SPARQL endpoint, a store opened read-only)
resolves the name once and *pins* the generation it landed in with a shared lock; a build removes an
old generation only when it can take that lock exclusively.
"""
from __future__ import annotations

import errno
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from semikg.errors import OutputLocked

STATE_DIR = ".semikg"
LOCK_FILE = "lock"
POINTER = "current"
PIN_FILE = ".pin"
GEN_PREFIX = "gen-"
TRASH_PREFIX = "trash-"
# Everything a build writes; each is reached through OUT/<name> -> .semikg/current/<name>.
ITEMS = ("semikg.ttl", "report.json", "store", "cache", "eto-resolution.json", "eto-resolution.md")

try:  # POSIX advisory locks; released by the kernel when the holder dies, however it dies
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; builds there are not serialised
    fcntl = None  # type: ignore[assignment]


class Generation:
    """A build's fresh folder (``path``) and the set it replaces: ``previous`` (a generation, or OUT
    itself when an older semikg wrote its outputs there as plain files; None before the first build)."""

    def __init__(self, path: Path, previous: Path | None):
        self.path = path
        self.previous = previous


def _flock(fd: int, how: int) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, how)
        return True
    except OSError as e:
        if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise


def _rmtree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


class OutputFolder:
    """``OUT`` as seen by a build (``transaction``) and by readers (``current``)."""

    def __init__(self, out: str | os.PathLike):
        self.out = Path(out)
        self.state = self.out / STATE_DIR

    # ------------------------------------------------------------------ reading
    def current(self) -> Path | None:
        """The generation folder OUT's names point into now, or None before the first build."""
        target = self.state / POINTER
        if not target.is_symlink():
            return None
        gen = self.state / os.readlink(target)
        return gen if gen.is_dir() else None

    # ------------------------------------------------------------------ writing
    @contextmanager
    def transaction(self) -> Iterator[Generation]:
        """Lock OUT, clean what dead builds left, yield a fresh generation; switch to it on success.

        On any exception (disk full, invalid input, interruption) the new generation is removed and
        OUT still shows the complete previous set."""
        made_out = not self.out.exists()
        self.out.mkdir(parents=True, exist_ok=True)
        made_state = not self.state.exists()
        self.state.mkdir(exist_ok=True)
        lock_fd = self._lock()
        try:
            self._clean()
            previous = self.current()
            gen = self.state / f"{GEN_PREFIX}{time.time_ns():x}-{os.getpid()}"
            gen.mkdir()
            (gen / PIN_FILE).touch()
            try:
                yield Generation(gen, previous if previous is not None else self._legacy())
                self._commit(gen)
            except BaseException:
                _rmtree(gen)
                if made_state:  # the first build failed: leave no trace of it
                    self._forget(made_out)
                raise
            if previous is not None:
                self._remove_generation(previous)
        finally:
            os.close(lock_fd)

    def _forget(self, made_out: bool) -> None:
        (self.state / LOCK_FILE).unlink(missing_ok=True)
        for folder in (self.state, self.out) if made_out else (self.state,):
            try:
                folder.rmdir()
            except OSError:
                pass  # not empty: something else lives there

    def _legacy(self) -> Path | None:
        """OUT itself when it holds outputs as plain files (the layout before generations)."""
        plain = [n for n in ITEMS if (self.out / n).exists() and not (self.out / n).is_symlink()]
        return self.out if plain else None

    def _lock(self) -> int:
        path = self.state / LOCK_FILE
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB if fcntl else 0):
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise OutputLocked(f"{self.out}: another build (process {holder}) is writing this folder; "
                               "wait for it to finish or stop it, then build again")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return fd

    def _commit(self, gen: Path) -> None:
        _fsync_dir(gen)
        tmp = self.state / f".{POINTER}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        os.symlink(gen.name, tmp)
        os.replace(tmp, self.state / POINTER)  # the switch: one rename
        _fsync_dir(self.state)
        self._link_items(gen)

    def _link_items(self, gen: Path) -> None:
        """OUT/<item> -> .semikg/current/<item> for every item the new set has (created once)."""
        for name in ITEMS:
            link = self.out / name
            want = f"{STATE_DIR}/{POINTER}/{name}"
            present = (gen / name).exists()
            if link.is_symlink():
                if os.readlink(link) == want:
                    if not present:
                        link.unlink()  # dangling anyway; drop it so OUT lists only what exists
                    continue
                link.unlink()
            elif link.exists():
                # A folder written by an older semikg (plain files, not links): its set is replaced.
                if link.is_dir():
                    trash = self.state / f"{TRASH_PREFIX}{name}-{os.getpid()}"
                    link.rename(trash)
                    _rmtree(trash)
                elif not present:
                    link.unlink()
            if present:
                tmp = self.out / f".{name}.{os.getpid()}.link.tmp"
                tmp.unlink(missing_ok=True)
                os.symlink(want, tmp)
                os.replace(tmp, link)

    # ------------------------------------------------------------------ cleaning
    def _clean(self) -> None:
        """Remove what dead builds left: unfinished generations, temp links, and the temp files and
        folders of the per-file writes older semikg versions made directly in OUT."""
        cur = self.current()
        for entry in self.state.iterdir():
            if entry.name in (LOCK_FILE, POINTER) or (cur is not None and entry.name == cur.name):
                continue
            if entry.name.startswith(GEN_PREFIX):
                self._remove_generation(entry)
            elif entry.name.startswith((TRASH_PREFIX, f".{POINTER}.")):
                _rmtree(entry)
        for name in ITEMS:
            for pattern in (f".{name}.*.tmp", f".{name}.*.old", f".{name}.*.link.tmp"):
                for stale in self.out.glob(pattern):
                    _rmtree(stale)

    def _remove_generation(self, gen: Path) -> None:
        """Delete an old generation unless a reader has it pinned (then the next build tries again)."""
        pin = gen / PIN_FILE
        try:
            fd = os.open(pin, os.O_RDONLY)
        except FileNotFoundError:
            fd = None  # unfinished: nobody can have pinned it
        except OSError:
            return
        try:
            if fd is not None and not _flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB if fcntl else 0):
                return
            trash = self.state / f"{TRASH_PREFIX}{gen.name}"
            gen.rename(trash)  # a reader resolving after this point finds the name gone and retries
            _rmtree(trash)
        finally:
            if fd is not None:
                os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Pin:
    """A reader's hold on the generation a path resolved into; ``close`` (or GC) releases it."""

    def __init__(self, path: Path, fd: int | None):
        self.path = path
        self._fd = fd

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        self.close()


def _generation_of(real: Path) -> Path | None:
    for parent in (real, *real.parents):
        if parent.name.startswith(GEN_PREFIX) and parent.parent.name == STATE_DIR:
            return parent
    return None


def pin(path: str | os.PathLike, attempts: int = 5) -> Pin:
    """Resolve ``path`` (e.g. OUT/store) to the generation it is in now and hold that generation.

    Paths outside any output folder resolve to themselves, unpinned."""
    for _ in range(attempts):
        real = Path(path).resolve()
        gen = _generation_of(real)
        if gen is None:
            return Pin(real, None)
        try:
            fd = os.open(gen / PIN_FILE, os.O_RDONLY)
        except FileNotFoundError:
            continue  # removed between resolving and opening: a newer set is current, resolve again
        _flock(fd, fcntl.LOCK_SH if fcntl else 0)
        if gen.is_dir():
            return Pin(real, fd)
        os.close(fd)
    return Pin(Path(path).resolve(), None)
