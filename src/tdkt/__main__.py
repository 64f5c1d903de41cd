"""The ``tdkt`` command: Django management plus friendly verbs (``demo``, ``serve`` ...)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command; ``--data-dir DIR`` anywhere sets TDKT_DATA_DIR first."""
    args = list(sys.argv if argv is None else argv)
    if "--data-dir" in args:
        i = args.index("--data-dir")
        if i + 1 < len(args):
            os.environ["TDKT_DATA_DIR"] = args[i + 1]
            # `demo` also takes --data-dir; others just get it from the environment.
            if len(args) < 2 or args[1] != "demo":
                del args[i : i + 2]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    from django.core.management import execute_from_command_line

    args[0] = "tdkt"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
