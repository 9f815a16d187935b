//! Choosing the references a model holds through a `Box`.
//!
//! A struct that holds itself directly (not through a `Vec` or a map) would have infinite size,
//! and a long chain of structs each holding the next by value has a size and a drop order that
//! rustc computes recursively, giving up past its recursion limit ("queries overflow the depth
//! limit"). A depth-first walk over the direct references, in model order, finds the back edges
//! (each closes a cycle) and, as models finish, how deep the by-value chain below each one is; a
//! reference is marked [`ModelRef::boxed`] when it is a back edge or when its target's chain is
//! already [`MAX_BY_VALUE_DEPTH`] deep. So the emitter boxes as little as it can, and the same
//! document always boxes the same fields.

use std::collections::HashSet;

use crate::ir::{Model, ModelId, ModelKind, ModelRef, Shape, Type};

/// The longest chain of models held by value inside one another. rustc's default recursion
/// limit (128) counts a few queries per level, so this leaves it a wide margin.
pub const MAX_BY_VALUE_DEPTH: usize = 32;

/// Sets `boxed` on every direct reference that closes a cycle or would make a by-value chain
/// deeper than [`MAX_BY_VALUE_DEPTH`].
pub fn mark_boxed(models: &mut [Model]) {
    let edges: Vec<Vec<ModelId>> = models.iter().map(direct_targets).collect();
    let boxed = edges_to_box(&edges);
    if boxed.is_empty() {
        return;
    }
    for (from, model) in models.iter_mut().enumerate() {
        for_each_direct_ref(&mut model.kind, &mut |model_ref| {
            if boxed.contains(&(from, model_ref.id.0)) {
                model_ref.boxed = true;
            }
        });
    }
}

/// The models that `model` contains directly, in declaration order.
fn direct_targets(model: &Model) -> Vec<ModelId> {
    fn collect(shape: &Shape, targets: &mut Vec<ModelId>) {
        match &shape.ty {
            Type::Model(model_ref) => targets.push(model_ref.id),
            Type::Tuple(items) => items.iter().for_each(|item| collect(item, targets)),
            _ => {}
        }
    }
    let mut targets = Vec::new();
    match &model.kind {
        ModelKind::Struct(body) => body
            .fields
            .iter()
            .for_each(|field| collect(&field.shape, &mut targets)),
        ModelKind::Union(union) => union
            .variants
            .iter()
            .for_each(|variant| collect(&variant.shape, &mut targets)),
        ModelKind::Alias(shape) => collect(shape, &mut targets),
        ModelKind::Enum(_) => {}
    }
    targets
}

/// Calls `visit` on every reference the model holds by value: a field, a variant, an alias or a
/// tuple item that is a model (a `Vec` or a map of additional properties lives on the heap).
fn for_each_direct_ref(kind: &mut ModelKind, visit: &mut dyn FnMut(&mut ModelRef)) {
    fn visit_shape(shape: &mut Shape, visit: &mut dyn FnMut(&mut ModelRef)) {
        match &mut shape.ty {
            Type::Model(model_ref) => visit(model_ref),
            Type::Tuple(items) => items.iter_mut().for_each(|item| visit_shape(item, visit)),
            _ => {}
        }
    }
    match kind {
        ModelKind::Struct(body) => body
            .fields
            .iter_mut()
            .for_each(|field| visit_shape(&mut field.shape, visit)),
        ModelKind::Union(union) => union
            .variants
            .iter_mut()
            .for_each(|v| visit_shape(&mut v.shape, visit)),
        ModelKind::Alias(shape) => visit_shape(shape, visit),
        ModelKind::Enum(_) => {}
    }
}

/// The edges to box, found by an iterative depth-first search started from every model in
/// order: the back edges, and the edges into a model whose by-value chain is already as deep as
/// allowed. A model's depth is known when it finishes, because every edge out of it that is not a
/// back edge leads to a finished model.
fn edges_to_box(edges: &[Vec<ModelId>]) -> HashSet<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Finished,
    }
    let mut marks = vec![Mark::New; edges.len()];
    // The number of models in the deepest by-value chain starting at each finished model.
    let mut depth = vec![0usize; edges.len()];
    let mut boxed = HashSet::new();
    for start in 0..edges.len() {
        if marks[start] != Mark::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::OnStack;
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            match edges[node].get(*next) {
                Some(target) => {
                    *next += 1;
                    let target = target.0;
                    match marks[target] {
                        Mark::New => {
                            marks[target] = Mark::OnStack;
                            stack.push((target, 0));
                        }
                        Mark::OnStack => {
                            boxed.insert((node, target));
                        }
                        Mark::Finished => {}
                    }
                }
                None => {
                    let mut deepest = 0;
                    for target in &edges[node] {
                        let target = target.0;
                        if boxed.contains(&(node, target)) {
                            continue;
                        }
                        if depth[target] >= MAX_BY_VALUE_DEPTH {
                            boxed.insert((node, target));
                        } else {
                            deepest = deepest.max(depth[target]);
                        }
                    }
                    depth[node] = deepest + 1;
                    marks[node] = Mark::Finished;
                    stack.pop();
                }
            }
        }
    }
    boxed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_edges_break_every_cycle() {
        // 0 -> 1 -> 2 -> 0, and 2 -> 2.
        let edges = vec![
            vec![ModelId(1)],
            vec![ModelId(2)],
            vec![ModelId(0), ModelId(2)],
        ];
        let boxed = edges_to_box(&edges);
        assert_eq!(boxed, HashSet::from([(2, 0), (2, 2)]));
    }

    #[test]
    fn acyclic_shallow_graphs_box_nothing() {
        let edges = vec![vec![ModelId(1), ModelId(2)], vec![ModelId(2)], vec![]];
        assert!(edges_to_box(&edges).is_empty());
    }

    /// The longest by-value chain, following only edges that are not boxed.
    fn longest_chain(edges: &[Vec<ModelId>], boxed: &HashSet<(usize, usize)>) -> usize {
        fn from(
            node: usize,
            edges: &[Vec<ModelId>],
            boxed: &HashSet<(usize, usize)>,
            memo: &mut Vec<Option<usize>>,
        ) -> usize {
            if let Some(known) = memo[node] {
                return known;
            }
            let below = edges[node]
                .iter()
                .filter(|target| !boxed.contains(&(node, target.0)))
                .map(|target| from(target.0, edges, boxed, memo))
                .max()
                .unwrap_or(0);
            memo[node] = Some(below + 1);
            below + 1
        }
        let mut memo = vec![None; edges.len()];
        (0..edges.len())
            .map(|node| from(node, edges, boxed, &mut memo))
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn long_chains_are_cut_every_max_depth_models() {
        // A chain of 100 models, each holding the next; the last holds the first, and every model
        // also holds the first (the ring rustc could not compile).
        let count = 100;
        let edges: Vec<Vec<ModelId>> = (0..count)
            .map(|i| vec![ModelId((i + 1) % count), ModelId(0)])
            .collect();
        let boxed = edges_to_box(&edges);
        assert!(longest_chain(&edges, &boxed) <= MAX_BY_VALUE_DEPTH);
        // Cycles are gone: boxing the back edges made the by-value graph acyclic, which the
        // memoised walk above would otherwise not terminate on correctly.
        assert_eq!(boxed.iter().filter(|(_, to)| *to == 0).count(), count);
        // Cutting a 100-long chain into pieces of at most 32 takes 3 more boxes.
        assert_eq!(boxed.len(), count + 3);
    }
}
