"""Entry point: one typer sub-app per command group, composed with add_typer.

A sub-app with a name is a group (`semikg query …`); one without puts its commands at the top
level (`semikg build`).
"""
from __future__ import annotations

from typing import Optional

import typer

from semikg.cli import build_cmd, export_cmd, load_cmd, query_cmd, serve_cmd, sparql_cmd, viz_cmd
from semikg.cli.common import OneLineErrors

app = typer.Typer(
    name="semikg",
    help="A knowledge graph of the semiconductor industry, built from Chinese-language news.",
    epilog="Exit codes: 0 done, 1 error, 2 usage error, 3 SHACL violations, 130 interrupted.",
    cls=OneLineErrors,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and one-line errors, the same in a terminal and in a pipe
    context_settings={"help_option_names": ["-h", "--help"]},
)

for group in (build_cmd.app, query_cmd.app, sparql_cmd.app, viz_cmd.app, export_cmd.app, load_cmd.app,
              serve_cmd.app):
    app.add_typer(group)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"semikg {version('semikg')}")
        raise typer.Exit()


@app.callback()
def _root(version: Optional[bool] = typer.Option(None, "--version", "-V", callback=_version, is_eager=True,
                                                 help="Print the version and exit.")) -> None:
    """A knowledge graph of the semiconductor industry, built from Chinese-language news."""


def main() -> None:
    import signal

    # `semikg query run … | head` should stop quietly when the reader goes away, as Unix tools do.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()


if __name__ == "__main__":
    main()
