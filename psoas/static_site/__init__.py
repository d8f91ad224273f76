"""The static site (``make static``): every page as plain HTML, its pictures drawn ahead.

``build`` turns the notebooks into pages, ``markup`` turns their outputs into HTML, and
``assets/psoas-static.js`` (an ES module, no build step) switches each scene's pictures,
numbers and words in the page, runs the quizzes, projector mode, the language link and the
presets of a link (``?verkorting=3``).  Nothing needs a kernel or the internet.
"""
