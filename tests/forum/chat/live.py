"""Real ASGI workers (uvicorn) and a websocket client that behaves like chat.js, for the multi-process tests
and the benchmark: it resends what was not acknowledged, repairs gaps from history and reconnects with the
last number it holds."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import websockets
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"rien n'écoute sur le port {port}")


class Worker:
    """One uvicorn process serving config.asgi on `port`, with the given environment."""

    def __init__(self, port: int, env: dict[str, str], log: Path):
        self.port = port
        self.env = env
        self.log_path = log
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        log = open(self.log_path, "a")  # noqa: SIM115 - kept open for the process's life
        self.process = subprocess.Popen(  # noqa: S603 - our own application
            [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning", "--ws-max-size", "65536"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        return self

    def ready(self, seconds: float = 40) -> "Worker":
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("le worker s'est arrêté : " + self.log_path.read_text()[-3000:])
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/sante/", timeout=1)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("le worker n'a pas démarré : " + self.log_path.read_text()[-3000:])

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/discussion/"


def worker_env(database_url: str, redis_url: str, prefix: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"ELASTICSEARCH_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CHANNEL_LAYER_PREFIX=prefix,
        CACHE_KEY_PREFIX=prefix,
        PYTHONUNBUFFERED="1",
    )
    return env


class ChatClient:
    """A member's tab: follows one room, keeps every message once by number, never loses what it typed."""

    def __init__(self, url: str, cookie: str, room: str, heartbeat: float = 1.0):
        self.url = url
        self.cookie = cookie
        self.room = room
        self.heartbeat_every = heartbeat
        self.seen: dict[int, str] = {}  # seq → body
        self.live: list[int] = []  # seqs that arrived as live broadcasts (not from history)
        self.pending: dict[str, str] = {}  # client_id → body, until acknowledged
        self.sent_ids: list[str] = []
        self.errors: list[dict] = []
        self.subscribed = asyncio.Event()
        self.connections = 0
        self.ws = None
        self.stopped = False
        self.task: asyncio.Task | None = None

    def start(self) -> "ChatClient":
        self.task = asyncio.create_task(self.run())
        return self

    def contiguous(self) -> int:
        seq = 0
        while seq + 1 in self.seen:
            seq += 1
        return seq

    async def run(self) -> None:
        headers = {"Origin": "http://127.0.0.1", "Cookie": f"sessionid={self.cookie}"}
        while not self.stopped:
            try:
                async with connect(
                    self.url, additional_headers=headers, open_timeout=5, max_size=2**22
                ) as ws:
                    self.ws = ws
                    self.connections += 1
                    await ws.send(
                        json.dumps({"type": "subscribe", "room": self.room, "after": self.contiguous()})
                    )
                    beat = asyncio.create_task(self.beat(ws))
                    try:
                        async for raw in ws:
                            await self.handle(json.loads(raw), ws)
                    finally:
                        beat.cancel()
                        self.ws = None
                        self.subscribed.clear()
            except (OSError, websockets.exceptions.WebSocketException, TimeoutError):
                pass
            if not self.stopped:
                await asyncio.sleep(0.3)

    async def beat(self, ws) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_every)
            await ws.send(json.dumps({"type": "heartbeat"}))

    async def sync(self, ws) -> None:
        await ws.send(json.dumps({"type": "history", "room": self.room, "after": self.contiguous()}))

    def keep(self, message: dict) -> None:
        if message["room"] == self.room:
            self.seen.setdefault(message["seq"], message["body"])

    async def handle(self, frame: dict, ws) -> None:
        kind = frame["type"]
        if kind == "subscribed":
            self.subscribed.set()
            for client_id, body in list(self.pending.items()):
                await self.send(ws, client_id, body)
        elif kind == "history":
            for message in frame["messages"]:
                self.keep(message)
        elif kind == "message":
            self.live.append(frame["message"]["seq"])
            self.keep(frame["message"])
            if frame["message"]["seq"] > self.contiguous() + 1:
                await self.sync(ws)
        elif kind == "ack":
            self.pending.pop(frame["client_id"], None)
            self.keep(frame["message"])
        elif kind == "heartbeat":
            state = frame["rooms"].get(self.room)
            if state and state["last_seq"] > self.contiguous():
                await self.sync(ws)
        elif kind == "resync":
            await self.sync(ws)
        elif kind == "error":
            self.errors.append(frame)

    async def send(self, ws, client_id: str, body: str) -> None:
        frame = {"type": "message", "room": self.room, "client_id": client_id, "body": body}
        try:
            await ws.send(json.dumps(frame))
        except websockets.exceptions.WebSocketException:
            pass  # still pending: resent after the reconnection

    async def say(self, body: str) -> str:
        client_id = str(uuid.uuid4())
        self.pending[client_id] = body
        self.sent_ids.append(client_id)
        if self.ws is not None and self.subscribed.is_set():
            await self.send(self.ws, client_id, body)
        return client_id

    async def wait_until(self, count: int, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while self.contiguous() < count or self.pending:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.url}: {self.contiguous()}/{count} messages, {len(self.pending)} en attente, "
                    f"erreurs {self.errors}"
                )
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        self.stopped = True
        if self.ws is not None:
            await self.ws.close()
        if self.task:
            self.task.cancel()
            try:
                await self.task
            except (asyncio.CancelledError, Exception):  # noqa: S110 - closing
                pass
