"""The API's documentation page, read from its OpenAPI document (no script, no CDN)."""

from django.shortcuts import render
from ninja.openapi.docs import DocsBase


def _type(schema, components):
    """A short type description: "integer, 1987 to 2100", "one of: earthquake, tsunami"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(option, components) for option in schema["anyOf"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"list of {_type(schema.get('items', {}), components)}"
    if "enum" in schema:
        values = schema["enum"]
        shown = ", ".join(map(str, values[:12])) + (", …" if len(values) > 12 else "")
        return f"{kind}, one of: {shown}"
    bounds = [str(schema[key]) for key in ("minimum", "maximum") if key in schema]
    if len(bounds) == 2:
        return f"{kind}, {bounds[0]} to {bounds[1]}"
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return kind


def docs_context(schema):
    components = schema.get("components", {}).get("schemas", {})
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            operations.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _type(parameter.get("schema", {}), components),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": [
                        {
                            "status": status,
                            "description": answer.get("description", ""),
                            "type": _type(
                                answer.get("content", {})
                                .get("application/json", {})
                                .get("schema", {}),
                                components,
                            ),
                        }
                        for status, answer in operation.get("responses", {}).items()
                    ],
                }
            )
    shapes = [
        {
            "name": name,
            "fields": [
                {
                    "name": field,
                    "type": _type(details, components),
                    "required": field in shape.get("required", []),
                    "description": details.get("description", ""),
                }
                for field, details in shape.get("properties", {}).items()
            ],
        }
        for name, shape in components.items()
    ]
    return {"info": schema["info"], "operations": operations, "shapes": shapes}


class ServerRenderedDocs(DocsBase):
    """The documentation page as plain HTML from the OpenAPI document, so that it works under
    the site's Content Security Policy (ninja's own pages load Swagger UI from a CDN)."""

    def render_page(self, request, api, **kwargs):
        context = docs_context(api.get_openapi_schema())
        context["openapi_url"] = self.get_openapi_url(api, kwargs)
        return render(request, "api/docs.html", context)
