"""placeholder"""
import click


@click.command()
def watch() -> None:
    """Rebuild on every save."""
