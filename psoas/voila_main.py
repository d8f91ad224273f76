"""``python -m psoas.voila_main <voila arguments>``: Voilà with ``psoas.zmq_wakeup`` installed.

``psoas.serve.voila_command`` starts the app this way (``make app``, the tests, the bench).
"""

from __future__ import annotations

import sys

from .zmq_wakeup import install


def main() -> None:
    install()
    from voila.app import main as voila_main

    sys.exit(voila_main())


if __name__ == "__main__":
    main()
