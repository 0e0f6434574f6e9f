"""Large exports made on the fly, for the memory test and the import benchmark."""

from __future__ import annotations

from pathlib import Path

HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'
)
THREAD = (
    '<thread dsq:id="t{n}"><id>page-{n}</id><link>https://big.example/story/{n}</link>'
    "<title>Story {n}</title><createdAt>2015-01-01T00:00:00Z</createdAt>"
    "<isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n"
)
POST = (
    '<post dsq:id="p{n}"><message><![CDATA[<p>Comment {n}: {body}</p>]]></message>'
    "<createdAt>2015-01-02T00:00:{second:02d}Z</createdAt><isDeleted>false</isDeleted>"
    "<isSpam>false</isSpam><author><email>reader{author}@big.example</email>"
    "<name>Reader {author}</name><isAnonymous>false</isAnonymous></author>"
    '<thread dsq:id="t{thread}"/>{parent}</post>\n'
)


def write_disqus_export(
    path: Path, posts: int, body_bytes: int = 200, threads: int = 50, replies_every: int = 3
) -> Path:
    """A Disqus export of ``posts`` posts over ``threads`` threads; every third one a reply."""
    body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 64)[:body_bytes]
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(threads):
            out.write(THREAD.format(n=n))
        for n in range(posts):
            # A reply points at the post ``threads`` earlier: the same thread, already written.
            is_reply = n >= threads and n % replies_every == 0
            out.write(
                POST.format(
                    n=n,
                    body=body,
                    second=n % 60,
                    author=n % 97,
                    thread=n % threads,
                    parent=f'<parent dsq:id="p{n - threads}"/>' if is_reply else "",
                )
            )
        out.write("</disqus>\n")
    return path
