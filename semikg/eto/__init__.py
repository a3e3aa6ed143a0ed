"""The ETO Advanced Semiconductor Supply Chain Dataset as a second source of the graph (see README.md)."""
from semikg.eto.csvload import load_eto
from semikg.eto.graph import add_eto, eto_to_graph
from semikg.eto.models import EtoDataset
from semikg.eto.report import ResolutionReport

__all__ = ["load_eto", "eto_to_graph", "add_eto", "EtoDataset", "ResolutionReport"]
