"""placeholder"""
import click


@click.command()
def preview() -> None:
    """Rebuild on every save."""
