"""Documents as A4 PDF: the same HTML the page shows, laid out by WeasyPrint.

WeasyPrint fetches the stylesheets itself. It is only allowed the project's static files, read
from disk through the staticfiles finders (no web server needed, which the test client lacks);
any other address is refused, so a document can never make the server fetch a URL.
"""

import mimetypes
import re
from urllib.parse import unquote, urlsplit

import weasyprint
import weasyprint.urls
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

PAGE_TEMPLATE = "awards/documents/pdf_page.html"
# Every document gets the shared PDF sheet (A4, fonts with Vietnamese diacritics) after its own.
PDF_STYLESHEET = "css/document-pdf.css"


class StaticOnly(ValueError):
    """A document asked for something that is not one of the project's static files."""


def static_path(url):
    """The file on disk behind a /static/… address, or None."""
    path = unquote(urlsplit(url).path)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not path.startswith(prefix):
        return None
    relative = path[len(prefix) :]
    if not relative or ".." in relative.split("/"):
        return None
    return finders.find(relative)


class StaticFetcher(weasyprint.urls.URLFetcher):
    """Answers WeasyPrint's requests from the static files on disk, and nothing else."""

    def fetch(self, url, headers=None):
        found = static_path(url)
        if found is None:
            raise StaticOnly(url)
        with open(found, "rb") as handle:
            data = handle.read()
        mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return weasyprint.urls.URLFetcherResponse(url, data, {"Content-Type": mime_type})


def url_fetcher(url):
    """The body of a static file WeasyPrint may read (StaticOnly for any other address)."""
    return StaticFetcher().fetch(url).read()


# The target of a link, in the HTML of our own templates.
LINK_TARGET = re.compile(r'(<a\b[^>]*?)\s+href="[^"]*"')


def render_pdf(request, document_template, context, *, stylesheets=(), title="", links=True):
    """PDF bytes of `document_template` (the partial the page includes) on A4 paper. With
    `links=False` the document keeps its text but no link: a signed or public copy must not
    carry the addresses (and ids) of the application's own pages."""
    html = render_to_string(
        PAGE_TEMPLATE,
        {
            **context,
            "document_template": document_template,
            "stylesheets": [*stylesheets, PDF_STYLESHEET],
            "title": title,
        },
        request=request,
    )
    if not links:
        html = LINK_TARGET.sub(r"\1", html)
    document = weasyprint.HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=StaticFetcher()
    )
    return document.write_pdf()


def pdf_response(data, filename, *, inline=False):
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
