"""Entry point: compose the command groups. Each module registers its commands on the app."""
from __future__ import annotations

import typer

from semikg.cli import build_cmd, export_cmd, load_cmd, query_cmd, serve_cmd, viz_cmd

app = typer.Typer(
    name="semikg",
    help="A knowledge graph of the semiconductor industry, built from Chinese-language news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (build_cmd, query_cmd, viz_cmd, export_cmd, load_cmd, serve_cmd):
    module.register(app)


def main() -> None:
    import signal

    # `semikg query run … | head` should stop quietly when the reader goes away, as Unix tools do.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()


if __name__ == "__main__":
    main()
