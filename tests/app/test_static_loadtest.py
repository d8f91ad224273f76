"""The static load test, small: twenty students on a small site made here (``make classroom``'s server).

The same scenario as ``python -m loadtest --static`` (the real server as a subprocess on a free
loopback port, students at once, each fetching what its page needs, then the frames), asserting
correctness only: the report's structure, every student interactive, and a missing asset counted as
the failure it is.  Times are reported by ``make loadtest``, never asserted here.
"""

from __future__ import annotations

import json

from loadtest.static import PAGES, PageAssets, StaticScenario, module_imports, page_table, report, run_static, targets

from ..classroom.test_static import SCENE_FRAMES, make_site
from .classroom_server import run as run_in_own_loop

STUDENTS = 20


def run(scenario: StaticScenario):
    return run_in_own_loop(run_static(scenario), timeout_s=120)


def test_twenty_students_get_their_pages_and_frames(tmp_path):
    site = make_site(tmp_path / "site")
    scenario = StaticScenario(students=STUDENTS, site_dir=site, log_dir=tmp_path)
    (result,) = run(scenario)
    assert len(result.students) == STUDENTS and result.mode == "quiet"
    assert not result.failures and not result.frame_failures, [s.error or s.frame_error for s in result.students]
    assert {s.page for s in result.students} == set(PAGES)  # chapters 01-08, nl and en, in turn
    for student in result.students:
        assert student.requests_interactive == 5  # page, style sheet, module script, picture, scene data
        assert student.frames == SCENE_FRAMES - 1  # the other positions (the first came with the page)
        assert 0 < student.time_to_page <= student.time_to_interactive and student.frames_s is not None
        assert student.bytes_interactive > 0 and student.bytes_frames > 0
    assert result.ready_after_s > 0 and result.rss_hwm_mb > 10 and result.rss_peak_sampled_mb > 10
    table = report(scenario, [result])
    for row in ("students interactive", "failures", "time to interactive, s (median / p95 / max)",
                "KB until interactive, per student", "MB per student with every frame",
                "server memory peak (VmHWM; sampled VmRSS)"):  # fmt: skip
        assert row in table
    assert f"{STUDENTS}/{STUDENTS}" in table
    assert "| en/08-samenvatting.html | 5 |" in page_table([result])
    checks = dict(targets(scenario, [result]))
    assert any("0 failures" in text and ok for text, ok in checks.items())
    assert any("server memory peak" in text and ok for text, ok in checks.items())


def test_a_missing_asset_is_a_failure_and_a_missing_frame_is_counted_apart(tmp_path):
    site = make_site(tmp_path / "site")
    page = (site / "nl" / "02-onderrugpijn.html").read_text()
    (site / "assets" / "psoas-static.ba9876543210.css").unlink()  # every page's style sheet
    manifest = PageAssets.of((site / "en" / "03-looppatroon-en-balans.html").read_text()).scenes[0]
    frames = json.loads((site / manifest.removeprefix("../")).read_text())["frames"]
    (site / frames[-1].removeprefix("../")).unlink()  # a later frame of one page
    scenario = StaticScenario(students=STUDENTS, site_dir=site, log_dir=tmp_path)
    (result,) = run(scenario)
    assert len(result.failures) == STUDENTS and not result.interactive
    assert all("404" in s.error and "psoas-static.ba9876543210.css" in s.error for s in result.failures)
    assert "failures" in report(scenario, [result]) and f"0/{STUDENTS}" in report(scenario, [result])
    assert not all(ok for _, ok in targets(scenario, [result]))
    assert "<link" in page  # the site had the style sheet

    make_site(site)  # the style sheet is back; the frame is still gone
    (site / frames[-1].removeprefix("../")).unlink(missing_ok=True)
    (result,) = run(scenario)
    assert not result.failures
    broken = [s for s in result.students if s.page == "en/03-looppatroon-en-balans.html"]
    assert broken and result.frame_failures == broken
    assert all("1 of" in s.frame_error and "404" in s.frame_error for s in broken)
    assert not next(ok for text, ok in targets(scenario, [result]) if "0 failures" in text)


def test_a_page_is_read_as_a_browser_reads_it():
    html = """<!DOCTYPE html><html><head><link rel="stylesheet" href="../assets/a.css?v=1&amp;w=2">
    <link rel=modulepreload href='../assets/m.js'><script type="module" src="../assets/app.js"></script>
    <script>const s = '<img src="not-a-request.png">';</script><!-- <img src="commented.png"> -->
    </head><body><div class="scene" data-psoas-scene="../data/abc.json"><img alt="a > b" src="../frames/f.png"></div>
    <IMG SRC=../frames/g.png></body></html>"""
    assets = PageAssets.of(html)
    assert assets.styles == ["../assets/a.css?v=1&w=2"]
    assert assets.scripts == ["../assets/m.js", "../assets/app.js"]
    assert assets.images == ["../frames/f.png", "../frames/g.png"]
    assert assets.scenes == ["../data/abc.json"]
    js = 'import{a as b}from"./x.js";import "./y.js"; export * from \'../z.js\'; import t from "three";\n' \
         'export function go(){}\nimport {\n  c,\n  d\n} from "/abs.js"; const s = "import";'  # fmt: skip
    assert module_imports(js) == ["./x.js", "./y.js", "../z.js", "/abs.js"]
