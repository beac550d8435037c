"""placeholder"""
import click


@click.command()
def proof() -> None:
    """Rebuild on every save."""
