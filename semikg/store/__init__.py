"""Persistent store and SPARQL service: the bottom layer, on rdflib, Oxigraph and the models only.

backends   rdflib Graph over rdflib-memory or Oxigraph, chosen by name from a registry
terms      Oxigraph terms as rdflib terms (simple literals kept plain)
bindings   initBindings on Oxigraph as verified VALUES blocks
load       load_graph: a graph file parsed into memory, or a store folder opened read-only
disk       OUT/store/ (meta.json + oxigraph/ + names.json): write_store, open_store
names      the name index a store carries, made from what the caller specifies
server     `semikg serve`: read-only SPARQL 1.1 protocol endpoint; time and memory limits per query,
           SERVICE only to allowed endpoints, workers that end with the server
negotiate  Accept header -> result format
push       Graph Store HTTP protocol push (`export sparql`)
"""
