"""Oxigraph terms as rdflib terms, with simple literals kept plain as rdflib's parser keeps them."""
from __future__ import annotations

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_from_ox(term):
    """Oxigraph term -> rdflib term, keeping simple literals plain as rdflib's parser does.

    RDF 1.1 makes ``"x"`` and ``"x"^^xsd:string`` the same literal, but rdflib compares them as
    different terms; oxrdflib returns the typed form, so graph code comparing ``Literal("x")``
    would silently see nothing.
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term is None:
        return None
    if isinstance(term, ox.Triple):
        return term_from_ox(term.subject), term_from_ox(term.predicate), term_from_ox(term.object)
    raise ValueError(f"unexpected Oxigraph term: {term!r}")


def plain_literal(t):
    """A typed ``xsd:string`` literal as the plain literal rdflib's parser makes of it."""
    from rdflib import Literal

    if isinstance(t, Literal) and t.datatype is not None and str(t.datatype) == _XSD_STRING and not t.language:
        return Literal(str(t))
    return t
