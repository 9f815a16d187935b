//! Marking the references that close a cycle of direct containment.
//!
//! A struct that holds itself directly (not through a `Vec` or a map) would have infinite size.
//! A depth-first walk over the direct references, in model order, finds the back edges; only
//! references along a back edge are marked [`ModelRef::cyclic`], so the emitter boxes as little
//! as it can and the same document always boxes the same fields.

use std::collections::HashSet;

use crate::ir::{Model, ModelId, ModelKind, ModelRef, Shape, Type};

/// Sets `cyclic` on every direct reference that closes a cycle.
pub fn mark_cycles(models: &mut [Model]) {
    let edges: Vec<Vec<ModelId>> = models.iter().map(direct_targets).collect();
    let back_edges = find_back_edges(&edges);
    if back_edges.is_empty() {
        return;
    }
    for (from, model) in models.iter_mut().enumerate() {
        for_each_direct_ref(&mut model.kind, &mut |model_ref| {
            if back_edges.contains(&(from, model_ref.id.0)) {
                model_ref.cyclic = true;
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

/// Back edges of an iterative depth-first search started from every model in order.
fn find_back_edges(edges: &[Vec<ModelId>]) -> HashSet<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Finished,
    }
    let mut marks = vec![Mark::New; edges.len()];
    let mut back = HashSet::new();
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
                            back.insert((node, target));
                        }
                        Mark::Finished => {}
                    }
                }
                None => {
                    marks[node] = Mark::Finished;
                    stack.pop();
                }
            }
        }
    }
    back
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
        let back = find_back_edges(&edges);
        assert_eq!(back, HashSet::from([(2, 0), (2, 2)]));
    }

    #[test]
    fn acyclic_graphs_have_no_back_edges() {
        let edges = vec![vec![ModelId(1), ModelId(2)], vec![ModelId(2)], vec![]];
        assert!(find_back_edges(&edges).is_empty());
    }
}
