//! Value sets stated outside the spec: a string property whose allowed values only the spec's
//! prose lists (a generator's settings name them) becomes an enum model, as if the spec had
//! written `enum`, so it gets the same Rust form as every spec enum.

use serde_json::Value;

use crate::ir::{Ir, Model, ModelId, ModelKind, ModelRef, Type};
use crate::lower::lower_enum;
use crate::naming::{NameSet, type_name};

/// Turns property `wire_name` of struct model `owner` into an enum of `values` and returns the
/// new model. The enum is named after the property (`TokenEndpointAuthMethod`), or after the
/// owner and the property when another model has that name. Fails when the owner is not a
/// struct, has no such property, or the property is not a string.
pub fn declare_value_set(
    ir: &mut Ir,
    owner: ModelId,
    wire_name: &str,
    values: &[String],
) -> Result<ModelId, String> {
    if values.is_empty() {
        return Err("the value set is empty".to_owned());
    }
    let owner_model = ir.model(owner);
    let ModelKind::Struct(body) = &owner_model.kind else {
        return Err(format!(
            "`{}` is not an object schema",
            owner_model.wire_name
        ));
    };
    let index = body
        .fields
        .iter()
        .position(|field| field.wire_name == wire_name)
        .ok_or_else(|| format!("`{}` has no property `{wire_name}`", owner_model.wire_name))?;
    let field = &body.fields[index];
    if field.shape.ty != Type::String {
        return Err(format!(
            "property `{wire_name}` of `{}` is not a string",
            owner_model.wire_name
        ));
    }
    let mut names = NameSet::new();
    for model in &ir.models {
        names.take(&model.name, "");
    }
    let wanted = type_name(wire_name);
    let name = if names.contains(&wanted) {
        names.take(&type_name(&format!("{} {wire_name}", owner_model.name)), "")
    } else {
        names.take(&wanted, "")
    };
    let mut path = owner_model
        .inline_path
        .clone()
        .unwrap_or_else(|| vec![owner_model.wire_name.clone()]);
    path.push(wire_name.to_owned());
    let listed: Vec<Value> = values.iter().cloned().map(Value::String).collect();
    let model = Model {
        name,
        wire_name: wire_name.to_owned(),
        inline_path: Some(path),
        pointer: field.pointer.clone(),
        title: field.title.clone(),
        description: field.description.clone(),
        deprecated: false,
        example: None,
        unchecked: Vec::new(),
        kind: ModelKind::Enum(lower_enum(&listed, false)),
    };
    let id = ModelId(ir.models.len());
    ir.models.push(model);
    if let ModelKind::Struct(body) = &mut ir.models[owner.0].kind {
        body.fields[index].shape.ty = Type::Model(ModelRef { id, boxed: false });
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(yaml: &str) -> Ir {
        let document = crate::parse_document(yaml).expect("the test spec loads");
        crate::lower(&document).ir
    }

    const SPEC: &str = r#"
openapi: 3.0.3
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    client:
      type: object
      properties:
        method: { type: string, description: How it signs in. }
        strategy: { type: string }
        count: { type: integer }
    strategy:
      type: object
"#;

    fn field_type(ir: &Ir, owner: ModelId, wire: &str) -> Type {
        let ModelKind::Struct(body) = &ir.model(owner).kind else {
            panic!("a struct");
        };
        let field = body.fields.iter().find(|f| f.wire_name == wire).unwrap();
        field.shape.ty.clone()
    }

    #[test]
    fn a_string_property_becomes_an_enum_named_after_it() {
        let mut ir = lowered(SPEC);
        let client = ir.find_by_wire_name("client").unwrap();
        let values = ["basic".to_owned(), "post".to_owned(), String::new()];
        let id = declare_value_set(&mut ir, client, "method", &values).unwrap();
        let model = ir.model(id);
        assert_eq!(model.name, "Method");
        assert_eq!(model.description.as_deref(), Some("How it signs in."));
        assert_eq!(
            model.inline_path,
            Some(vec!["client".into(), "method".into()])
        );
        let ModelKind::Enum(body) = &model.kind else {
            panic!("an enum");
        };
        let names: Vec<&str> = body.values.iter().map(|v| v.rust_name.as_str()).collect();
        assert_eq!(names, ["Basic", "Post", "Empty"]);
        assert_eq!(
            field_type(&ir, client, "method"),
            Type::Model(ModelRef { id, boxed: false })
        );
    }

    #[test]
    fn a_taken_name_is_lengthened_with_the_owner() {
        let mut ir = lowered(SPEC);
        let client = ir.find_by_wire_name("client").unwrap();
        let id = declare_value_set(&mut ir, client, "strategy", &["jwt".to_owned()]).unwrap();
        assert_eq!(ir.model(id).name, "ClientStrategy");
    }

    #[test]
    fn what_cannot_hold_a_value_set_is_refused() {
        let mut ir = lowered(SPEC);
        let client = ir.find_by_wire_name("client").unwrap();
        let strategy = ir.find_by_wire_name("strategy").unwrap();
        let one = ["a".to_owned()];
        let models = ir.models.len();
        assert_eq!(
            declare_value_set(&mut ir, client, "count", &one).unwrap_err(),
            "property `count` of `client` is not a string"
        );
        assert_eq!(
            declare_value_set(&mut ir, client, "nope", &one).unwrap_err(),
            "`client` has no property `nope`"
        );
        assert_eq!(
            declare_value_set(&mut ir, client, "method", &[]).unwrap_err(),
            "the value set is empty"
        );
        assert!(declare_value_set(&mut ir, strategy, "x", &one).is_err());
        assert_eq!(ir.models.len(), models, "nothing was added");
        assert_eq!(
            field_type(&ir, client, "count"),
            Type::Integer { format: None }
        );
    }
}
