"""``python -m loadtest [--students 30] [--extra 5] [--only pool|nopool]``: see loadtest/__init__.py."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from .run import Scenario, report, run, targets


def main(argv: list[str] | None = None) -> int:
    d = Scenario()
    p = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__)
    p.add_argument("--students", type=int, default=d.students, help="students arriving at once (default 30)")
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
    p.add_argument("--log-dir", type=Path, default=Path("loadtest/logs"))
    args = p.parse_args(argv)
    if not 1 <= args.students <= 60 or not 0 <= args.extra <= 20:
        p.error("--students must be 1..60 and --extra 0..20 (the test is bounded)")
    args.log_dir.mkdir(parents=True, exist_ok=True)
    scenario = Scenario(
        students=args.students, extra=args.extra, chapter=args.chapter, moves=args.moves, pool_other=args.pool_other,
        cull_idle_s=args.cull_idle, cull_interval_s=args.cull_interval, kernel_manager=args.kernel_manager,
        goodbye=args.goodbye, fetch_assets=args.fetch_assets, log_dir=args.log_dir,
    )  # fmt: skip
    modes = {"pool": (True,), "nopool": (False,)}.get(args.only, (True, False))
    started = time.monotonic()
    results = asyncio.run(asyncio.wait_for(run(scenario, modes), timeout=1800))
    leave = "closed tabs (beacon)" if scenario.goodbye else "closed laptops (no goodbye)"
    print(f"\n{scenario.students} students at once on {scenario.chapter}; kernel manager {scenario.kernel_manager}; "
          f"leaving as {leave}; server logs in {args.log_dir}/; run took {time.monotonic() - started:.0f} s\n")  # fmt: skip
    print(report(scenario, results))
    print()
    checks = targets(scenario, results)
    for text, ok in checks:
        print(f"  [{'ok' if ok else 'MISSED'}] {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
