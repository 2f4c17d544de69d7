"""PENDING: the reference server's `/docs` route (not collected: pytest only collects test_*.py).

Rename this file to `test_served.py` once the server serves generated/docs/ at /docs; until
then every test here fails (404). The route's contract:

- `GET /docs` redirects to `/docs/` (the page's asset URLs are relative, so the page must be
  at a URL that ends with a slash: from `/docs`, `style.css` would resolve to `/style.css`);
- `GET /docs/` answers 200, `text/html`, with generated/docs/index.html as it is on disk;
- `GET /docs/<file>` answers every other file of generated/docs/ (today `style.css`,
  `text/css`, and `page.js`, `text/javascript`), and 404 for anything else;
- no token needed: the page is public, like any documentation.

Starlette's `Mount("/docs", app=StaticFiles(directory=<generated/docs>, html=True))` does all of
this (the router's slash redirect gives the first point).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from protocol_server.harness import running_server
from protocol_spec import PROJECT_ROOT

DOCS = PROJECT_ROOT / "generated" / "docs"
CONTENT_TYPES = {
    ".html": ("text/html",),
    ".css": ("text/css",),
    ".js": ("text/javascript", "application/javascript"),
}


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with (
        running_server() as server,
        httpx.Client(base_url=server.base_url, timeout=10) as client,  # no token
    ):
        yield client


def test_docs_redirects_to_the_page_at_docs_slash(client: httpx.Client) -> None:
    response = client.get("/docs")
    assert response.status_code in (301, 302, 307, 308), response.text[:200]
    assert response.headers["location"] in ("/docs/", f"{client.base_url}/docs/")


def test_the_page_is_served_as_it_is_on_disk(client: httpx.Client) -> None:
    page = client.get("/docs", follow_redirects=True)
    assert page.status_code == 200
    assert str(page.url) == f"{client.base_url}/docs/"
    assert page.headers["content-type"].split(";")[0] == "text/html"
    assert page.content == (DOCS / "index.html").read_bytes()


def test_the_pages_assets_load_where_a_browser_looks_for_them(client: httpx.Client) -> None:
    page = client.get("/docs", follow_redirects=True)
    references = re.findall(r'<(?:link|script)\b[^>]*\b(?:href|src)="([^"]+)"', page.text)
    assert sorted(references) == ["page.js", "style.css"]
    for reference in references:
        url = page.url.join(reference)  # as the browser resolves it against the page's URL
        asset = client.get(url)
        assert asset.status_code == 200, f"{url}: {asset.status_code}"
        suffix = "." + reference.rsplit(".", 1)[-1]
        assert asset.headers["content-type"].split(";")[0] in CONTENT_TYPES[suffix], url
        assert asset.content == (DOCS / reference).read_bytes()


def test_every_file_of_generated_docs_is_served_and_nothing_else(client: httpx.Client) -> None:
    files = sorted(path.name for path in DOCS.iterdir() if path.is_file())
    assert files == ["index.html", "page.js", "style.css"]
    for name in files:
        response = client.get(f"/docs/{name}")
        assert response.status_code == 200, name
        assert response.content == (DOCS / name).read_bytes(), name
    assert client.get("/docs/missing.css").status_code == 404
