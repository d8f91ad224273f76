"""``python -m psoas.voila_main <voila arguments>``: the app's Voilà (``psoas.voila_app``).

``psoas.serve.voila_command`` starts the app this way (``make app``, the tests, the bench).
"""

from __future__ import annotations

from .voila_app import main

if __name__ == "__main__":
    main()
