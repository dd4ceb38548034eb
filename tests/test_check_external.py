"""External links, only when asked: verified TLS, timeouts, a cache, a clear list."""

import http.server
import shutil
import ssl
import subprocess
import threading

import pytest

from checksite import clean_site
from trygg.check import check_site


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/finns" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


def _server(tls_dir=None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    if tls_dir:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls_dir / "cert.pem", tls_dir / "key.pem")
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _site_linking(tmp_path, *urls):
    site = clean_site()
    page = site.page("sv", "")
    for url in urls:
        page.body += f'\n<p><a href="{url}">Extern sida</a></p>'
        page.markdown += f"\n[Extern sida]({url})\n"
    return site.write(tmp_path)


def test_external_links_are_not_checked_unless_asked(tmp_path):
    site = _site_linking(tmp_path, "http://127.0.0.1:9/borta")
    assert [f for f in check_site(site, tmp_path) if f.rule == "link-external"] == []


def test_a_broken_external_link_is_listed_with_its_reason_and_cached(tmp_path):
    server = _server()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    site = _site_linking(tmp_path, f"{base}/finns", f"{base}/borta")
    cache = tmp_path / "cache.json"
    findings = [f for f in check_site(site, tmp_path, external_cache=cache)
                if f.rule == "link-external"]
    assert [(f.path, f.line, f.message) for f in findings] == [
        ("docs/sv/index.md", 11, f"'{base}/borta': HTTP 404.")]
    server.shutdown()
    # The answers are in the cache: with the server gone, the result is the same.
    again = [f for f in check_site(site, tmp_path, external_cache=cache) if f.rule == "link-external"]
    assert [f.message for f in again] == [f"'{base}/borta': HTTP 404."]


@pytest.mark.skipif(shutil.which("openssl") is None,
                    reason="openssl makes the self-signed certificate this test needs")
def test_tls_certificates_are_always_verified(tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(tmp_path / "cert.pem")], check=True, capture_output=True)
    server = _server(tls_dir=tmp_path)
    url = f"https://127.0.0.1:{server.server_address[1]}/finns"
    site = _site_linking(tmp_path / "p", url)
    findings = [f for f in check_site(site, tmp_path / "p", external_cache=tmp_path / "c.json")
                if f.rule == "link-external"]
    server.shutdown()
    assert len(findings) == 1 and "certificate not valid" in findings[0].message
