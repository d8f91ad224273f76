"""Start values from the page's link: parsing, notices in the page's language, and where the query string comes from."""

import threading

import pytest

from psoas import query
from psoas.query import parameters, parse_value, query_string, start_value

RANGE = (0.0, 10.0)


@pytest.fixture
def no_voila(monkeypatch):
    for name in ("VOILA_KERNEL_ID", "VOILA_BASE_URL", "VOILA_PREHEAT", "QUERY_STRING", query.POOL_QUERY):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(query, "_request_query", None)
    monkeypatch.setattr(query, "_listening", False)
    monkeypatch.setattr(query, "_waiting", [])


@pytest.fixture
def voila_kernel(monkeypatch, no_voila):
    """A kernel Voilà started for a request: the query string is in the environment."""
    monkeypatch.setenv("VOILA_KERNEL_ID", "k")
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    monkeypatch.setenv("VOILA_PREHEAT", "False")


@pytest.fixture
def pool_kernel(monkeypatch, no_voila):
    """A kernel from Voilà's warm pool: it must ask for its request."""
    monkeypatch.setenv("VOILA_KERNEL_ID", "k")
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    monkeypatch.setenv("VOILA_PREHEAT", "True")


@pytest.mark.parametrize(
    "query_text, expected",
    [
        ("verkorting=2.5", 2.5),
        ("verkorting=2,5", 2.5),  # a Dutch decimal comma
        ("?verkorting=3", 3.0),
        ("verkorting=%33", 3.0),  # percent-encoded
        ("verkorting=+4", 4.0),  # "+" is a space in a query string
        ("verkorting=0", 0.0),
        ("verkorting=10", 10.0),  # the range is inclusive
        ("verkorting=.5", 0.5),
        ("a=1&verkorting=7&b=x", 7.0),
        ("verkorting=1&verkorting=9", 1.0),  # the first of a repeated name
    ],
)
def test_valid_values(query_text, expected):
    value, notice = parse_value(query_text, "verkorting", 0.0, RANGE)
    assert value == expected and isinstance(value, float)
    assert notice is None


@pytest.mark.parametrize("query_text", ["", "andere=3", "?", "&&", "verkortingen=3"])
def test_missing_gives_the_default_without_notice(query_text):
    assert parse_value(query_text, "verkorting", 1.5, RANGE) == (1.5, None)


@pytest.mark.parametrize(
    "raw", ["abc", "", "nan", "inf", "-inf", "1e3", "1_0", "0x10", "2.5.1", "1,000.5", "٣", "2 5", "3%", "true"]
)
def test_broken_values_give_the_default_and_a_dutch_notice(raw):
    value, notice = parse_value({"verkorting": raw}, "verkorting", 0.0, RANGE)
    assert value == 0.0
    assert "geen getal" in notice and "verkorting" in notice and "begint daarom bij 0" in notice


@pytest.mark.parametrize("raw", ["-1", "10.01", "11", "99999999999999999999999"])
def test_out_of_range_gives_the_default_and_a_dutch_notice(raw):
    value, notice = parse_value({"verkorting": raw}, "verkorting", 2.5, RANGE)
    assert value == 2.5
    assert "buiten 0 tot 10" in notice and "begint daarom bij 2,5" in notice  # Dutch decimal comma


def test_whole_numbers_for_an_int_default():
    assert parse_value("stap=3", "stap", 1, (1, 5)) == (3, None)
    assert isinstance(parse_value("stap=3", "stap", 1, (1, 5))[0], int)
    value, notice = parse_value("stap=3,5", "stap", 1, (1, 5))
    assert value == 1 and "geen heel getal" in notice


def test_a_long_broken_value_is_shortened_in_the_notice():
    _, notice = parse_value({"verkorting": "x" * 500 + "\x00\x1b"}, "verkorting", 0.0, RANGE)
    assert len(notice) < 200 and "…" in notice and "\x00" not in notice and "\x1b" not in notice


def test_parameters():
    assert parameters("a=1&b=&c=x%20y") == {"a": "1", "b": "", "c": "x y"}


def test_outside_voila_there_is_no_query_and_no_wait(no_voila):
    """JupyterLab, nbclient, the tests: the default at once, no notice."""
    assert query_string() == ""
    assert start_value("verkorting", 0.0, RANGE) == (0.0, None)


def test_a_kernel_started_for_the_request_reads_the_environment(voila_kernel, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "verkorting=4,5")
    assert start_value("verkorting", 0.0, RANGE) == (4.5, None)


def test_a_pool_kernel_waits_for_its_request_once(pool_kernel, monkeypatch):
    import voila.utils

    calls = []

    def request_arrives(url=None):
        calls.append(url)
        return "verkorting=6"

    monkeypatch.setattr(voila.utils, "get_query_string", request_arrives)
    assert start_value("verkorting", 0.0, RANGE) == (6.0, None)
    assert start_value("verkorting", 0.0, RANGE) == (6.0, None)  # a second scene on the page
    assert len(calls) == 1  # Voilà sends the request to a kernel only once


def test_a_pool_kernel_without_an_answer_falls_back_after_the_timeout(pool_kernel, monkeypatch):
    import voila.utils

    never = threading.Event()
    monkeypatch.setattr(voila.utils, "get_query_string", lambda url=None: never.wait(30) and None)
    try:
        assert start_value("verkorting", 2.0, RANGE, timeout_s=0.2) == (2.0, None)
    finally:
        never.set()


def test_a_pool_kernel_that_cannot_reach_the_server_uses_the_default(pool_kernel, monkeypatch):
    import voila.utils

    monkeypatch.setattr(voila.utils, "get_query_string", lambda url=None: None)  # Voilà gave up connecting
    assert start_value("verkorting", 1.0, RANGE) == (1.0, None)


def test_the_posture_scene_starts_where_the_link_says(voila_kernel, monkeypatch):
    from psoas.widgets import make_posture_scene

    monkeypatch.setenv("QUERY_STRING", "verkorting=3")
    widget = make_posture_scene()
    sliders = [c for c in widget.children[1].children if hasattr(c, "min") and hasattr(c, "step")]
    assert sliders and sliders[0].value == 3.0


def test_the_posture_scene_shows_a_dutch_notice_for_a_broken_link(voila_kernel, monkeypatch):
    from psoas.widgets import make_posture_scene

    monkeypatch.setenv("QUERY_STRING", "verkorting=veel")
    widget = make_posture_scene()
    texts = " ".join(
        getattr(c, "value", "") for c in widget.children[1].children if isinstance(getattr(c, "value", None), str)
    )
    assert "geen getal" in texts and "psoas-notice" in texts
    sliders = [c for c in widget.children[1].children if hasattr(c, "min") and hasattr(c, "step")]
    assert sliders[0].value == 0.0


def test_an_explicit_start_value_ignores_the_link(voila_kernel, monkeypatch):
    from psoas.widgets import make_posture_scene

    monkeypatch.setenv("QUERY_STRING", "verkorting=3")
    widget = make_posture_scene(1.0)
    sliders = [c for c in widget.children[1].children if hasattr(c, "min") and hasattr(c, "step")]
    assert sliders[0].value == 1.0


def test_notices_are_in_the_pages_language():
    from psoas.content import strings

    _, dutch = parse_value("verkorting=12,5", "verkorting", 0.0, RANGE, strings("nl"))
    _, english = parse_value("verkorting=12.5", "verkorting", 0.0, RANGE, strings("en"))
    assert "buiten 0 tot 10" in dutch and "12,5" in dutch
    assert "outside 0 to 10" in english and "12.5" in english and "buiten" not in english


class ImmediateLoop:
    """The kernel's loop, stood in for: records what would run on the kernel's thread."""

    def __init__(self):
        self.thread_names = []

    def add_callback(self, function, *args):
        self.thread_names.append(threading.current_thread().name)
        function(*args)


@pytest.fixture
def classroom_pool_kernel(monkeypatch, pool_kernel):
    """A classroom warm kernel: it renders the plain link and applies the student's link later."""
    import IPython

    monkeypatch.setenv(query.POOL_QUERY, query.AFTER_RENDER)
    monkeypatch.setattr(query, "REQUEST_RETRY_S", 0.01)
    arrived = threading.Event()
    attempts = []

    async def request_arrives(url):
        attempts.append(url)
        if len(attempts) == 1:
            raise TimeoutError("the server is busy")  # the first try fails: asked again
        arrived.wait(10)
        return "verkorting=6&projector=1"

    loop = ImmediateLoop()
    loop.attempts = attempts
    kernel = type("Kernel", (), {"io_loop": loop})()
    monkeypatch.setattr(query, "_receive_request", request_arrives)
    monkeypatch.setattr(IPython, "get_ipython", lambda: type("Shell", (), {"kernel": kernel})())
    return arrived, loop


def test_a_classroom_pool_kernel_renders_the_plain_link_and_applies_the_students_link_later(classroom_pool_kernel):
    arrived, loop = classroom_pool_kernel
    assert query_string() == ""  # the render does not wait
    seen = []
    done = threading.Event()
    query.when_link_known(seen.append)
    query.when_link_known(lambda q: (seen.append(q.upper()), done.set()))
    assert seen == []  # nobody has taken the kernel yet
    arrived.set()  # a student takes it
    assert done.wait(10)
    assert seen == ["verkorting=6&projector=1", "VERKORTING=6&PROJECTOR=1"]
    assert loop.thread_names == ["psoas-link", "psoas-link"]
    assert len(loop.attempts) == 2 and loop.attempts[0].endswith("/voila/query/k")  # each scheduled on the kernel's loop
    later = []
    query.when_link_known(later.append)  # a scene made after the request: at once
    assert later == ["verkorting=6&projector=1"]


def test_the_request_channel_is_where_voila_sends_it():
    env = {"VOILA_APP_IP": "127.0.0.1", "VOILA_APP_PORT": "9000", "VOILA_SERVER_URL": "/psoas/", "VOILA_KERNEL_ID": "abc"}
    assert query.request_url(env) == "ws://127.0.0.1:9000/psoas/voila/query/abc"
