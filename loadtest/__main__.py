"""``python -m loadtest [--students 30] [--extra 5] [--only pool|nopool] [--busy] [--link verkorting=3]``:
see loadtest/__init__.py.

``python -m loadtest --static [--busy] [--students 300] [--site site/]``: the static classroom, see
loadtest/static.py."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from .run import Scenario, modes, report, run, targets
from .static import StaticScenario, page_table, run_static
from .static import report as static_report
from .static import targets as static_targets


def main(argv: list[str] | None = None) -> int:
    d = Scenario()
    p = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__)
    p.add_argument("--students", type=int, default=None, help="students arriving at once (default 30; --static: 300)")
    p.add_argument("--extra", type=int, default=d.extra, help="students past the cap (default 5)")
    p.add_argument("--chapter", default=d.chapter)
    p.add_argument("--moves", type=int, default=d.moves, help="slider moves per student and phase")
    p.add_argument("--pool-other", type=int, default=d.pool_other, help="warm kernels for every other page")
    p.add_argument("--cull-idle", type=int, default=d.cull_idle_s, help="cull timeout in seconds (short for the test)")
    p.add_argument("--cull-interval", type=int, default=d.cull_interval_s)
    p.add_argument("--kernel-manager", choices=("sync", "async"), default=d.kernel_manager)
    p.add_argument(
        "--goodbye", action="store_true", help="students leave like a closed tab (beacon), not a closed laptop"
    )
    p.add_argument("--no-assets", dest="fetch_assets", action="store_false", help="do not fetch the page's scripts")
    p.add_argument("--only", choices=("pool", "nopool"), help="run one mode only")
    p.add_argument("--busy", action="store_true",
                   help="also run every mode while one process per core spins for the whole run (its own column)")  # fmt: skip
    p.add_argument("--link", default="",
                   help="also run the pool with every student opening this link, e.g. verkorting=3 (its own column)")  # fmt: skip
    p.add_argument("--log-dir", type=Path, default=Path("loadtest/logs"))
    static = p.add_argument_group("the static classroom (psoas.classroom.static serving site/)")
    static.add_argument("--static", action="store_true", help="load-test the static classroom instead")
    static.add_argument("--site", type=Path, default=StaticScenario().site_dir, help="the static build (default site/)")
    static.add_argument("--clients", type=int, default=StaticScenario().clients,
                        help="processes playing the students (default 4)")  # fmt: skip
    static.add_argument("--no-frames", dest="fetch_frames", action="store_false",
                        help="stop at interactive: do not fetch the other control positions' frames")  # fmt: skip
    args = p.parse_args(argv)
    if args.static:
        return main_static(p, args)
    args.students = d.students if args.students is None else args.students
    if not 1 <= args.students <= 60 or not 0 <= args.extra <= 20:
        p.error("--students must be 1..60 and --extra 0..20 (the test is bounded)")
    args.log_dir.mkdir(parents=True, exist_ok=True)
    scenario = Scenario(
        students=args.students, extra=args.extra, chapter=args.chapter, moves=args.moves, pool_other=args.pool_other,
        cull_idle_s=args.cull_idle, cull_interval_s=args.cull_interval, kernel_manager=args.kernel_manager,
        goodbye=args.goodbye, fetch_assets=args.fetch_assets, log_dir=args.log_dir,
    )  # fmt: skip
    chosen = modes(args.only, args.busy, args.link)
    started = time.monotonic()
    results = asyncio.run(asyncio.wait_for(run(scenario, chosen), timeout=900 * len(chosen)))
    leave = "closed tabs (beacon)" if scenario.goodbye else "closed laptops (no goodbye)"
    print(f"\n{scenario.students} students at once on {scenario.chapter}; kernel manager {scenario.kernel_manager}; "
          f"leaving as {leave}; server logs in {args.log_dir}/; run took {time.monotonic() - started:.0f} s\n")  # fmt: skip
    print(report(scenario, results))
    print()
    checks = targets(scenario, results)
    for text, ok in checks:
        print(f"  [{'ok' if ok else 'MISSED'}] {text}")
    return 0 if all(ok for _, ok in checks) else 1


def main_static(p: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    students = StaticScenario().students if args.students is None else args.students
    if not 1 <= students <= 1000:
        p.error("--students must be 1..1000 for --static (the test is bounded)")
    args.log_dir.mkdir(parents=True, exist_ok=True)
    if not 1 <= args.clients <= 16:
        p.error("--clients must be 1..16")
    scenario = StaticScenario(students=students, site_dir=args.site, fetch_frames=args.fetch_frames, busy=args.busy,
                              clients=args.clients, log_dir=args.log_dir)  # fmt: skip
    started = time.monotonic()
    try:
        results = asyncio.run(run_static(scenario))
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"\n{students} students at once ({scenario.clients} client processes) on the static classroom "
          f"(site {args.site}), pages 01-08 in nl and en; "
          f"server log in {args.log_dir}/; run took {time.monotonic() - started:.0f} s\n")  # fmt: skip
    print(static_report(scenario, results))
    print("\nPer page, as sent (gzip where the server compresses):\n")
    print(page_table(results))
    print()
    checks = static_targets(scenario, results)
    for text, ok in checks:
        print(f"  [{'PASS' if ok else 'FAIL'}] {text}")
    if not scenario.busy:
        print("  (busy: not run; add --busy)")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
