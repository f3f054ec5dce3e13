"""What the commissioning page tests read of a page."""

import re
from html import unescape


def text_of(response) -> str:
    """The page's words, without its markup, spaces run together."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
    return re.sub(r" ([,.:;)])", r"\1", words)
