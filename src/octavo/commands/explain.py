"""`octavo explain CODE` and `octavo explain --list`."""

from __future__ import annotations

import click


@click.command()
@click.argument("codes", nargs=-1, metavar="CODE...")
@click.option("--list", "list_all", is_flag=True, help="List every code with its summary.")
def explain(codes: tuple[str, ...], list_all: bool) -> None:
    """Explain diagnostic CODEs: what each means, why it matters, how to fix it, and an example.

    `octavo explain OCT322`, or `octavo explain --list` for every code.
    """
    from octavo import console
    from octavo.explanations import lookup, render, render_list

    if list_all:
        console.result(render_list())
        return
    if not codes:
        raise click.UsageError("name a code (octavo explain OCT322), or use --list")
    texts = []
    for code in codes:
        found = lookup(code)
        if found is None:
            raise click.UsageError(f"unknown code {code!r}; `octavo explain --list` lists them")
        texts.append(render(found))
    console.result("\n".join(texts))
