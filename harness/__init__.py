"""What the tests, the bench and the load test share: starting servers and browsers.

``servers``: the app's Voilà (``make app``), the live and the static classroom (``python -m
psoas.classroom``) and a plain file server, each on a free 127.0.0.1 port with its log file, ready
when its own state says so, failing at once (with the log's end) when its process exits.
``browser``: Debian's Chromium through Playwright, with the project's flags, talking to loopback only.

Not part of the ``psoas`` package (``pyproject.toml`` installs ``psoas*`` only): it is imported from
the repository's root, as ``loadtest`` and ``benchmarks`` are.
"""
