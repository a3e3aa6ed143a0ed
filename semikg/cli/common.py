"""What every command shares: one-line errors with documented exit codes, and where messages go.

Results go to stdout; progress, notes and errors go to stderr, so `semikg … > file` holds only results.

Exit codes: 0 done; 1 error (bad input, unreachable server, unknown name); 2 usage error (unknown
option, value out of range); 3 the graph violates the SHACL shapes (`validate`, `build`);
130 interrupted.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

import typer
from typer.core import TyperGroup

from semikg.errors import EXIT_ERROR, EXIT_VIOLATIONS, SemikgError

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# The --graph option of every command that reads the built graph (semikg.store.load.graph_path).
GRAPH_HELP = "Graph file or store folder [default: build/store, else build/semikg.ttl]."

__all__ = ["EXIT_ERROR", "EXIT_USAGE", "EXIT_VIOLATIONS", "EXIT_INTERRUPTED", "GRAPH_HELP", "OneLineErrors",
           "cli_errors", "fail", "note", "one_line"]

# Click's UsageError, reached through typer's public BadParameter: typer vendors click in some
# releases and depends on it in others, and this works with both.
_UsageError: type[Exception] = typer.BadParameter.__mro__[1]


def one_line(text: str) -> str:
    """A multi-line library or server message as one line, every part of it kept."""
    return " ".join(part.strip() for part in str(text).splitlines() if part.strip())


def fail(message: str, code: int = EXIT_ERROR) -> "typer.Exit":
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def note(message: str) -> None:
    """A message about the work (progress, what was written): stderr, never mixed with results."""
    typer.echo(message, err=True)


@contextmanager
def cli_errors() -> Iterator[None]:
    """Run library code; a known failure becomes `error: <one line>` on stderr and a non-zero exit."""
    try:
        yield
    except SemikgError as e:
        raise fail(one_line(str(e)) or type(e).__name__, e.exit_code) from None
    except typer.Abort:  # a confirmation prompt that met the end of its input
        raise fail("no answer to the question (stdin closed); nothing changed") from None
    except KeyboardInterrupt:
        raise fail("interrupted", EXIT_INTERRUPTED) from None
    except (OSError, UnicodeError, MemoryError) as e:
        raise fail(one_line(f"{type(e).__name__}: {e}")) from None


class _UsageLine(_UsageError):  # type: ignore[misc, valid-type]
    """A usage error shown as one `error:` line that says where the help is; exit code 2."""

    def __init__(self, original: Any):
        super().__init__(original.format_message(), ctx=original.ctx)

    def show(self, file: Any = None) -> None:
        where = f"`{self.ctx.command_path} --help`" if self.ctx is not None else "`semikg --help`"
        typer.echo(f"error: {self.format_message()} (see {where})", err=True)


class OneLineErrors(TyperGroup):
    """The root group: usage errors anywhere below it are printed the way every other error is."""

    @staticmethod
    def _convert(e: Exception) -> Exception:
        # A bare group name (`semikg export`) shows its help instead: that is not a mistake.
        if isinstance(e, _UsageLine) or type(e).__name__ == "NoArgsIsHelpError":
            return e
        return _UsageLine(e)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except _UsageError as e:
            raise self._convert(e) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _UsageError as e:
            raise self._convert(e) from None
