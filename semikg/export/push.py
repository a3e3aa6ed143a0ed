"""Live, idempotent push of an ``ExportPlan`` to a Neo4j (or any Bolt/Cypher) server.

Batches of ``UNWIND $rows ... MERGE`` run in managed write transactions (``session.execute_write``):
a failing batch is rolled back whole, and because every write is conditional on a property checksum,
rerunning the push after a failure completes the export and a second push of the same graph writes
nothing.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

import neo4j
from neo4j import exceptions as nx
from pydantic import BaseModel, ConfigDict, Field

from semikg.errors import ExportError
from semikg.export import cypher_text as Q
from semikg.export.mapping import (
    HASH_PROPERTY, ID_NAMESPACE, KEY_LABELS, ExportPlan, NodeRow, RelRow, check_label,
)

Progress = Callable[[int, int], None]

# The driver logs each retry as a warning; the exporter reports failures itself, in one line.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


class Neo4jSettings(BaseModel):
    """Where and how to connect. ``database=None`` means the server's default database."""

    model_config = ConfigDict(frozen=True)

    uri: str = "bolt://localhost:7687"
    user: str = "neo4j"
    password: str = Field(default="", repr=False)
    database: str | None = None
    # How long the driver retries a transaction after a transient failure before giving up.
    retry_seconds: float = 15.0
    connect_timeout: float = 10.0

    def check(self) -> "Neo4jSettings":
        # The driver also speaks HTTP (Query API, preview) which has no managed transactions: refuse it.
        scheme = self.uri.split("://", 1)[0].lower() if "://" in self.uri else ""
        if scheme not in BOLT_SCHEMES:
            raise ExportError(f"bad Neo4j URI {self.uri!r}: use one of {', '.join(x + '://' for x in BOLT_SCHEMES)}")
        return self


class GroupCount(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class PushSummary(BaseModel):
    constraints_added: int = 0
    nodes_replaced: int = 0
    nodes: dict[str, GroupCount] = {}
    relationships: dict[str, GroupCount] = {}
    batches: int = 0
    rows: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> int:
        return self.constraints_added + self.nodes_replaced + sum(
            c.created + c.updated for c in (*self.nodes.values(), *self.relationships.values()))

    def lines(self) -> list[str]:
        out = [f"{self.rows} rows in {self.batches} batches, {self.seconds:.1f}s; "
               f"{self.constraints_added} constraints added"]
        for title, groups in (("nodes", self.nodes), ("relationships", self.relationships)):
            for name, c in sorted(groups.items()):
                out.append(f"  {title[:-1]} {name}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged")
        if self.nodes_replaced:
            out.append(f"  {self.nodes_replaced} nodes replaced because their classes changed")
        return out


class ServerGraph(BaseModel):
    """semikg's part of a server, read back: for comparisons (push vs script, push vs RDF)."""

    nodes: list[tuple[tuple[str, ...], dict]]
    relationships: list[tuple[str, str, str, dict]]

    def label_counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for labels, _ in self.nodes:
            for label in labels:
                out[label] += 1
        return dict(sorted(out.items()))

    def type_counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for t, *_ in self.relationships:
            out[t] += 1
        return dict(sorted(out.items()))

    def checksum(self) -> str:
        canon = json.dumps([self.nodes, self.relationships], sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canon.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- errors


def _error(e: Exception, s: Neo4jSettings, during: str | None = None) -> ExportError:
    """One line a user can act on, for every way a server can refuse or vanish."""
    where = f"Neo4j at {s.uri}"
    if isinstance(e, nx.AuthError):
        return ExportError(f"{where} refused user {s.user!r}: wrong user name or password")
    if isinstance(e, nx.Neo4jError) and e.code and e.code.endswith("DatabaseNotFound"):
        return ExportError(f"{where} has no database {s.database!r} (create it, or pass --database)")
    if isinstance(e, (nx.ServiceUnavailable, nx.SessionExpired, OSError)):
        if during:
            return ExportError(f"lost connection to {where} during {during}; that batch was rolled back, "
                               "rerun the export to complete it")
        return ExportError(f"cannot reach {where}: {_unreachable_reason(e)}; start the server, "
                           "or point --uri (or NEO4J_URI) at a running one")
    if isinstance(e, (nx.ConfigurationError, ValueError)):
        return ExportError(f"bad Neo4j connection settings for {s.uri!r}: {_first_line(e)}")
    if isinstance(e, nx.Neo4jError):
        msg = _first_line(e.message or str(e))
        tail = f" during {during} (rolled back; rerun to complete)" if during else ""
        return ExportError(f"{where} refused the export{tail}: {e.code}: {msg}")
    return ExportError(f"{where}: {type(e).__name__}: {_first_line(e)}")


def _unreachable_reason(e: Exception) -> str:
    """Why a connection failed, in a few words: the driver's text puts the operating system's
    reason last, in brackets, after the addresses it tried ("… (reason [Errno 111] Connection refused)")."""
    text = " ".join(str(e).split())
    reasons = re.findall(r"\(reason ([^)]*)\)", text)
    reason = re.sub(r"^\[Errno -?\d+\]\s*", "", reasons[-1]) if reasons else text
    return reason or type(e).__name__


def _first_line(e: object) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:300] if text else ""


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_DRIVER_ERRORS = (nx.Neo4jError, nx.DriverError, OSError, ValueError)


@contextmanager
def connect(s: Neo4jSettings) -> Iterator[neo4j.Driver]:
    """An open, verified driver; every failure to get one becomes an ``ExportError``."""
    s.check()
    try:
        driver = neo4j.GraphDatabase.driver(
            s.uri, auth=(s.user, s.password), max_transaction_retry_time=s.retry_seconds,
            connection_timeout=s.connect_timeout, connection_acquisition_timeout=s.connect_timeout + 5)
    except _DRIVER_ERRORS as e:
        raise _error(e, s) from None
    try:
        try:
            driver.verify_connectivity()
            with driver.session(database=s.database) as session:
                session.run(Q.PING).consume()
        except _DRIVER_ERRORS as e:
            raise _error(e, s) from None
        yield driver
    finally:
        driver.close()


# --------------------------------------------------------------------------- push


def _batches(rows: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _write_nodes(tx: neo4j.ManagedTransaction, labels: tuple[str, ...], batch: Sequence[NodeRow]):
    key = check_label(labels[0])
    dropped = tx.run(Q.DROP_RELABELLED.format(key_label=key),
                     rows=[{"uri": n.uri, "labels": list(n.labels)} for n in batch]).consume().counters.nodes_deleted
    result = tx.run(Q.MERGE_NODES.format(labels=":".join(check_label(x) for x in labels)),
                    rows=[{"uri": n.uri, "hash": n.hash, "props": n.props} for n in batch])
    record = result.single()
    counters = result.consume().counters
    return dropped, (record["written"] if record else 0), counters.nodes_created


def _write_rels(tx: neo4j.ManagedTransaction, key: tuple[str, str, str], batch: Sequence[RelRow]):
    rel_type, start_label, end_label = key
    result = tx.run(Q.MERGE_RELATIONSHIPS.format(type=rel_type, start_label=check_label(start_label),
                                                 end_label=check_label(end_label)),
                    rows=[{"start": r.start, "end": r.end, "hash": r.hash, "props": r.props} for r in batch])
    record = result.single()
    return (record["written"] if record else 0), result.consume().counters.relationships_created


def create_constraints(session: neo4j.Session) -> int:
    added = 0
    for label in KEY_LABELS:
        # Schema changes run in their own auto-commit transaction (Neo4j forbids mixing them with writes).
        added += session.run(Q.CONSTRAINT.format(name=f"semikg_{label.lower()}_uri", label=check_label(label))
                             ).consume().counters.constraints_added
    return added


def push(plan: ExportPlan, settings: Neo4jSettings, batch_size: int = 1000,
         progress: Progress | None = None) -> PushSummary:
    """Write ``plan`` to the server; returns what was created/updated per label and type."""
    if batch_size < 1:
        raise ExportError(f"batch size must be at least 1, not {batch_size}")
    summary = PushSummary()
    started = time.perf_counter()
    total = len(plan.nodes) + len(plan.relationships)
    done = 0
    node_groups, rel_groups = plan.node_groups(), plan.rel_groups()
    n_batches = sum(-(-len(v) // batch_size) for v in (*node_groups.values(), *rel_groups.values()))
    with connect(settings) as driver, driver.session(database=settings.database) as session:
        stage = "constraint creation"
        try:
            summary.constraints_added = create_constraints(session)
            for labels, rows in node_groups.items():
                count = summary.nodes.setdefault(rows[0].group, GroupCount())
                for batch in _batches(rows, batch_size):
                    stage = f"batch {summary.batches + 1}/{n_batches} ({':'.join(labels)} nodes)"
                    dropped, written, created = session.execute_write(_write_nodes, labels, batch)
                    summary.nodes_replaced += dropped
                    _count(count, len(batch), written, created)
                    summary.batches += 1
                    done += len(batch)
                    if progress:
                        progress(done, total)
            for key, rows in rel_groups.items():
                count = summary.relationships.setdefault(key[0], GroupCount())
                for batch in _batches(rows, batch_size):
                    stage = f"batch {summary.batches + 1}/{n_batches} ({key[0]} relationships)"
                    written, created = session.execute_write(_write_rels, key, batch)
                    _count(count, len(batch), written, created)
                    summary.batches += 1
                    done += len(batch)
                    if progress:
                        progress(done, total)
        except _DRIVER_ERRORS as e:
            raise _error(e, settings, during=stage) from None
    summary.rows = done
    summary.seconds = time.perf_counter() - started
    return summary


def _count(c: GroupCount, rows: int, written: int, created: int) -> None:
    c.created += created
    c.updated += max(written - created, 0)
    c.unchanged += rows - max(written, created)


# --------------------------------------------------------------------------- wipe and read-back


def check_reachable(settings: Neo4jSettings) -> None:
    """Connect and disconnect: an ``ExportError`` saying what is wrong when the server cannot be used."""
    with connect(settings):
        pass


def wipe(settings: Neo4jSettings, batch: int = 10_000) -> int:
    """Delete semikg's own nodes (key label and an IRI in semikg's namespace) and their relationships."""
    deleted = 0
    with connect(settings) as driver, driver.session(database=settings.database) as session:
        try:
            for label in KEY_LABELS:
                while True:
                    n = session.execute_write(
                        lambda tx: tx.run(Q.WIPE_BATCH.format(key_label=check_label(label)),
                                          prefix=ID_NAMESPACE, limit=batch).single()["deleted"])
                    deleted += n
                    if n < batch:
                        break
        except _DRIVER_ERRORS as e:
            raise _error(e, settings, during="wipe") from None
    return deleted


def read_back(settings: Neo4jSettings) -> ServerGraph:
    """Every semikg node and relationship on the server, canonically sorted (hash property dropped)."""
    nodes, rels = [], []
    with connect(settings) as driver, driver.session(database=settings.database) as session:
        try:
            for label in KEY_LABELS:
                for rec in session.run(Q.READ_NODES.format(key_label=check_label(label)), prefix=ID_NAMESPACE):
                    nodes.append((tuple(sorted(rec["labels"])), _canon(rec["props"])))
                for rec in session.run(Q.READ_RELATIONSHIPS.format(start_label=check_label(label)),
                                       prefix=ID_NAMESPACE):
                    rels.append((rec["type"], rec["start"], rec["end"], _canon(rec["props"])))
        except _DRIVER_ERRORS as e:
            raise _error(e, settings, during="read-back") from None
    nodes.sort(key=lambda n: (n[1].get("uri", ""), n[0]))
    rels.sort(key=lambda r: (r[0], r[1], r[2]))
    return ServerGraph(nodes=nodes, relationships=rels)


def _canon(props: dict) -> dict:
    return {k: v for k, v in sorted(props.items()) if k != HASH_PROPERTY}
