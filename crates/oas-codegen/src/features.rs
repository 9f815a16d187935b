//! Cargo features by root model, so a user who needs a few models compiles only those.
//!
//! A root is a generated model that no other generated model refers to (of a group of models
//! that refer only to each other, the first). Each root has a feature named after its module
//! (`o_auth2_client`) that compiles it and every model it reaches; `full`, the default, enables
//! every root. With no feature, the crate is empty.

use std::collections::HashMap;

use oas_parser::ir::ModelId;
use oas_parser::naming::NameSet;

use crate::plan::Plan;

/// The features of a generated crate and the gate of each model.
#[derive(Debug)]
pub struct Features {
    /// The root models and their feature names, in model order.
    pub roots: Vec<(ModelId, String)>,
    /// For each model: the features that compile it.
    gates: HashMap<ModelId, Vec<String>>,
}

/// The feature that enables every root (and is the default).
pub const FULL: &str = "full";

impl Features {
    /// Finds the roots of the generated models and, for each model, the roots that reach it.
    pub fn new(plan: &Plan) -> Features {
        let ids: Vec<ModelId> = plan.models.iter().map(|model| model.id).collect();
        let index: HashMap<ModelId, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let edges: Vec<Vec<usize>> = ids
            .iter()
            .map(|id| {
                let mut targets: Vec<usize> = plan
                    .references(*id)
                    .into_iter()
                    .filter_map(|target| index.get(&target).copied())
                    .collect();
                targets.sort_unstable();
                targets.dedup();
                targets
            })
            .collect();
        let reach: Vec<BitSet> = (0..ids.len())
            .map(|start| reachable(&edges, start))
            .collect();
        let mut names = NameSet::new();
        for reserved in ["default", FULL] {
            names.take(reserved, "_");
        }
        let is_root = roots(&reach);
        let root_indices: Vec<usize> = (0..ids.len()).filter(|&i| is_root[i]).collect();
        let roots: Vec<(ModelId, String)> = root_indices
            .iter()
            .map(|&i| (ids[i], names.take(&plan.models[i].module, "_")))
            .collect();
        let mut gates = HashMap::new();
        for (i, id) in ids.iter().enumerate() {
            let reaching: Vec<String> = root_indices
                .iter()
                .zip(&roots)
                .filter(|(root, _)| reach[**root].contains(i))
                .map(|(_, (_, name))| name.clone())
                .collect();
            gates.insert(*id, reaching);
        }
        Features { roots, gates }
    }

    /// The features that compile model `id` (any one of them does).
    pub fn gate(&self, id: ModelId) -> &[String] {
        self.gates.get(&id).map_or(&[], Vec::as_slice)
    }
}

/// Which models are roots: a model is one when every model that reaches it is reached by it
/// (nothing outside its group refers to it) and it is the first of its group.
fn roots(reach: &[BitSet]) -> Vec<bool> {
    let mut root = vec![true; reach.len()];
    for (other, reached) in reach.iter().enumerate() {
        for candidate in reached.iter() {
            let outside = !reach[candidate].contains(other);
            if candidate != other && (outside || other < candidate) {
                root[candidate] = false;
            }
        }
    }
    root
}

/// The models reachable from `start` along `edges`, `start` included.
fn reachable(edges: &[Vec<usize>], start: usize) -> BitSet {
    let mut seen = BitSet::new(edges.len());
    let mut stack = vec![start];
    seen.insert(start);
    while let Some(node) = stack.pop() {
        for &next in &edges[node] {
            if !seen.contains(next) {
                seen.insert(next);
                stack.push(next);
            }
        }
    }
    seen
}

/// A fixed-size set of small integers.
#[derive(Debug, Clone)]
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(size: usize) -> BitSet {
        BitSet(vec![0; size.div_ceil(64)])
    }

    fn insert(&mut self, value: usize) {
        self.0[value / 64] |= 1 << (value % 64);
    }

    fn contains(&self, value: usize) -> bool {
        self.0[value / 64] & (1 << (value % 64)) != 0
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(word_index, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| word_index * 64 + bit)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    #[test]
    fn roots_are_what_nothing_else_refers_to_and_gates_list_the_roots_that_reach() {
        let spec = r##"
openapi: 3.0.3
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    a: { type: object, properties: { c: { $ref: "#/components/schemas/c" } } }
    b: { type: object, properties: { c: { $ref: "#/components/schemas/c" } } }
    c: { type: object, properties: { n: { type: integer } } }
    d: { type: object, properties: { e: { $ref: "#/components/schemas/e" } } }
    e: { type: object, properties: { d: { $ref: "#/components/schemas/d" } } }
    full: { type: object, properties: { me: { $ref: "#/components/schemas/full" } } }
"##;
        let ir = oas_parser::lower(&oas_parser::parse_document(spec).unwrap()).ir;
        let settings = Settings::standalone("s", "c", Vec::new());
        let plan = Plan::new(&ir, &settings).unwrap();
        let features = Features::new(&plan);
        let names: Vec<&str> = features.roots.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            ["a", "b", "d", "full_2"],
            "`full` is the feature of every root"
        );
        let gate = |wire: &str| features.gate(ir.find_by_wire_name(wire).unwrap()).to_vec();
        assert_eq!(gate("c"), ["a", "b"]);
        assert_eq!(gate("e"), ["d"], "a group's first model stands for it");
        assert_eq!(gate("d"), ["d"]);
        assert_eq!(gate("full"), ["full_2"]);
    }
}
