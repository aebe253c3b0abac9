//! Name templates (`ix_{table}_{columns}`) read once and filled many times: the same result as
//! [`naming::expand`], without searching the template for every name.

use crate::naming::{self, TemplateVars};

/// One piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'t> {
    Text(&'t str),
    Table,
    Referenced,
    What,
    From,
    To,
    Columns,
}

/// A parsed name template.
#[derive(Debug, Clone)]
pub(super) struct Template<'t> {
    raw: &'t str,
    pieces: Vec<Piece<'t>>,
    /// The template inflects a name (`{table_singular}`, `{referenced_singular}`): filled by
    /// [`naming::expand`].
    inflects: bool,
}

impl<'t> Template<'t> {
    /// Parse `raw`. Unknown placeholders, and a `{` without a `}`, are kept as text.
    pub fn new(raw: &'t str) -> Self {
        let mut pieces = Vec::new();
        let mut rest = raw;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Text(&rest[..open]));
            }
            let after = &rest[open..];
            let Some(close) = after.find('}') else {
                pieces.push(Piece::Text(after));
                rest = "";
                break;
            };
            pieces.push(match &after[1..close] {
                "table" => Piece::Table,
                "referenced" => Piece::Referenced,
                "what" => Piece::What,
                "from" => Piece::From,
                "to" => Piece::To,
                "columns" => Piece::Columns,
                _ => Piece::Text(&after[..=close]),
            });
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest));
        }
        Template {
            raw,
            pieces,
            inflects: raw.contains("_singular}"),
        }
    }

    /// The template filled with `v`.
    pub fn fill(&self, v: &TemplateVars<'_>) -> String {
        if self.inflects {
            return naming::expand(self.raw, v);
        }
        let value = |p: &Piece<'t>| -> &str {
            match *p {
                Piece::Text(t) => t,
                Piece::Table => v.table,
                Piece::Referenced => v.referenced,
                Piece::What => v.what,
                Piece::From => v.from,
                Piece::To => v.to,
                Piece::Columns => "",
            }
        };
        let len: usize = self
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Columns => v.columns.iter().map(|c| c.len() + 1).sum(),
                p => value(p).len(),
            })
            .sum();
        let mut out = String::with_capacity(len);
        for p in &self.pieces {
            match p {
                Piece::Columns => {
                    for (i, c) in v.columns.iter().enumerate() {
                        if i > 0 {
                            out.push('_');
                        }
                        out.push_str(c);
                    }
                }
                p => out.push_str(value(p)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_templates_like_expand() {
        let cols = ["a", "b"];
        let v = TemplateVars {
            table: "orders",
            referenced: "customers",
            columns: &cols,
            what: "total",
            from: "f",
            to: "t",
        };
        for template in [
            "pk_{table}",
            "fk_{table}_{referenced}",
            "ix_{table}_{columns}",
            "ck_{table}_{what}",
            "{from}_{to}",
            "x_{unknown}_{table",
            "",
            "fk_{table}_{referenced_singular}",
        ] {
            assert_eq!(
                Template::new(template).fill(&v),
                naming::expand(template, &v),
                "{template}"
            );
        }
        // A `{` inside a placeholder makes it unknown, so it stays text (as the convention
        // checks read it).
        assert_eq!(Template::new("{{table}}_{to}").fill(&v), "{{table}}_t");
        assert_eq!(Template::new("}{table}{").fill(&v), "}orders{");
    }
}
