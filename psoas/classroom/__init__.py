"""Classroom mode: one teacher's machine, thirty students, nothing to install.

``python -m psoas.classroom`` (``make classroom``) serves the static build (``site/``, ``make
static``) with no kernel per student (``static``).  ``--live`` serves the notebooks with Voilà as
``make app`` does, but for a class (``app``):

* it listens on the network (``make app`` stays on 127.0.0.1) and prints the address for the
  students, with a QR code, in the terminal and on a teacher page (``/leraar``, this machine only);
  ``/les`` leads to the lesson's first page and keeps a query string (``/les?verkorting=3``);
* kernels are warm before the students arrive: Voilà's preheated pools, which are per notebook:
  a class-sized pool for the lesson's first page, none (``--pool-other``) for the other pages;
  the teacher page can warm the next chapter for the class ("Zet klaar").  A warm kernel has run
  the whole notebook for the plain link and applies a link's values (``?verkorting=3``) once a
  student takes it (``psoas.query``), so every link gets a warm kernel.  Warming runs one kernel
  at a time while students are working or the machine is busy, and uses every core while
  nobody is; a pool is not refilled beyond the seats left under the cap;
* at most ``--max-kernels`` pages hold a kernel at once, and at most ``--max-per-device`` from
  one device, so one student with forty tabs cannot exhaust the machine: the next page gets a
  short page in the student's language (HTTP 503) that retries by itself.  When the cap is
  reached, kernels of pages that were left (no connection, idle) are reclaimed first;
* a page that is closed or left tells the server (``/voila/api/leave/<kernel>``), which stops its
  kernel at once; kernels of pages that vanish without a word are culled after ``--cull-idle``
  seconds without a connection, but never while their page is being made.

Everything else is Voilà's standalone server: read-only (the kernel websocket passes only comm and
kernel-info messages), no sources, no tracebacks, images only from ``/voila/files``.

Modules: ``options`` (every option; the command line is made from it), ``network`` (addresses,
QR codes), ``seats`` (who holds a kernel; pure bookkeeping), ``kernels`` (Voilà's kernel manager
with seats and a warming pace), ``handlers`` and ``app`` (the live server), ``static`` (the static
server).  Importing this package imports neither Voilà nor Tornado.
"""
