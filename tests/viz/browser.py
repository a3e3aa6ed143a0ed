"""Headless Debian Chromium driven by Playwright, with every network request blocked and recorded."""
from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Problems:
    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []

    def assert_clean(self) -> None:
        assert self.requests == [], f"page made network requests: {self.requests}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.page_errors == [], f"page errors: {self.page_errors}"
        assert self.dialogs == [], f"dialogs fired: {self.dialogs}"


@contextmanager
def open_page(html_path: Path, viewport=(1400, 900)) -> Iterator[tuple[object, Problems]]:
    from playwright.sync_api import sync_playwright

    url = html_path.resolve().as_uri()
    problems = Problems()
    profile = tempfile.mkdtemp(prefix="semikg-chromium-")
    try:
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=ARGS,
                viewport={"width": viewport[0], "height": viewport[1]}, offline=True)

            def route(r):
                if r.request.url == url:
                    r.continue_()
                else:
                    problems.requests.append(r.request.url)
                    r.abort()

            ctx.route("**/*", route)
            page = ctx.pages[0] if ctx.pages else ctx.new_page()
            page.on("request", lambda req: None if req.url in (url,) or req.url.startswith("data:")
                    else problems.requests.append(req.url))
            page.on("console", lambda m: problems.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.page_errors.append(str(e)))

            def dialog(d):
                problems.dialogs.append(d.message)
                d.dismiss()

            page.on("dialog", dialog)
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']", timeout=120_000)
            yield page, problems
            ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
