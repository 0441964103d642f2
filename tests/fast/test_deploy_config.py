"""Past one laptop, without serving: ``civicnb serve --base-url``'s plan, and the nginx
site ``civicnb deploy nginx`` prints (checked by Debian's nginx itself, ``nginx -t``,
with and without TLS). tests/kernel/test_deploy.py serves through it."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

import pytest

from civicnb.api import create_demo
from civicnb.cli import main
from civicnb.errors import UsageError
from civicnb.serving.deploy import base_url, nginx_config
from civicnb.serving.serve import plan
from civicnb.workspace import open_workspace

NGINX = "/usr/sbin/nginx"


def _nginx() -> str:
    found = NGINX if os.access(NGINX, os.X_OK) else shutil.which("nginx")
    if not found:
        if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
            pytest.fail("nginx is not installed (required on CI)", pytrace=False)
        pytest.skip("nginx is not installed: bash scripts/install-debian.sh nginx=nginx")
    return str(found)


def _nginx_accepts(site: str, folder: Path) -> None:
    """``nginx -t`` on ``site`` in a minimal main configuration, as the current user."""
    (folder / "tmp").mkdir(exist_ok=True)
    (folder / "site.conf").write_text(site, encoding="utf-8")
    user = f"user {pwd.getpwuid(os.getuid()).pw_name};\n" if os.getuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}events {{}}\nhttp {{\n"
        + "".join(f"    {k}_temp_path {folder}/tmp/{k};\n" for k in ("client_body", "proxy"))
        + f"    access_log {folder}/access.log;\n    include {folder}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [_nginx(), "-t", "-p", str(folder), "-c", str(folder / "nginx.conf"),
         "-e", str(folder / "error.log"),
         "-g", f"pid {folder}/nginx.pid; error_log {folder}/error.log;"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_base_url_is_a_path_with_slashes() -> None:
    assert base_url("/civicnb/") == "/civicnb/"
    assert base_url("civicnb") == "/civicnb/"
    assert base_url("/a/b-c_d.e") == "/a/b-c_d.e/"
    assert base_url("/") == "/"
    for bad in ("/civicnb/../x/", "/a b/", "/x;y/", "/{x}/", "http://x/", "/a//b/"):
        with pytest.raises(UsageError):
            base_url(bad)


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    os.environ["CIVICNB_EXECUTE_NOTEBOOKS"] = "0"
    try:
        path = tmp_path_factory.mktemp("deploy")
        create_demo(path)
    finally:
        os.environ.pop("CIVICNB_EXECUTE_NOTEBOOKS", None)
    return path


def test_serve_under_a_base_url(ws_path: Path, tmp_path: Path) -> None:
    ws = open_workspace(ws_path)
    p = plan(ws, port=8867, config_dir=tmp_path, base_url="/civicnb/")
    assert "--Voila.base_url=/civicnb/" in p.command
    assert p.urls == {
        "villaflor": "http://127.0.0.1:8867/civicnb/voila/render/villaflor/start.ipynb"
    }
    assert p.home_url == "http://127.0.0.1:8867/civicnb/voila/render/home.ipynb"
    assert p.facilitator_urls["villaflor"].startswith(
        "http://127.0.0.1:8867/civicnb/voila/render/villaflor/facilitator.ipynb?key="
    )
    assert p.env["CIVICNB_PUBLIC_URL"] == "http://127.0.0.1:8867/civicnb/voila/render"
    # behind the proxy, the join link is the proxy's address
    q = plan(ws, config_dir=tmp_path, base_url="/civicnb/", public_url="https://x.org/civicnb/")
    assert q.env["CIVICNB_PUBLIC_URL"] == "https://x.org/civicnb/voila/render"
    assert not any(a.startswith("--Voila.base_url") for a in plan(ws, config_dir=tmp_path).command)
    with pytest.raises(UsageError):
        plan(ws, config_dir=tmp_path, base_url="/civ icnb/")


def test_the_nginx_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ups = ["127.0.0.1:8866", "127.0.0.1:8867"]
    site = nginx_config("/civicnb/", ups)
    assert "hash $civicnb_route consistent;" in site
    for u in ups:
        assert f"server {u} max_fails=1 fail_timeout=10s;" in site
    assert "location /civicnb/ {" in site and "return 301 /civicnb/;" in site
    assert "proxy_set_header Upgrade $http_upgrade;" in site
    assert 'Path=/civicnb/; HttpOnly; SameSite=Lax";' in site  # no Secure without TLS
    assert "listen 80;" in site and "ssl" not in site
    _nginx_accepts(site, tmp_path)
    # the command prints the same
    args = ["deploy", "nginx", "--prefix", "/civicnb/", "--upstream", ups[0], "--upstream", ups[1]]
    assert main(args) == 0
    assert capsys.readouterr().out == site
    # at the root of a site of its own
    root = nginx_config("/", ups[:1], listen="127.0.0.1:8080", server_name="civicnb.example.org")
    assert "location / {" in root and "location = " not in root
    _nginx_accepts(root, tmp_path)


def test_the_nginx_site_with_tls(tmp_path: Path) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=civicnb.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = nginx_config(
        "/civicnb/",
        ["127.0.0.1:8866"],
        server_name="civicnb.example.org",
        tls_certificate=str(cert),
        tls_key=str(key),
    )
    assert "listen 443 ssl;" in site and "return 301 https://$host$request_uri;" in site
    assert "SameSite=Lax; Secure" in site and "Strict-Transport-Security" in site
    _nginx_accepts(site, tmp_path)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--upstream"),
        (["--upstream", "localhost"], "HOST:PORT"),
        (["--upstream", "127.0.0.1:1", "--upstream", "127.0.0.1:1"], "different"),
        (["--upstream", "127.0.0.1:1", "--tls-key", "/k.pem"], "both"),
        (["--upstream", "127.0.0.1:1", "--server-name", "a b"], "host name"),
        (["--upstream", "127.0.0.1:1", "--prefix", "/a;b/"], "path like"),
    ],
)
def test_bad_deploy_arguments_say_what_to_do(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deploy", "nginx", *args]) == 2
    assert message in capsys.readouterr().err
