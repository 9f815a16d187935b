//! Cargo features by model, so a user who needs a few models compiles only those.
//!
//! Every model has a feature named after its module (`o_auth2_client`) that compiles it and
//! enables the features of the models it refers to, so one feature brings a model with what it
//! needs and nothing else. `full`, the default, enables them all; with no feature the crate is
//! empty.

use std::collections::HashMap;

use oas_parser::ir::ModelId;
use oas_parser::naming::NameSet;

use crate::plan::Plan;

/// The feature that enables every model (and is the default).
pub const FULL: &str = "full";

/// One model's feature.
#[derive(Debug)]
pub struct ModelFeature {
    /// The model.
    pub id: ModelId,
    /// The feature's name.
    pub name: String,
    /// The features of the models it refers to, sorted, without itself.
    pub enables: Vec<String>,
}

/// The features of a generated crate, in model order.
#[derive(Debug)]
pub struct Features {
    /// One per generated model.
    pub models: Vec<ModelFeature>,
    /// Index into `models` by model.
    index: HashMap<ModelId, usize>,
}

impl Features {
    /// A feature per generated model, named after its module (`default` and `full` are taken).
    pub fn new(plan: &Plan) -> Features {
        let mut names = NameSet::new();
        for reserved in ["default", FULL] {
            names.take(reserved, "_");
        }
        let named: Vec<(ModelId, String)> = plan
            .models
            .iter()
            .map(|model| (model.id, names.take(&model.module, "_")))
            .collect();
        let by_id: HashMap<ModelId, &String> = named.iter().map(|(id, name)| (*id, name)).collect();
        let name_of = |id: ModelId| by_id.get(&id).map(|name| (*name).clone());
        let models: Vec<ModelFeature> = named
            .iter()
            .map(|(id, name)| {
                let mut enables: Vec<String> = plan
                    .references(*id)
                    .into_iter()
                    .filter(|target| target != id)
                    .filter_map(name_of)
                    .collect();
                enables.sort();
                enables.dedup();
                ModelFeature {
                    id: *id,
                    name: name.clone(),
                    enables,
                }
            })
            .collect();
        let index = models
            .iter()
            .enumerate()
            .map(|(position, feature)| (feature.id, position))
            .collect();
        Features { models, index }
    }

    /// The feature that compiles model `id`.
    pub fn of(&self, id: ModelId) -> &str {
        self.index
            .get(&id)
            .map_or(FULL, |&position| self.models[position].name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    #[test]
    fn each_model_has_a_feature_that_enables_what_it_refers_to() {
        let spec = r##"
openapi: 3.0.3
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    a: { type: object, properties: { c: { $ref: "#/components/schemas/c" }, c2: { $ref: "#/components/schemas/c" } } }
    c: { type: object, properties: { n: { type: integer } } }
    d: { type: object, properties: { e: { $ref: "#/components/schemas/e" } } }
    e: { type: object, properties: { d: { $ref: "#/components/schemas/d" } } }
    full: { type: object, properties: { me: { $ref: "#/components/schemas/full" } } }
"##;
        let ir = oas_parser::lower(&oas_parser::parse_document(spec).unwrap()).ir;
        let settings = Settings::standalone("s", "c", Vec::new());
        let plan = Plan::new(&ir, &settings).unwrap();
        let features = Features::new(&plan);
        let table: Vec<(&str, Vec<&str>)> = features
            .models
            .iter()
            .map(|f| {
                (
                    f.name.as_str(),
                    f.enables.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            table,
            [
                ("a", vec!["c"]),
                ("c", vec![]),
                ("d", vec!["e"]),
                ("e", vec!["d"]),
                ("full_2", vec![]),
            ],
            "references once each, not itself; `full` is the feature of every model"
        );
        assert_eq!(features.of(ir.find_by_wire_name("full").unwrap()), "full_2");
    }
}
