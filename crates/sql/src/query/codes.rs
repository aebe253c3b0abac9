//! The codes of the worksheet SQL's own problems (`Q001`...), with their documentation: the doc
//! comment on each code's constant (in this module's parent and in `worksheet.rs`).

/// A worksheet SQL code and its documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDoc {
    /// The code, e.g. `Q001`.
    pub code: &'static str,
    /// Kebab-case name from the constant, e.g. `parse-error` for `PARSE_ERROR`.
    pub name: String,
    /// The doc comment's first paragraph.
    pub summary: String,
    /// The whole doc comment, as Markdown.
    pub doc: String,
}

/// The files that declare `Q` codes.
const SOURCES: [&str; 2] = [include_str!("mod.rs"), include_str!("../worksheet.rs")];

/// Every `Q` code declared as `pub const NAME: &str = "Q...";`, in code order.
pub fn all() -> Vec<CodeDoc> {
    let mut out = Vec::new();
    for source in SOURCES {
        let mut doc: Vec<&str> = Vec::new();
        for line in source.lines() {
            if let Some(rest) = line.strip_prefix("///") {
                doc.push(rest.strip_prefix(' ').unwrap_or(rest));
                continue;
            }
            if let Some((constant, code)) = code_constant(line) {
                let text = doc.join("\n").trim().to_string();
                let summary = text.split("\n\n").next().unwrap_or("").replace('\n', " ");
                out.push(CodeDoc {
                    code,
                    name: constant.to_ascii_lowercase().replace('_', "-"),
                    summary,
                    doc: text,
                });
            }
            doc.clear();
        }
    }
    out.sort_by(|a, b| a.code.cmp(b.code));
    out
}

/// `pub const NAME: &str = "Qnnn";` as (`NAME`, `Qnnn`).
fn code_constant(line: &'static str) -> Option<(&'static str, &'static str)> {
    let rest = line.strip_prefix("pub const ")?;
    let (name, value) = rest.split_once(": &str = \"")?;
    let code = value.strip_suffix("\";")?;
    let digits = code.strip_prefix('Q')?;
    (digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit())).then_some((name, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_constant_has_its_page() {
        let codes = all();
        let found: Vec<(&str, &str)> = codes.iter().map(|c| (c.code, c.name.as_str())).collect();
        assert_eq!(
            found,
            [
                (super::super::PARSE_ERROR, "parse-error"),
                (super::super::UNKNOWN_TABLE, "unknown-table"),
                (super::super::UNKNOWN_COLUMN, "unknown-column"),
                (super::super::AMBIGUOUS_COLUMN, "ambiguous-column"),
                (crate::worksheet::BAD_HEADER, "bad-header"),
                (crate::worksheet::NO_NAME, "no-name"),
            ]
        );
        for c in &codes {
            assert!(
                !c.summary.is_empty() && !c.summary.contains('\n'),
                "{}",
                c.code
            );
            assert!(c.doc.contains("**Group:**"), "{} has no group line", c.code);
            assert!(c.doc.contains("Fix:"), "{} says no fix", c.code);
        }
    }

    #[test]
    fn only_code_constants_are_read() {
        assert_eq!(
            code_constant("pub const X_Y: &str = \"Q042\";"),
            Some(("X_Y", "Q042"))
        );
        assert_eq!(code_constant("pub const X: &str = \"V042\";"), None);
        assert_eq!(code_constant("pub const X: &str = \"Q42\";"), None);
        assert_eq!(code_constant("const X: &str = \"Q042\";"), None);
    }
}
