"""Persistent store and SPARQL service (issue 7).

backends   rdflib Graph over rdflib-memory or Oxigraph
bindings   initBindings on Oxigraph as verified VALUES blocks
load       load_graph: a graph file parsed into memory, or a store folder opened read-only
disk       OUT/store/ (meta.json + oxigraph/ + names.json): write_store, open_store
server     `semikg serve`: read-only SPARQL 1.1 protocol endpoint with a query time limit
negotiate  Accept header -> result format
push       Graph Store HTTP protocol push (`export sparql`)
parity     run a query set on several engines and compare (tests, benchmark)
synthetic  graphs of any size in the ontology's shape (benchmark)
"""
