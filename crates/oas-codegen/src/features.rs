//! Cargo features by model, so a user who needs a few models compiles only those.
//!
//! Every model has a feature named after its module (`o_auth2_client`; `Plan` keeps `default`
//! and `full` free for cargo) that compiles it and enables the features of the models it refers
//! to, so one feature brings a model with what it needs and nothing else. `full`, the default,
//! enables them all; with no feature the crate is empty.

use std::collections::HashMap;

use crate::plan::Plan;

/// The feature that enables every model (and is the default).
pub const FULL: &str = "full";

/// Each generated model's feature (its module name), in model order, with the features it
/// enables: those of the models it refers to, sorted, without its own.
pub fn model_features<'p>(plan: &'p Plan) -> Vec<(&'p str, Vec<&'p str>)> {
    let module_of: HashMap<_, &str> = plan
        .models
        .iter()
        .map(|model| (model.id, model.module.as_str()))
        .collect();
    plan.models
        .iter()
        .map(|model| {
            let mut enables: Vec<&str> = plan
                .references(model.id)
                .into_iter()
                .filter(|target| *target != model.id)
                .filter_map(|target| module_of.get(&target).copied())
                .collect();
            enables.sort_unstable();
            enables.dedup();
            (model.module.as_str(), enables)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    #[test]
    fn each_model_has_a_feature_that_enables_what_it_refers_to() {
        let ir = crate::test_spec::lowered(
            r##"
    a: { type: object, properties: { c: { $ref: "#/components/schemas/c" }, c2: { $ref: "#/components/schemas/c" } } }
    c: { type: object, properties: { n: { type: integer } } }
    d: { type: object, properties: { e: { $ref: "#/components/schemas/e" } } }
    e: { type: object, properties: { d: { $ref: "#/components/schemas/d" } } }
    full: { type: object, properties: { me: { $ref: "#/components/schemas/full" } } }
"##,
        );
        let settings = Settings::standalone("s", "c", Vec::new());
        let plan = Plan::new(&ir, &settings).unwrap();
        assert_eq!(
            model_features(&plan),
            [
                ("a", vec!["c"]),
                ("c", vec![]),
                ("d", vec!["e"]),
                ("e", vec!["d"]),
                ("full_2", vec![]),
            ],
            "references once each, not itself; `full` is the feature of every model"
        );
    }
}
