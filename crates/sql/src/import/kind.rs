//! Naming a statement's kind from its leading keywords, e.g. `CREATE INDEX` for
//! `CREATE UNIQUE INDEX CONCURRENTLY ...` and `ALTER TABLE ADD CONSTRAINT` for
//! `ALTER TABLE ONLY public.t ADD CONSTRAINT ...`.

use std::borrow::Cow;

use sqlparser::tokenizer::{Token, TokenWithSpan};

/// Upper-cased words and symbols of the first `n` significant tokens (borrowed when a word is
/// upper case already, as keywords usually are).
pub(crate) fn leading(tokens: &[TokenWithSpan], n: usize) -> Vec<Cow<'_, str>> {
    let mut out = Vec::with_capacity(n);
    for t in tokens
        .iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_)))
        .take(n)
    {
        out.push(match &t.token {
            Token::Word(w) if w.quote_style.is_none() => {
                if w.value.bytes().any(|b| b.is_ascii_lowercase()) {
                    Cow::Owned(w.value.to_ascii_uppercase())
                } else {
                    Cow::Borrowed(w.value.as_str())
                }
            }
            Token::Period => Cow::Borrowed("."),
            Token::Mul => Cow::Borrowed("*"),
            Token::LParen => Cow::Borrowed("("),
            Token::RParen => Cow::Borrowed(")"),
            Token::Comma => Cow::Borrowed(","),
            other => Cow::Owned(other.to_string()),
        });
    }
    out
}

const CREATE_MODIFIERS: &[&str] = &[
    "OR",
    "REPLACE",
    "UNIQUE",
    "TEMP",
    "TEMPORARY",
    "UNLOGGED",
    "GLOBAL",
    "LOCAL",
    "DEFAULT",
    "TRUSTED",
    "PROCEDURAL",
    "CONSTRAINT",
    "RECURSIVE",
    "VIRTUAL",
    "FULLTEXT",
    "SPATIAL",
];

/// The kind of a statement whose leading tokens are `words` (see [`leading`]).
pub(crate) fn kind_of<S: AsRef<str>>(words: &[S]) -> String {
    let w = |i: usize| words.get(i).map(AsRef::as_ref).unwrap_or("");
    match w(0) {
        "" => "(empty)".into(),
        "CREATE" => {
            let mut i = 1;
            while CREATE_MODIFIERS.contains(&w(i)) {
                i += 1;
            }
            // MySQL `CREATE DEFINER=`user`@`host` TRIGGER ...`
            if w(i) == "DEFINER" {
                while i < words.len()
                    && !matches!(
                        w(i),
                        "TRIGGER" | "PROCEDURE" | "FUNCTION" | "VIEW" | "EVENT"
                    )
                {
                    i += 1;
                }
            }
            match w(i) {
                "MATERIALIZED" | "FOREIGN" | "TEXT" | "EVENT" if !w(i + 1).is_empty() => {
                    format!("CREATE {} {}", w(i), w(i + 1))
                }
                "" => "CREATE".into(),
                other => format!("CREATE {other}"),
            }
        }
        "ALTER" if w(1) == "TABLE" => {
            let mut i = 2;
            while matches!(w(i), "ONLY" | "IF" | "EXISTS") {
                i += 1;
            }
            // Skip the (possibly qualified) name.
            i += 1;
            while w(i) == "." {
                i += 2;
            }
            if w(i) == "*" {
                i += 1;
            }
            match (w(i), w(i + 1)) {
                ("ADD", "CONSTRAINT" | "PRIMARY" | "UNIQUE" | "FOREIGN" | "CHECK" | "EXCLUDE") => {
                    "ALTER TABLE ADD CONSTRAINT".into()
                }
                ("ADD", "INDEX" | "KEY") => "ALTER TABLE ADD INDEX".into(),
                ("ADD", _) => "ALTER TABLE ADD COLUMN".into(),
                ("ALTER", _) => "ALTER TABLE ALTER COLUMN".into(),
                ("OWNER", _) => "ALTER TABLE OWNER TO".into(),
                ("ATTACH", _) => "ALTER TABLE ATTACH PARTITION".into(),
                ("", _) => "ALTER TABLE".into(),
                (op, _) => format!("ALTER TABLE {op}"),
            }
        }
        "ALTER" | "DROP" | "COMMENT" | "GRANT" | "REVOKE" | "SECURITY" => {
            format!("{} {}", w(0), w(1))
        }
        first => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(words: &str) -> String {
        let v: Vec<String> = words.split(' ').map(str::to_string).collect();
        kind_of(&v)
    }

    #[test]
    fn names_kinds() {
        assert_eq!(kind("CREATE UNIQUE INDEX ix ON t"), "CREATE INDEX");
        assert_eq!(kind("CREATE OR REPLACE FUNCTION f"), "CREATE FUNCTION");
        assert_eq!(
            kind("ALTER TABLE ONLY public . t ADD CONSTRAINT pk"),
            "ALTER TABLE ADD CONSTRAINT"
        );
        assert_eq!(
            kind("ALTER TABLE t ADD PRIMARY KEY"),
            "ALTER TABLE ADD CONSTRAINT"
        );
        assert_eq!(
            kind("ALTER TABLE public . t OWNER TO x"),
            "ALTER TABLE OWNER TO"
        );
        assert_eq!(
            kind("CREATE MATERIALIZED VIEW v"),
            "CREATE MATERIALIZED VIEW"
        );
        assert_eq!(kind("COMMENT ON TABLE t"), "COMMENT ON");
        assert_eq!(kind("SET search_path"), "SET");
    }
}
