"""Every Cypher text the Neo4j export sends or writes, in one place.

Values always travel as parameters (``$rows``, ``$prefix``). Labels and relationship types cannot be
parameters in Cypher, so the templates take them through ``{labels}``/``{type}`` placeholders filled
only with names that passed ``mapping.check_label``/``check_type`` (ontology names, never article text).

Portable openCypher + Neo4j 5 constraint syntax: runs on Neo4j 5 and on ArcadeDB's Bolt server.
"""
from __future__ import annotations

# One constraint per key label, so that every MERGE/MATCH on `uri` is an index seek.
CONSTRAINT = "CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.uri IS UNIQUE"

# A node whose set of classes changed since the last push is replaced, not relabelled: adding a
# label to an existing node under a uniqueness constraint fails on ArcadeDB, and MERGE on the new
# label set would otherwise try to create a duplicate `uri`.
DROP_RELABELLED = """UNWIND $rows AS row
MATCH (old:{key_label} {{uri: row.uri}})
WHERE size(labels(old)) <> size(row.labels) OR any(l IN row.labels WHERE NOT l IN labels(old))
DETACH DELETE old"""

# The node is created with all its labels at once. Its properties are written only when their
# checksum differs from the stored one, so a second push of the same graph writes nothing.
MERGE_NODES = """UNWIND $rows AS row
MERGE (n:{labels} {{uri: row.uri}})
WITH n, row WHERE coalesce(n.semikg_hash, '') <> row.hash
SET n = row.props
RETURN count(n) AS written"""

MERGE_RELATIONSHIPS = """UNWIND $rows AS row
MATCH (a:{start_label} {{uri: row.start}})
MATCH (b:{end_label} {{uri: row.end}})
MERGE (a)-[r:{type}]->(b)
WITH r, row WHERE coalesce(r.semikg_hash, '') <> row.hash
SET r = row.props
RETURN count(r) AS written"""

# Only semikg's own nodes: a key label AND an IRI in semikg's instance namespace.
WIPE_BATCH = """MATCH (n:{key_label})
WHERE n.uri STARTS WITH $prefix
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted"""

# Read-back used by the tests and `fingerprint()`: every semikg node and relationship with properties.
READ_NODES = """MATCH (n:{key_label})
WHERE n.uri STARTS WITH $prefix
RETURN labels(n) AS labels, properties(n) AS props"""

READ_RELATIONSHIPS = """MATCH (a:{start_label})-[r]->(b)
WHERE a.uri STARTS WITH $prefix AND b.uri STARTS WITH $prefix
RETURN type(r) AS type, a.uri AS start, b.uri AS end, properties(r) AS props"""

PING = "RETURN 1 AS ok"
