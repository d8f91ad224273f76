"""A load test you can rerun: ``python -m loadtest`` (``make loadtest``).

Thirty simulated students (``--students``) open a chapter at once on a classroom server
(``psoas.classroom``) on 127.0.0.1, over Voilà's real HTTP and kernel-websocket protocol, get
their widgets, move the slider and wait for the new figure.  The run is repeated with and without
the warm kernel pool.  Students past the cap must get the Dutch message without slowing the others;
after the class leaves, the memory must come back to the idle level within the cull timeout.
Bounded: a fixed number of students, every wait with a timeout, loopback only.
"""
