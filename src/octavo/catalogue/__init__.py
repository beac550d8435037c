"""`octavo build-many`: build every book of a catalogue, each book one independent task.

A catalogue is a folder holding book projects (each a folder with a `book.yaml`), or a text file
listing them. Books whose outputs are fresh are skipped, one failed book never stops the others,
and a JSON report records every book's status, diagnostics, outputs and timings. The same tasks
run on a local process pool or on a Ray cluster (`engines.py`); a task is a plain function of
plain data (`task.py`), so both engines run exactly the same code.
"""
