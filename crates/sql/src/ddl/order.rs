//! Table creation order: foreign-key dependencies first, design order between independent
//! tables, and the fewest foreign keys postponed to break cycles.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::Direction;
use petgraph::algo::TarjanScc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::physical::FastMap;
use crate::physical::view::PTable;

/// The order tables are created in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Order {
    /// Table indexes in creation order.
    pub tables: Vec<usize>,
    /// Foreign keys `(table index, foreign key index)` that refer to a table created later (a
    /// cycle), in the order they are to be added.
    pub deferred: Vec<(usize, usize)>,
}

/// Edge weight of a partition's dependency on its parent (other weights are foreign-key
/// indexes).
const PARTITION_EDGE: usize = usize::MAX;

/// Topological order of the tables along their foreign keys (referenced before referencing),
/// ties broken by design order. When every remaining table waits for another, the cycle is
/// broken at the first table (in design order) whose unmet dependencies all lie in its own
/// strongly connected component: its foreign keys to tables not yet created are deferred.
/// Self-references need no deferral. Partitions come after their parent.
pub(crate) fn order(tables: &[PTable<'_>], by_id: &FastMap<&str, usize>) -> Order {
    let n = tables.len();
    let mut graph: DiGraph<usize, usize> = DiGraph::with_capacity(n, n);
    let nodes: Vec<NodeIndex> = (0..n).map(|i| graph.add_node(i)).collect();
    for (ti, table) in tables.iter().enumerate() {
        for (k, fk) in table.foreign_keys.iter().enumerate() {
            if let Some(&ri) = by_id.get(fk.def.references.as_str())
                && ri != ti
            {
                graph.add_edge(nodes[ri], nodes[ti], k);
            }
        }
        // A partition is created after its parent; that edge is never postponed.
        if let Some(of) = &table.base().partition_of
            && let Some(&pi) = by_id.get(of.parent.as_str())
            && pi != ti
        {
            graph.add_edge(nodes[pi], nodes[ti], PARTITION_EDGE);
        }
    }
    // Component numbers, without a list per component.
    let mut scc = vec![0usize; n];
    let mut c = 0;
    TarjanScc::new().run(&graph, |component: &[NodeIndex]| {
        for node in component {
            scc[node.index()] = c;
        }
        c += 1;
    });
    let mut waiting: Vec<usize> = nodes
        .iter()
        .map(|&v| graph.edges_directed(v, Direction::Incoming).count())
        .collect();
    let mut created = vec![false; n];
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&i| waiting[i] == 0).map(Reverse).collect();
    let mut out = Order {
        tables: Vec::with_capacity(n),
        deferred: Vec::new(),
    };
    while out.tables.len() < n {
        let next = loop {
            match ready.pop() {
                Some(Reverse(i)) if !created[i] => break Some(i),
                Some(_) => continue,
                None => break None,
            }
        };
        let ti = match next {
            Some(i) => i,
            None => {
                // A cycle: pick the first table whose unmet dependencies are all in its own
                // component, and postpone those foreign keys.
                let pick = (0..n)
                    .find(|&i| {
                        !created[i]
                            && graph
                                .edges_directed(nodes[i], Direction::Incoming)
                                .all(|e| {
                                    created[e.source().index()] || scc[e.source().index()] == scc[i]
                                })
                    })
                    .or_else(|| (0..n).find(|&i| !created[i]));
                let Some(i) = pick else { break };
                let mut postponed: Vec<usize> = graph
                    .edges_directed(nodes[i], Direction::Incoming)
                    .filter(|e| !created[e.source().index()])
                    .map(|e| *e.weight())
                    .filter(|&k| k != PARTITION_EDGE)
                    .collect();
                postponed.sort_unstable();
                postponed.dedup();
                out.deferred.extend(postponed.into_iter().map(|k| (i, k)));
                i
            }
        };
        created[ti] = true;
        out.tables.push(ti);
        for e in graph.edges_directed(nodes[ti], Direction::Outgoing) {
            let t = e.target().index();
            waiting[t] = waiting[t].saturating_sub(1);
            if waiting[t] == 0 && !created[t] {
                ready.push(Reverse(t));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemata_model::{Design, ForeignKey, Table};

    fn design(edges: &[(&str, &[&str])]) -> Design {
        let mut d = Design::default();
        for (name, refs) in edges {
            d.tables.push(Table {
                id: name.to_string(),
                name: name.to_string(),
                schema: None,
                comment: None,
                columns: vec![],
                primary_key: None,
                uniques: vec![],
                checks: vec![],
                foreign_keys: refs
                    .iter()
                    .map(|r| ForeignKey {
                        id: format!("fk_{r}"),
                        name: None,
                        columns: vec![],
                        references: r.to_string(),
                        referenced_columns: vec![],
                        on_delete: Default::default(),
                        on_update: Default::default(),
                        deferrable: Default::default(),
                    })
                    .collect(),
                indexes: vec![],
                functional_dependencies: vec![],
                partition_by: None,
                partition_of: None,
                scale: None,
            });
        }
        d
    }

    fn run(d: &Design) -> Order {
        let tables: Vec<PTable<'_>> = d.tables.iter().map(PTable::borrowed).collect();
        let by_id = d
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        order(&tables, &by_id)
    }

    #[test]
    fn referenced_tables_come_first_in_design_order() {
        let d = design(&[
            ("items", &["orders", "products"]),
            ("orders", &["customers"]),
            ("products", &[]),
            ("customers", &[]),
        ]);
        assert_eq!(run(&d).tables, vec![2, 3, 1, 0]);
        assert!(run(&d).deferred.is_empty());
    }

    #[test]
    fn self_reference_needs_no_deferral() {
        let d = design(&[("employees", &["employees"])]);
        let o = run(&d);
        assert_eq!(o.tables, vec![0]);
        assert!(o.deferred.is_empty());
    }

    #[test]
    fn breaks_a_cycle_at_its_first_table_only() {
        // c depends on the a <-> b cycle; c comes first in the design but is not in the cycle.
        let d = design(&[("c", &["a"]), ("a", &["b"]), ("b", &["a"])]);
        let o = run(&d);
        assert_eq!(o.tables, vec![1, 0, 2]);
        assert_eq!(o.deferred, vec![(1, 0)]);
    }
}
