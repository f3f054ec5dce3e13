"""The API's documentation page, written from the OpenAPI document (built once per process), so it never drifts from the code."""

import re
from dataclasses import dataclass, field

from django.shortcuts import render
from django.template.loader import render_to_string

from commonweal.api.schema import api_schema
from commonweal.core import pagecache
from commonweal.core.api.parsers import MOST_DEPTH
from commonweal.core.api.throttling import limits_in_words

METHODS = ("get", "put", "patch", "post", "delete")
# drf-spectacular lists an enum's choices in its description as "* `value` - Label" lines.
_CHOICE_LINE = re.compile(r"^\* `(?P<value>[^`]*)` - (?P<label>.*)$")
_BASIC_PLURALS = {
    "string": "strings",
    "integer": "whole numbers",
    "number": "numbers",
    "boolean": "true or false",
}


def split_choices(description: str) -> tuple[str, list[tuple[str, str]]]:
    """A description without its list of choices, and the choices as (value, label) pairs."""
    text, choices = [], []
    for line in (description or "").splitlines():
        match = _CHOICE_LINE.match(line.strip())
        if match:
            choices.append((match["value"], match["label"]))
        else:
            text.append(line)
    return "\n".join(text).strip(), choices


@dataclass
class Parameter:
    name: str
    location: str
    required: bool
    type: str
    description: str
    choices: list[tuple[str, str]]


@dataclass
class Body:
    media_type: str
    type: str
    component: str  # the name of the data it describes, to link to; empty when inline


@dataclass
class Reply:
    status: str
    description: str
    body: Body | None


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    needs_token: bool
    parameters: list[Parameter]
    request: list[Body]
    responses: list[Reply]


@dataclass
class Property:
    name: str
    type: str
    component: str
    description: str
    required: bool
    read_only: bool
    nullable: bool
    choices: list[tuple[str, str]]


@dataclass
class Component:
    name: str
    description: str
    properties: list[Property] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)
    mixed: bool = False  # some fields are read only and some are not


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def describe(schema: dict | None, components: dict) -> tuple[str, str]:
    """A schema in a few words, and the name of the component it refers to (if any)."""
    if not schema:
        return "", ""
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return name, name
    for combiner in ("oneOf", "anyOf", "allOf"):
        if combiner in schema:
            parts = [describe(part, components) for part in schema[combiner]]
            named = [(text, name) for text, name in parts if name != "NullEnum" and text]
            if len(named) == 1:
                return named[0]
            return " or ".join(text for text, _ in named), ""
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"] if v not in ("", None)), ""
    kind = schema.get("type", "object")
    if kind == "array":
        text, name = describe(schema.get("items"), components)
        return f"list of {_BASIC_PLURALS.get(text, text)}", name
    if kind == "object" and "additionalProperties" in schema:
        text, _name = describe(schema["additionalProperties"], components)
        return f"object: field name to {text}", ""
    return (f"{kind} ({schema['format']})" if "format" in schema else kind), ""


def _bodies(content: dict, components: dict) -> list[Body]:
    bodies = []
    for media_type, media in (content or {}).items():
        text, name = describe(media.get("schema"), components)
        bodies.append(Body(media_type=media_type, type=text, component=name))
    return bodies


def operations(schema: dict) -> list[Operation]:
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            parameters = []
            for parameter in operation.get("parameters", []):
                text, choices = split_choices(parameter.get("description", ""))
                parameters.append(
                    Parameter(
                        name=parameter["name"],
                        location=parameter["in"],
                        required=parameter.get("required", False),
                        type="" if choices else describe(parameter.get("schema"), components)[0],
                        description=text,
                        choices=choices,
                    )
                )
            responses = []
            for status, response in operation.get("responses", {}).items():
                bodies = _bodies(response.get("content", {}), components)
                responses.append(
                    Reply(
                        status=status,
                        description=response.get("description", ""),
                        body=bodies[0] if bodies else None,
                    )
                )
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    anchor=operation.get("operationId", f"{method}-{path}"),
                    needs_token={} not in operation.get("security", [{}]),
                    parameters=parameters,
                    request=[
                        body
                        for body in _bodies(
                            operation.get("requestBody", {}).get("content", {}), components
                        )
                        if body.media_type == "application/json"
                    ],
                    responses=responses,
                )
            )
    return found


def data_components(schema: dict) -> list[Component]:
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for name, component in components.items():
        if name == "NullEnum":
            continue
        description, choices = split_choices(component.get("description", ""))
        entry = Component(name=name, description=description, choices=choices)
        if "enum" in component and not choices:
            entry.choices = [(str(v), "") for v in component["enum"] if v not in ("", None)]
        required = set(component.get("required", []))
        for prop_name, prop in component.get("properties", {}).items():
            text, ref = describe(prop, components)
            prop_description, prop_choices = split_choices(
                prop.get("description") or prop.get("title", "")
            )
            entry.properties.append(
                Property(
                    name=prop_name,
                    type=text,
                    component=ref if ref in components else "",
                    description=prop_description,
                    required=prop_name in required,
                    read_only=prop.get("readOnly", False),
                    nullable=prop.get("nullable", False),
                    choices=prop_choices,
                )
            )
        entry.mixed = len({prop.read_only for prop in entry.properties}) > 1
        found.append(entry)
    return found


def docs(request):
    """The API documentation page: /api/. Its content changes only with the code, the limits in
    force and the site's address, so it is written once per process for each (30 ms of CPU at
    each view before)."""
    limits = limits_in_words()
    site_address = f"{request.scheme}://{request.get_host()}"

    def build() -> str:
        schema = api_schema()
        return render_to_string(
            "api/includes/docs_content.html",
            {
                "operations": operations(schema),
                "components": data_components(schema),
                "most_depth": MOST_DEPTH,
                "limits": limits,
                "site_address": site_address,
            },
        )

    content = pagecache.fragment("api-docs", site_address, limits, stamps=(), build=build)
    return render(request, "api/docs.html", {"content": content})
