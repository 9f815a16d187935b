//! The bodies of webhooks and of `components.pathItems` (OpenAPI 3.1): a webhook's request body
//! is the payload a receiver parses, so a schema written inline there becomes a model like a
//! component schema, named after the operation (`alertTriggered` gives `AlertTriggeredRequest`).

use serde_json::Value;

use crate::diagnostic::push_token;

/// The HTTP methods a path item may hold operations for.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// One body schema: the name its model would take, its pointer, and the schema.
pub struct Body<'a> {
    /// The wire name of the model (`alertTriggeredRequest`, `alertTriggeredResponse200`).
    pub wire_name: String,
    /// JSON pointer of the schema.
    pub pointer: String,
    /// The schema (inline, or a `$ref`).
    pub schema: &'a Value,
}

/// The request and response body schemas of every operation under `webhooks` and
/// `components.pathItems`, in document order; for each body, the first media type with a schema
/// (a JSON one first).
pub fn webhook_bodies(root: &Value) -> Vec<Body<'_>> {
    let mut bodies = Vec::new();
    for (items, pointer) in [
        (root.get("webhooks"), "#/webhooks".to_owned()),
        (
            root.pointer("/components/pathItems"),
            "#/components/pathItems".to_owned(),
        ),
    ] {
        let Some(items) = items.and_then(Value::as_object) else {
            continue;
        };
        for (name, item) in items {
            let item_pointer = push_token(&pointer, name);
            for method in METHODS {
                let Some(operation) = item.get(*method) else {
                    continue;
                };
                let operation_pointer = push_token(&item_pointer, method);
                let base = operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("{name} {method}"), str::to_owned);
                if let Some(body) = operation.get("requestBody") {
                    let at = push_token(&operation_pointer, "requestBody");
                    bodies.extend(media_schema(body, at, format!("{base} Request")));
                }
                let responses = operation.get("responses").and_then(Value::as_object);
                for (status, response) in responses.into_iter().flatten() {
                    let at = push_token(&push_token(&operation_pointer, "responses"), status);
                    bodies.extend(media_schema(
                        response,
                        at,
                        format!("{base} Response {status}"),
                    ));
                }
            }
        }
    }
    bodies
}

/// The schema of a request body or response: its first media type with a schema, a JSON one
/// first.
fn media_schema(body: &Value, pointer: String, wire_name: String) -> Option<Body<'_>> {
    let content = body.get("content")?.as_object()?;
    let (media, entry) = content
        .iter()
        .filter(|(_, entry)| entry.get("schema").is_some())
        .min_by_key(|(media, _)| !media.contains("json"))?;
    let pointer = push_token(
        &push_token(&push_token(&pointer, "content"), media),
        "schema",
    );
    Some(Body {
        wire_name,
        pointer,
        schema: entry.get("schema")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_webhook_and_path_item_bodies() {
        let root = json!({
            "webhooks": {"newPet": {"post": {
                "operationId": "petAdded",
                "requestBody": {"content": {
                    "application/xml": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "object"}}
                }},
                "responses": {"200": {"description": "ok"}}
            }}},
            "components": {"pathItems": {"ping": {"put": {
                "responses": {"202": {"content": {"text/plain": {"schema": {"$ref": "#/x"}}}}}
            }}}}
        });
        let bodies = webhook_bodies(&root);
        let found: Vec<(&str, &str)> = bodies
            .iter()
            .map(|body| (body.wire_name.as_str(), body.pointer.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "petAdded Request",
                    "#/webhooks/newPet/post/requestBody/content/application~1json/schema"
                ),
                (
                    "ping put Response 202",
                    "#/components/pathItems/ping/put/responses/202/content/text~1plain/schema"
                ),
            ]
        );
    }
}
