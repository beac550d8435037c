"""placeholder"""
import click


@click.command()
def add() -> None:
    """Rebuild on every save."""
