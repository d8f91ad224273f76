"""``python -m psoas.classroom``: the static classroom; ``--live``: the live one (Voilà)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--live" not in argv:  # the default: the static build, no kernel per student
        from .static import main as static_main

        return static_main(argv)
    from .app import serve
    from .options import parse_live

    serve(parse_live(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
