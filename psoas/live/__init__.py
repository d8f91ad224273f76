"""How a figure gets to the page, for every chapter alike (the chapters are in ``psoas.widgets``).

* ``render``: ``LiveFigure``, a matplotlib figure drawn in place (blitting) into a picture;
* ``picture``: how a picture travels (a data: URL in an ``Image``-like widget);
* ``deferred``: build a figure off the kernel's main thread, behind its cached first picture;
* ``schedule``: of a burst of values, draw only the newest;
* ``positions``: the positions of a scene's controls, and the grid over two controls;
* ``frame_strip``: the widget whose page shows the frame of every position itself;
* ``snapshots``: a scene's pictures, numbers and words at every position, kept per machine.
"""
