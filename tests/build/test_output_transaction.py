"""A build is one transaction: after a SIGKILL, a full disk, a failed run or a concurrent second build,
OUT holds the complete old set or the complete new set, checked by the store's recorded checksum
against semikg.ttl and the report's triple count."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from semikg.cli.main import app
from semikg.outputs import POINTER, STATE_DIR

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
MINI = ROOT / "tests" / "data" / "mini_catalog.yaml"


def _inputs(tmp_path: Path, name: str, files: list[Path]) -> Path:
    d = tmp_path / name
    d.mkdir()
    for f in files:
        shutil.copy(f, d / f.name)
    return d


def _cmd(articles: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "semikg.cli.main", "build", "--articles", str(articles), "--out", str(out),
            "--catalog", str(MINI), "--no-shacl", "-q", *extra]


def _build(articles: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(_cmd(articles, out, *extra), capture_output=True, text=True, timeout=120)


def _args(articles: Path, out: Path, *extra: str) -> list[str]:
    return _cmd(articles, out, *extra)[3:]


def _run(articles: Path, out: Path, *extra: str):
    """The same build in this process (CliRunner): for the cases that need no second process."""
    return CliRunner().invoke(app, _args(articles, out, *extra))


def consistent_set(out: Path) -> str:
    """Check OUT is one complete set and return its semikg.ttl sha256."""
    ttl = (out / "semikg.ttl").read_bytes()
    sha = hashlib.sha256(ttl).hexdigest()
    meta = json.loads((out / "store" / "meta.json").read_text(encoding="utf-8"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert meta["source_sha256"] == sha, "store loaded from another semikg.ttl"
    assert report["triples"] == meta["triples"], "report from another run than the store"
    # every name resolves into the one generation the pointer names
    gens = {(out / n).resolve().parent for n in ("semikg.ttl", "report.json", "store")}
    assert gens == {(out / STATE_DIR / POINTER).resolve()}
    return sha


def leftovers(out: Path) -> list[str]:
    state = out / STATE_DIR
    extra = [p.name for p in state.iterdir() if p.name not in ("lock", POINTER)]
    current = (state / POINTER).resolve().name
    extra = [n for n in extra if n != current]
    return extra + [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != STATE_DIR]


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    """Two different input folders (old set: one file, new set: all seeds), the new set's hash, an
    output folder holding the old set (copied for each test), and how long a new build takes."""
    base = tmp_path_factory.mktemp("tx")
    old_in = _inputs(base, "old", SEEDS[3:4])
    new_in = _inputs(base, "new", SEEDS)
    ref, old_out = base / "ref", base / "old-out"
    start = time.monotonic()
    assert _build(new_in, ref).returncode == 0
    seconds = time.monotonic() - start
    assert _run(old_in, old_out).exit_code == 0
    return old_in, new_in, hashlib.sha256((ref / "semikg.ttl").read_bytes()).hexdigest(), old_out, seconds


def _old_build(sets, tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "out"
    shutil.copytree(sets[3], out, symlinks=True)
    return out, consistent_set(out)


def _kill_when(proc: subprocess.Popen, ready, limit_s: float = 60.0) -> bool:
    """SIGKILL ``proc`` the moment ``ready()`` holds; False if it finished first."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.0005)
    proc.kill()
    raise AssertionError("build neither reached the point nor finished")


def _new_gen(out: Path, old_gen: str):
    state = out / STATE_DIR

    def gens():
        return [p for p in state.glob("gen-*") if p.name != old_gen]
    return gens


STAGES = ("graph-written", "store-loading", "report-written")


def _at(stage: str, gens):
    def ready() -> bool:
        for g in gens():
            if stage == "graph-written" and (g / "semikg.ttl").exists():
                return True
            if stage == "store-loading" and list(g.glob(".store.*.tmp")):
                return True
            if stage == "report-written" and (g / "report.json").exists():
                return True
        return False
    return ready


@pytest.mark.slow
def test_sigkill_at_each_stage_and_at_random_points_leaves_one_complete_set(sets, tmp_path):
    """Real SIGKILLs of a build: between the graph and the store, while the store loads, after the
    report, and at fractions of a build's time; then the next build cleans up and completes."""
    old_in, new_in, new_sha, _, full = sets
    out, old_sha = _old_build(sets, tmp_path)
    gens = _new_gen(out, (out / STATE_DIR / POINTER).resolve().name)
    kills = 0
    for stage in STAGES:
        proc = subprocess.Popen(_cmd(new_in, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        killed = _kill_when(proc, _at(stage, gens))
        kills += killed
        assert consistent_set(out) == (old_sha if killed else new_sha), stage
        if not killed:
            return pytest.fail(f"the build finished before stage {stage} was seen")
    assert leftovers(out)  # the dead builds' unfinished generations
    for fraction in (0.5, 0.8, 0.95):
        proc = subprocess.Popen(_cmd(new_in, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert consistent_set(out) in (old_sha, new_sha)
    r = _run(old_in, out)
    assert r.exit_code == 0, r.output
    assert consistent_set(out) == old_sha and leftovers(out) == []


def test_stale_temp_files_of_a_dead_build_are_removed(sets, tmp_path):
    out, _ = _old_build(sets, tmp_path)
    (out / ".semikg.ttl.abc123.tmp").write_text("half")
    (out / ".store.x1.tmp" / "oxigraph").mkdir(parents=True)
    (out / ".store.x2.old").mkdir()
    (out / STATE_DIR / "gen-dead-1").mkdir()
    (out / STATE_DIR / "gen-dead-1" / "semikg.ttl").write_text("half")
    assert leftovers(out)
    assert _run(sets[0], out).exit_code == 0
    assert leftovers(out) == []
    consistent_set(out)


def _mount_tmpfs(path: Path, size: str) -> None:
    path.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("a small tmpfs needs root on Linux; this run is not root")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")


def test_disk_full_while_writing_the_store_keeps_the_old_set(sets, tmp_path):
    old_in, new_in = sets[:2]
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "640k")
    try:
        out = disk / "out"
        assert _run(old_in, out).exit_code == 0
        old_sha = consistent_set(out)
        r = _run(new_in, out)
        assert r.exit_code != 0
        assert "No space left on device" in r.stderr and isinstance(r.exception, SystemExit)
        assert consistent_set(out) == old_sha
        assert leftovers(out) == []  # the failed generation is gone: the disk has room again
    finally:
        umount = subprocess.run(["umount", str(disk)], capture_output=True, text=True)
        if umount.returncode != 0:
            subprocess.run(["umount", "-l", str(disk)], check=False)
    assert umount.returncode == 0, f"the failed build still holds files on the full disk: {umount.stderr}"


def test_failed_build_keeps_the_previous_good_set(sets, tmp_path):
    out, old_sha = _old_build(sets, tmp_path)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"\x00\x01binary")
    (bad / "b.txt").write_text("   \n")
    r = _run(bad, out)
    assert r.exit_code == 1 and "no article could be read" in r.stderr
    assert consistent_set(out) == old_sha and leftovers(out) == []


def test_concurrent_second_build_names_the_holder_and_exits_nonzero(sets, tmp_path):
    _, new_in, new_sha = sets[:3]
    out, _ = _old_build(sets, tmp_path)
    first = subprocess.Popen(_cmd(new_in, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = out / STATE_DIR / "lock"
    deadline = time.monotonic() + 60
    while lock.read_text().strip() != str(first.pid):
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.005)
    second = _run(new_in, out)  # this test process is the second, concurrent builder
    assert second.exit_code != 0
    assert f"process {first.pid}" in second.stderr and isinstance(second.exception, SystemExit)
    first.communicate(timeout=120)  # reads and closes its pipes (an open pipe is a ResourceWarning)
    assert first.returncode == 0
    assert consistent_set(out) == new_sha and leftovers(out) == []


def test_no_store_build_does_not_leave_the_old_store_beside_the_new_graph(sets, tmp_path):
    _, new_in, new_sha = sets[:3]
    out, _ = _old_build(sets, tmp_path)
    assert _run(new_in, out, "--no-store").exit_code == 0
    assert hashlib.sha256((out / "semikg.ttl").read_bytes()).hexdigest() == new_sha
    assert not (out / "store").exists()


def test_a_reader_keeps_its_set_while_a_build_replaces_it(sets, tmp_path):
    """A store opened before a build is pinned: it stays readable, then goes with the next build."""
    from semikg.build import run_build
    from semikg.store.disk import open_store

    old_in, new_in, new_sha = sets[:3]
    out = tmp_path / "out"
    run_build(articles=old_in, out=out, catalog=MINI, shacl=False)
    g = open_store(out / "store")
    n_old = len(g)
    pinned = g.store_folder
    run_build(articles=new_in, out=out, catalog=MINI, shacl=False)
    assert consistent_set(out) == new_sha
    assert pinned.is_dir() and len(g) == n_old  # the reader still sees the complete old set
    g.pinned.close()
    run_build(articles=new_in, out=out, catalog=MINI, shacl=False)
    assert not pinned.exists() and leftovers(out) == []


def test_folder_of_an_older_semikg_is_taken_over(sets, tmp_path):
    """Plain files from the per-file layout are replaced by the set's names."""
    old_in = sets[0]
    out = tmp_path / "out"
    out.mkdir()
    (out / "semikg.ttl").write_text("old")
    (out / "report.json").write_text("{}")
    (out / "store" / "oxigraph").mkdir(parents=True)
    (out / "cache" / "extract").mkdir(parents=True)
    (out / "cache" / "extract" / "k.json").write_text("{}")
    (out / "viz").mkdir()  # not a build output: left alone
    assert _run(old_in, out).exit_code == 0
    consistent_set(out)
    assert (out / "viz").is_dir() and leftovers(out) == []
    assert (out / "cache").is_symlink() and (out / "cache" / "extract" / "k.json").is_file()  # the cache carries over
