"""A real `ocop-site edit` process on a content folder, and a client that talks to it as its admin
page does (with the session token read from that page) or as an attacker would (any header, any bytes)."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EditorClient:
    def __init__(self, port: int) -> None:
        self.port = port
        self.host = f"127.0.0.1:{port}"
        self.token = ""

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path, headers={"Host": self.host, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def read_token(self) -> str:
        """The token as the admin page carries it."""
        status, page = self.get("/admin/")
        assert status == 200
        self.token = BeautifulSoup(page, "html.parser").select_one('meta[name="ocop-editor-token"]')["content"]
        return self.token

    def call(self, action: str, params: dict[str, Any] | None = None, **options: Any) -> tuple[int, Any]:
        body = json.dumps({"action": action, "params": params or {}}, ensure_ascii=False).encode("utf-8")
        return self.post(body, **options)

    def post(self, body: bytes, host: str | None = None, origin: str | None = None, token: str | None = None,
             content_type: str = "application/json; charset=utf-8", path: str = "/api/v1",
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
        host = host or self.host
        sent = {"Host": host, "Content-Type": content_type, "Origin": origin or f"http://{host}",
                "X-OCOP-Editor-Token": self.token if token is None else token, **(headers or {})}
        sent = {name: value for name, value in sent.items() if value != ""}
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request("POST", path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, json.loads(response.read())
        finally:
            connection.close()

    def raw(self, data: bytes) -> tuple[int, Any]:
        """Send bytes as they are; the status and JSON body of the answer (the connection must answer)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as connection:
            connection.sendall(data)
            connection.shutdown(socket.SHUT_WR)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1."), answer[:200]
        return int(head.split()[1]), json.loads(body)


@contextmanager
def running_editor(content: Path, preexec_fn=None) -> Iterator[EditorClient]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "ocop_site", "edit", "--content", str(content), "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               preexec_fn=preexec_fn)
    client = EditorClient(port)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.read_token()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise AssertionError(f"the editor did not start: {process.communicate()[0]}") from None
            time.sleep(0.2)
    try:
        yield client
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
        assert "Traceback" not in output, output


def tree(root: Path) -> dict[str, str]:
    """Every entry under `root`: a file's SHA-256, a link's target, a folder's mark."""
    found: dict[str, str] = {}
    for directory, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(directory) / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[key] = "-> " + os.readlink(path)
            elif path.is_dir():
                found[key] = "folder"
            else:
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found
