"""Addresses for the students, QR codes drawn here, and which device a request comes from."""

from __future__ import annotations

from types import SimpleNamespace

from psoas.classroom.network import (
    client_address,
    is_loopback,
    network_addresses,
    qr_svg,
    qr_terminal,
    student_hosts,
    student_url,
    terminal_announcement,
)


def test_addresses_for_students_are_on_the_network():
    for host in network_addresses():
        assert not host.startswith("127.")
    assert student_hosts("127.0.0.1") == ["127.0.0.1"]
    assert student_url("192.168.1.20", 8866, "verkorting=3") == "http://192.168.1.20:8866/les?verkorting=3"
    assert not is_loopback("192.168.1.20") and is_loopback("127.0.0.1") and is_loopback("::1")
    assert not is_loopback("not an address")


def test_qr_codes_are_drawn_locally():
    svg = qr_svg("http://192.168.1.20:8866/les")
    assert svg.startswith("<svg") and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert qr_terminal("http://192.168.1.20:8866/les").count("\n") > 10


def test_behind_a_local_proxy_the_last_forwarded_address_is_the_device():
    def request(peer, forwarded=""):
        return SimpleNamespace(remote_ip=peer, headers={"X-Forwarded-For": forwarded} if forwarded else {})

    assert client_address(request("192.168.1.9")) == "192.168.1.9"
    assert client_address(request("192.168.1.9", "10.0.0.1")) == "192.168.1.9"  # not our proxy: not trusted
    assert client_address(request("127.0.0.1", "1.2.3.4, 192.168.1.50")) == "192.168.1.50"


def test_the_terminal_names_the_students_address_and_the_teacher_page():
    text = terminal_announcement("Klaslokaalmodus", "127.0.0.1", 8866, "/")
    assert "http://127.0.0.1:8866/les" in text and "http://localhost:8866/leraar" in text
