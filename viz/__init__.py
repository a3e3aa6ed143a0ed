"""Interactive, offline HTML pages of a semikg graph (vis-network via pyvis)."""
from semikg.viz.options import VizOptions
from semikg.viz.page import VizPage, render, render_subgraph, write_page
from semikg.viz.select import Selection, VizError, select

__all__ = ["VizOptions", "VizPage", "Selection", "VizError", "render", "render_subgraph", "select", "write_page"]
