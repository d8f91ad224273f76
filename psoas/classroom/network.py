"""Where the students find the server: this machine's addresses, the lesson's URL, its QR code,
and which device a request comes from."""

from __future__ import annotations

import io
import ipaddress

from ..serve import LOOPBACK
from .options import EVERY_NETWORK


def network_addresses() -> list[str]:
    """This machine's IPv4 addresses on a network (private ones first); no packet is sent."""
    found: list[ipaddress.IPv4Address] = []
    try:
        import psutil

        for addresses in psutil.net_if_addrs().values():
            for address in addresses:
                if address.family.name == "AF_INET":
                    found.append(ipaddress.IPv4Address(address.address))
    except Exception:  # psutil missing or no interface list: ask the resolver
        import socket

        try:
            found = [ipaddress.IPv4Address(a) for a in socket.gethostbyname_ex(socket.gethostname())[2]]
        except OSError:
            found = []
    usable = [a for a in dict.fromkeys(found) if not (a.is_loopback or a.is_link_local or a.is_unspecified)]
    usable.sort(key=lambda a: (not a.is_private, a.packed))
    return [str(a) for a in usable]


def listens_everywhere(ip: str) -> bool:
    return ip in (EVERY_NETWORK, "", "::")


def student_hosts(ip: str) -> list[str]:
    """The host names students can use to reach a server listening on ``ip``."""
    if listens_everywhere(ip):
        return network_addresses() or [LOOPBACK]
    return [ip]


def student_url(host: str, port: int, query: str = "", base_url: str = "/") -> str:
    """The lesson's address for the students: ``/les`` leads to the first page."""
    return f"http://{host}:{port}{base_url}les" + (f"?{query}" if query else "")


def qr_terminal(text: str) -> str:
    """``text`` as a QR code in terminal characters ("" if segno is not installed)."""
    try:
        import segno
    except ImportError:
        return ""
    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def qr_svg(text: str, scale: int = 8) -> str:
    """``text`` as an inline SVG QR code ("" if segno is not installed)."""
    try:
        import segno
    except ImportError:
        return ""
    return segno.make(text, error="m").svg_inline(scale=scale, border=3, dark="#1a1a1a", light="#ffffff")


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").split("%")[0]).is_loopback
    except ValueError:
        return False


def client_address(request) -> str:
    """The device behind a request: the peer, or behind a proxy on this machine (a JupyterHub's),
    the address that proxy added last to X-Forwarded-For (earlier entries come from the client)."""
    peer = request.remote_ip or "?"
    if is_loopback(peer):
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return peer


def terminal_announcement(title: str, ip: str, port: int, base_url: str) -> str:
    """What the terminal shows the teacher: the students' address, its QR code, the teacher page."""
    hosts = student_hosts(ip)
    url = student_url(hosts[0], port, base_url=base_url)
    lines = ["", title, "", f"  Leerlingen openen (zelfde wifi):  {url}"]
    lines += [f"                              of:  {student_url(h, port, base_url=base_url)}" for h in hosts[1:]]
    if hosts == [LOOPBACK] and listens_everywhere(ip):
        lines.append("  (Geen netwerk gevonden: verbind deze computer met het wifi van de klas.)")
    lines += [qr_terminal(url), f"  Lerarenpagina (projecteren):  http://localhost:{port}{base_url}leraar",
              "  Stoppen: Ctrl+C", ""]  # fmt: skip
    return "\n".join(lines)
