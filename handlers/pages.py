"""The HTML pages features serve (the feedback page, the unsubscribe and survey forms)."""

from __future__ import annotations

from starlette.responses import HTMLResponse

# No script or outside resource at all, forms post only to this site, and no framing.
PAGE_SECURITY = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "img-src 'self' data:; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def html_page(body: str, status: int = 200, *, cache: str = "no-store") -> HTMLResponse:
    """An HTML page with ``PAGE_SECURITY`` and ``Cache-Control: cache``."""
    return HTMLResponse(body, status_code=status,
                        headers={**PAGE_SECURITY, "Cache-Control": cache})
