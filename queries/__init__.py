"""The saved query library: SPARQL and Cypher files with a documented header, and the code that runs them."""
