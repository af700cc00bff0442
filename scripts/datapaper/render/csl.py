"""The citation style the build uses: a CSL style with the engine's extra locales.

Pandoc's citeproc has no Kazakh locale, so a Kazakh bibliography would read «[Online]».
The engine's `resources/csl/locales.xml` holds the terms of such languages; they are
added to the style (a style's own `<locale>` elements win over citeproc's built-in ones).
"""

import xml.etree.ElementTree as ET

CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class StyleError(ValueError):
    """The style or the locales file is not what the build expects; names the file."""


def with_locales(style_xml: str, locales_xml: str, where: str = "style") -> str:
    """The style with each extra locale added after its own (unless it defines that language)."""
    ET.register_namespace("", CSL_NS)
    try:
        style = ET.fromstring(style_xml)
        extra = ET.fromstring(locales_xml)
    except ET.ParseError as err:
        raise StyleError(f"{where}: not well-formed XML: {err}") from None
    own = {node.get(XML_LANG) for node in style.findall(f"{{{CSL_NS}}}locale")}
    children = list(style)
    last = max((i for i, c in enumerate(children) if c.tag == f"{{{CSL_NS}}}locale"), default=0)
    for offset, locale in enumerate(
        n for n in extra.findall(f"{{{CSL_NS}}}locale") if n.get(XML_LANG) not in own
    ):
        style.insert(last + 1 + offset, locale)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(style, encoding="unicode") + "\n"
