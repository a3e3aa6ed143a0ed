"""What every command shares: turning errors into one clean line and an exit code."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import typer

from semikg.errors import SemikgError


def fail(message: str, code: int = 1) -> "typer.Exit":
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def cli_errors() -> Iterator[None]:
    """Run library code; a known failure becomes `error: <one line>` on stderr and a non-zero exit."""
    try:
        yield
    except SemikgError as e:
        raise fail(str(e).splitlines()[0] if str(e) else type(e).__name__, e.exit_code) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None
    except (OSError, UnicodeError, MemoryError) as e:
        raise fail(f"{type(e).__name__}: {e}".splitlines()[0]) from None
