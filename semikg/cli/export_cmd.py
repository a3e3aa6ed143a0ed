"""Command group not built yet: registers nothing, so no half-working command is offered."""
import typer


def register(app: typer.Typer) -> None:
    return None
