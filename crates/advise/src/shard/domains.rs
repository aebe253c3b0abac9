//! Value domains: columns that hold the same values. A foreign key and the key it references,
//! the two sides of an equality join, and columns bound to one parameter in one transaction are
//! in one domain. Tables distributed by columns of one domain can be co-located.

use schemata_model::Design;

use super::facts::{Col, Facts};
use crate::context::Cx;

/// Union-find over every column of the design.
pub(crate) struct Domains {
    /// First global column number of each table.
    offsets: Vec<u32>,
    parent: Vec<u32>,
    /// Domain names by root, filled by [`Domains::name`] look-ups.
    names: Vec<Option<String>>,
}

impl Domains {
    pub fn new(cx: &Cx<'_>, facts: &Facts) -> Self {
        let design = cx.design;
        let mut offsets = Vec::with_capacity(design.tables.len());
        let mut n = 0u32;
        for t in &design.tables {
            offsets.push(n);
            n += t.columns.len() as u32;
        }
        let mut d = Domains {
            offsets,
            parent: (0..n).collect(),
            names: Vec::new(),
        };
        d.union_foreign_keys(cx, facts);
        for p in &facts.patterns {
            // Columns bound to each value of the pattern, across its statements.
            let mut first_of_value: Vec<Option<Col>> = vec![None; p.values.len()];
            for s in &p.stmts {
                for j in &s.joins {
                    let a = (s.occs[j.left as usize].table, j.left_col);
                    let b = (s.occs[j.right as usize].table, j.right_col);
                    d.union(a, b);
                }
                for o in &s.occs {
                    for &(c, v) in &o.bound {
                        // The same literal in two tables is a coincidence, not one value.
                        if p.values[v as usize].starts_with("literal ") {
                            continue;
                        }
                        match first_of_value[v as usize] {
                            None => first_of_value[v as usize] = Some((o.table, c)),
                            Some(first) if first.0 != o.table => d.union(first, (o.table, c)),
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        d.names = d.domain_names(design);
        d
    }

    fn union_foreign_keys(&mut self, cx: &Cx<'_>, facts: &Facts) {
        let design = cx.design;
        for (ti, t) in design.tables.iter().enumerate() {
            for fk in &t.foreign_keys {
                let Some((pi, _)) = cx.table(&fk.references) else {
                    continue;
                };
                for (c, r) in fk.columns.iter().zip(fk.target_columns(design)) {
                    let (Some(&c), Some(&r)) = (facts.columns[ti].get(c), facts.columns[pi].get(r))
                    else {
                        continue;
                    };
                    self.union((ti as u32, c), (pi as u32, r));
                }
            }
        }
    }

    fn global(&self, c: Col) -> u32 {
        self.offsets[c.0 as usize] + c.1
    }

    fn find(&self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            x = self.parent[x as usize];
        }
        x
    }

    fn union(&mut self, a: Col, b: Col) {
        let (a, b) = (self.global(a), self.global(b));
        let (ra, rb) = (self.find_compress(a), self.find_compress(b));
        if ra != rb {
            // The smaller number stays root: deterministic whatever the order of unions.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }

    fn find_compress(&mut self, x: u32) -> u32 {
        let root = self.find(x);
        let mut y = x;
        while self.parent[y as usize] != root {
            let next = self.parent[y as usize];
            self.parent[y as usize] = root;
            y = next;
        }
        root
    }

    /// The domain of a column.
    pub fn of(&self, c: Col) -> u32 {
        self.find(self.global(c))
    }

    /// The column behind a global number.
    fn col(&self, g: u32) -> Col {
        let t = match self.offsets.binary_search(&g) {
            Ok(mut i) => {
                // Tables without columns share an offset with the next table.
                while i + 1 < self.offsets.len() && self.offsets[i + 1] == g {
                    i += 1;
                }
                i
            }
            Err(i) => i - 1,
        };
        (t as u32, g - self.offsets[t])
    }

    /// A readable name of a domain: the single-column primary key in it (the most referenced
    /// one when several), else its first column, as `table.column`.
    pub fn name(&self, domain: u32) -> &str {
        self.names
            .get(domain as usize)
            .and_then(|n| n.as_deref())
            .unwrap_or("?")
    }

    fn domain_names(&self, design: &Design) -> Vec<Option<String>> {
        let n = self.parent.len();
        let mut best: Vec<Option<(u32, u32)>> = vec![None; n]; // (rank, global column)
        for g in 0..n as u32 {
            let root = self.find(g) as usize;
            let (t, c) = self.col(g);
            let table = &design.tables[t as usize];
            let column = &table.columns[c as usize];
            let pk = table.primary_key_columns();
            let rank = if pk.len() == 1 && pk[0] == column.id {
                0
            } else if pk.contains(&column.id) {
                1
            } else {
                2
            };
            if best[root].is_none_or(|(r, _)| rank < r) {
                best[root] = Some((rank, g));
            }
        }
        best.into_iter()
            .map(|b| {
                b.map(|(_, g)| {
                    let (t, c) = self.col(g);
                    let table = &design.tables[t as usize];
                    format!("{}.{}", table.name, table.columns[c as usize].name)
                })
            })
            .collect()
    }
}
