"""``python -m psoas.hub``: the app as a JupyterHub user's server, standalone Voilà, read-only.

JupyterHub's spawner starts this command (``c.Spawner.cmd``; docs/classroom.md) instead of
``jupyterhub-singleuser``.  That would be a full Jupyter server, and Voilà's ``/voila`` server
extension inside it passes ``execute_request`` from the browser to the kernel.  Standalone Voilà
does not, serves no source, and has no contents, terminal or kernel-start API.

Everything comes from the spawner's environment (JupyterHub 2 and later pass nothing on the
command line): where to listen (``JUPYTERHUB_SERVICE_URL``), the path prefix
(``JUPYTERHUB_SERVICE_PREFIX``, ``/user/<name>/``), and the OAuth client that lets only users
with access to this server in (``JUPYTERHUB_API_TOKEN``, ``JUPYTERHUB_CLIENT_ID``,
``JUPYTERHUB_API_URL``, ``JUPYTERHUB_OAUTH_CALLBACK_URL``, ``JUPYTERHUB_OAUTH_ACCESS_SCOPES``, …,
read by ``jupyterhub.services.auth.HubOAuth``).  The Voilà settings are the app's
(``psoas.serve.voila_settings``).
"""

from __future__ import annotations

import argparse
import os
import sys
from urllib.parse import urlsplit

from jupyter_server.utils import url_path_join
from jupyterhub.singleuser.extension import JupyterHubIdentityProvider

from .serve import NOTEBOOK_DIR, Settings, settings_arguments, voila_environment, voila_settings

HUB_AUTHORIZER = "jupyterhub.singleuser.extension.JupyterHubAuthorizer"


class HubIdentityProvider(JupyterHubIdentityProvider):
    """JupyterHub's OAuth login for standalone Voilà.

    Voilà 0.5.13 adds an identity provider's routes (``/oauth_callback``, ``/logout``) without
    its base URL (``Voila.init_handlers``), where the hub never sends anyone; here they carry the
    server's prefix.  (No upstream issue found for it.)
    """

    def get_handlers(self):
        prefix = self.hub_auth.base_url  # JUPYTERHUB_SERVICE_PREFIX
        return [(url_path_join(prefix, route), *rest) for route, *rest in super().get_handlers()]


def hub_settings(env: dict[str, str], port: int | None = None, ip: str | None = None) -> Settings:
    """The app's Voilà settings behind JupyterHub, from the spawner's environment."""
    url = urlsplit(env["JUPYTERHUB_SERVICE_URL"])  # http://127.0.0.1:54321/user/anna/
    default_port = {"http": 80, "https": 443}.get(url.scheme, 80)
    settings = voila_settings(
        port=port if port is not None else (url.port or default_port),
        ip=ip if ip is not None else (url.hostname or ""),  # "": every interface, as jupyterhub-singleuser
    )
    settings["Voila"].update(
        {
            "base_url": env.get("JUPYTERHUB_SERVICE_PREFIX") or "/",
            "identity_provider_class": "psoas.hub.HubIdentityProvider",
            "authorizer_class": HUB_AUTHORIZER,
            # Without it Voilà hands the identity provider an empty token of its own.
            "auto_token": True,
        }
    )
    return settings


def hub_command(env: dict[str, str], port: int | None = None, ip: str | None = None) -> list[str]:
    """The standalone Voilà command line behind JupyterHub."""
    arguments = settings_arguments(hub_settings(env, port=port, ip=ip))
    return [sys.executable, "-m", "psoas.voila_main", str(NOTEBOOK_DIR), *arguments]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The psoas explainer as a JupyterHub user's server (Voilà).")
    parser.add_argument("--port", type=int, help="default: the port of $JUPYTERHUB_SERVICE_URL")
    parser.add_argument("--ip", help="default: the host of $JUPYTERHUB_SERVICE_URL")
    args = parser.parse_args(argv)
    if not os.environ.get("JUPYTERHUB_SERVICE_URL") or not os.environ.get("JUPYTERHUB_API_TOKEN"):
        parser.exit(2, "psoas.hub is started by JupyterHub's spawner (JUPYTERHUB_SERVICE_URL is not set).\n")
    command = hub_command(dict(os.environ), port=args.port, ip=args.ip)
    os.execvpe(command[0], command, voila_environment())


if __name__ == "__main__":
    main()
