//! Worksheet files: access patterns as plain SQL, compatible with sqlc query files.
//!
//! ```sql
//! -- name: GetCustomerByEmail :one
//! -- rate: 120/s
//! -- latency: 20ms
//! -- consistency: strong
//! SELECT id, full_name FROM customers WHERE email = $1;
//!
//! -- name: ListOrderItems :many
//! -- rate: 15%
//! -- per-row-of: ListOrders
//! SELECT * FROM order_items WHERE order_id = sqlc.arg(order_id);
//! ```
//!
//! A `-- name:` line starts a pattern; the statements up to the next one belong to it (several
//! statements form one transaction). Rates are `N/s`, `N/min`, `N/h`, `N/day` or `N%` (a
//! relative weight); `-- per-row-of:` names the pattern whose result rows issue this one.

use schemata_model::{AccessPattern, Consistency, Diagnostic, Location, Rate, Worksheet};

/// A header line of a worksheet file that cannot be read.
///
/// **Group:** queries · **Default severity:** error
///
/// Worksheet files describe each pattern in comment lines above its SQL: `-- name:`,
/// `-- rate:`, `-- latency:`, `-- consistency:`, `-- per-row-of:` and `-- comment:`. This code
/// reports, with its line number, a `-- name:` line without a name, a rate that is not `N/s`,
/// `N/min`, `N/h`, `N/day`, `N%` or a bare number per second, a latency that is not a
/// non-negative duration (`20ms`, `0.5s`, or a bare number of milliseconds), and a consistency
/// other than `strong`, `read_your_writes` and `eventual`.
///
/// `worksheet import` refuses a file with this error; `advise --worksheet` reports it and reads
/// the pattern without the bad value.
///
/// Fix: correct the header line, e.g. `-- rate: 120/s`.
pub const BAD_HEADER: &str = "Q005";
/// SQL before the first `-- name:` line.
///
/// **Group:** queries · **Default severity:** error
///
/// A worksheet file is a sequence of patterns, each started by a `-- name:` line (as in sqlc
/// query files). SQL above the first such line belongs to no pattern, so it is not analysed;
/// the code points at its first line. Comments and blank lines there are fine.
///
/// `worksheet import` refuses a file with this error; `advise --worksheet` reports it and reads
/// the patterns that follow.
///
/// Fix: start the file with `-- name: PatternName :many` (or `:one`, `:exec`) above the first
/// statement, or delete the stray SQL.
pub const NO_NAME: &str = "Q006";

/// The patterns of a worksheet file and the problems found reading it (with line numbers).
/// Patterns come back without ids; `per_row_of` holds the name written in the file.
pub fn parse(text: &str) -> (Worksheet, Vec<Diagnostic>) {
    let mut patterns: Vec<AccessPattern> = Vec::new();
    let mut sql: Vec<String> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut orphan_line = None;
    for (n, line) in text.lines().enumerate() {
        let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let trimmed = line.trim();
        if let Some((key, value)) = header(trimmed) {
            let at = |d: Diagnostic| located(d, line_no);
            if key == "name" {
                if let Some(p) = patterns.last_mut() {
                    p.statements = split_statements(&sql.join("\n"));
                }
                sql.clear();
                let name = value.split_whitespace().next().unwrap_or("").to_string();
                if name.is_empty() {
                    diagnostics.push(at(Diagnostic::error(
                        BAD_HEADER,
                        "`-- name:` without a name",
                    )));
                }
                patterns.push(AccessPattern {
                    id: String::new(),
                    name,
                    rate: None,
                    latency_ms: None,
                    consistency: None,
                    statements: Vec::new(),
                    per_row_of: None,
                    comment: None,
                });
                continue;
            }
            let Some(p) = patterns.last_mut() else {
                sql.push(line.to_string());
                continue;
            };
            match key.as_str() {
                "rate" => match parse_rate(value) {
                    Ok(r) => p.rate = Some(r),
                    Err(e) => diagnostics.push(at(Diagnostic::error(BAD_HEADER, e))),
                },
                "latency" => match parse_latency(value) {
                    Ok(ms) => p.latency_ms = Some(ms),
                    Err(e) => diagnostics.push(at(Diagnostic::error(BAD_HEADER, e))),
                },
                "consistency" => match value.parse::<Consistency>() {
                    Ok(c) => p.consistency = Some(c),
                    Err(e) => diagnostics.push(at(Diagnostic::error(BAD_HEADER, e))),
                },
                "per-row-of" | "per_row_of" => p.per_row_of = Some(value.trim().to_string()),
                "comment" => p.comment = Some(value.trim().to_string()),
                _ => sql.push(line.to_string()),
            }
            continue;
        }
        if patterns.is_empty() && !trimmed.is_empty() && !trimmed.starts_with("--") {
            orphan_line.get_or_insert(line_no);
        }
        sql.push(line.to_string());
    }
    if let Some(p) = patterns.last_mut() {
        p.statements = split_statements(&sql.join("\n"));
    }
    if let Some(line) = orphan_line {
        diagnostics.push(located(
            Diagnostic::error(
                NO_NAME,
                "SQL before the first `-- name:` line belongs to no pattern",
            )
            .with_help("start each pattern with `-- name: PatternName :many`"),
            line,
        ));
    }
    (Worksheet { patterns }, diagnostics)
}

fn located(mut d: Diagnostic, line: u32) -> Diagnostic {
    d.location = Some(Location { line, column: 1 });
    d
}

/// `-- key: value` with a known key.
fn header(line: &str) -> Option<(String, &str)> {
    let body = line.strip_prefix("--")?.trim_start();
    let (key, value) = body.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    let known = [
        "name",
        "rate",
        "latency",
        "consistency",
        "per-row-of",
        "per_row_of",
        "comment",
    ];
    known.contains(&key.as_str()).then_some((key, value.trim()))
}

/// `120/s`, `120/sec`, `7200/min`, `5/h`, `100/day`, `12%`, or a bare number per second.
pub fn parse_rate(text: &str) -> Result<Rate, String> {
    let t = text.trim().replace(' ', "");
    let bad = || {
        format!("cannot read the rate `{text}` (expected e.g. 120/s, 30/min, 5/h, 100/day or 12%)")
    };
    if let Some(p) = t.strip_suffix('%') {
        return p
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .map(Rate::Percent)
            .ok_or_else(bad);
    }
    let (n, unit) = t.split_once('/').unwrap_or((&t, "s"));
    let n: f64 = n
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0)
        .ok_or_else(bad)?;
    let per = match unit.to_ascii_lowercase().as_str() {
        "s" | "sec" | "second" => 1.0,
        "m" | "min" | "minute" => 60.0,
        "h" | "hr" | "hour" => 3600.0,
        "d" | "day" => 86400.0,
        _ => return Err(bad()),
    };
    Ok(Rate::PerSecond(n / per))
}

/// `20ms`, `1.5s`, or a bare number of milliseconds.
pub fn parse_latency(text: &str) -> Result<f64, String> {
    let t = text.trim().to_ascii_lowercase();
    let (n, factor) = if let Some(n) = t.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (t.as_str(), 1.0)
    };
    n.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(|v| v * factor)
        .ok_or_else(|| format!("cannot read the latency `{text}` (expected e.g. 20ms or 1s)"))
}

/// A rate as written in files: the largest unit that keeps the number at least 1.
pub fn format_rate(rate: Rate) -> String {
    match rate {
        Rate::Percent(p) => format!("{}%", round(p)),
        Rate::PerSecond(r) => {
            for (unit, factor) in [("s", 1.0), ("min", 60.0), ("h", 3600.0)] {
                if r * factor >= 1.0 {
                    return format!("{}/{unit}", round(r * factor));
                }
            }
            format!("{}/day", round(r * 86400.0))
        }
    }
}

fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Write a worksheet file. `per_row_of` is written as the referenced pattern's name.
pub fn write(worksheet: &Worksheet) -> String {
    let mut out = String::new();
    for (i, p) in worksheet.patterns.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let returns = if p.statements.len() == 1 && is_select(&p.statements[0]) {
            ":many"
        } else {
            ":exec"
        };
        out.push_str(&format!("-- name: {} {returns}\n", p.name));
        if let Some(r) = p.rate {
            out.push_str(&format!("-- rate: {}\n", format_rate(r)));
        }
        if let Some(ms) = p.latency_ms {
            out.push_str(&format!("-- latency: {}ms\n", round(ms)));
        }
        if let Some(c) = p.consistency {
            out.push_str(&format!(
                "-- consistency: {}\n",
                c.as_str().replace('_', "-")
            ));
        }
        if let Some(parent) = &p.per_row_of {
            let name = worksheet
                .pattern(parent)
                .map_or(parent.as_str(), |q| q.name.as_str());
            out.push_str(&format!("-- per-row-of: {name}\n"));
        }
        if let Some(c) = &p.comment {
            out.push_str(&format!("-- comment: {}\n", c.replace('\n', " ")));
        }
        for s in &p.statements {
            out.push_str(s.trim());
            out.push_str(";\n");
        }
    }
    out
}

fn is_select(sql: &str) -> bool {
    let head = sql.trim_start().get(..6).unwrap_or("").to_ascii_lowercase();
    head == "select" || sql.trim_start().to_ascii_lowercase().starts_with("with")
}

/// Split SQL text at `;` outside strings, quoted names, dollar quotes and comments. Empty
/// statements are dropped; each statement is trimmed.
pub fn split_statements(sql: &str) -> Vec<String> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let end = match c {
            '\'' | '"' | '`' => skip_until(&chars, i + 1, &[c]),
            '-' if chars.get(i + 1) == Some(&'-') => (i..chars.len())
                .find(|&p| chars[p] == '\n')
                .unwrap_or(chars.len()),
            '/' if chars.get(i + 1) == Some(&'*') => skip_until(&chars, i + 2, &['*', '/']),
            '$' => match dollar_tag(&chars, i) {
                Some(tag) => skip_until(&chars, i + tag.len(), &tag),
                None => i + 1,
            },
            ';' => {
                push_statement(&mut out, &current);
                current.clear();
                i += 1;
                continue;
            }
            _ => i + 1,
        };
        current.extend(&chars[i..end]);
        i = end;
    }
    push_statement(&mut out, &current);
    out
}

fn push_statement(out: &mut Vec<String>, text: &str) {
    let has_code = text
        .lines()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with("--"));
    if has_code {
        out.push(text.trim().to_string());
    }
}

/// The index just past `close` found from `from`, or the end.
fn skip_until(chars: &[char], from: usize, close: &[char]) -> usize {
    (from..chars.len())
        .find(|&p| chars[p..].starts_with(close))
        .map_or(chars.len(), |p| p + close.len())
}

/// `$tag$` or `$$` starting at `i`.
fn dollar_tag(chars: &[char], i: usize) -> Option<Vec<char>> {
    let mut j = i + 1;
    while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
        if j == i + 1 && chars[j].is_ascii_digit() {
            return None;
        }
        j += 1;
    }
    (chars.get(j) == Some(&'$')).then(|| chars[i..=j].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
-- A worksheet.
-- name: GetCustomer :one
-- rate: 120/s
-- latency: 20ms
-- consistency: read-your-writes
SELECT id FROM customers WHERE email = $1;

-- name: ListOrders :many
-- rate: 30/min
SELECT * FROM orders WHERE customer_id = sqlc.arg(customer_id) -- newest first
ORDER BY placed_at DESC LIMIT 20;

-- name: Items :many
-- rate: 15%
-- per-row-of: ListOrders
SELECT * FROM order_items WHERE order_id = ? AND note <> ';';

-- name: PlaceOrder :exec
-- rate: 2/h
INSERT INTO orders (customer_id) VALUES ($1);
UPDATE inventory_levels SET quantity = quantity - 1 WHERE product_id = $2;
";

    #[test]
    fn reads_names_rates_and_transactions() {
        let (w, diags) = parse(FILE);
        assert!(diags.is_empty(), "{diags:?}");
        let names: Vec<&str> = w.patterns.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["GetCustomer", "ListOrders", "Items", "PlaceOrder"]);
        assert_eq!(w.patterns[0].rate, Some(Rate::PerSecond(120.0)));
        assert_eq!(w.patterns[0].latency_ms, Some(20.0));
        assert_eq!(w.patterns[0].consistency, Some(Consistency::ReadYourWrites));
        assert_eq!(w.patterns[1].rate, Some(Rate::PerSecond(0.5)));
        assert_eq!(w.patterns[2].rate, Some(Rate::Percent(15.0)));
        assert_eq!(w.patterns[2].per_row_of.as_deref(), Some("ListOrders"));
        assert_eq!(
            w.patterns[2].statements.len(),
            1,
            "the quoted ; does not split"
        );
        assert_eq!(w.patterns[3].statements.len(), 2);
        assert!(w.patterns[1].statements[0].ends_with("LIMIT 20"));
    }

    #[test]
    fn writes_what_it_reads() {
        let (w, _) = parse(FILE);
        let again = parse(&write(&w)).0;
        assert_eq!(again, w);
    }

    #[test]
    fn reports_bad_headers_with_their_line() {
        let (_, diags) =
            parse("SELECT 1;\n-- name: X\n-- rate: fast\n-- consistency: maybe\nSELECT 2;");
        let found: Vec<(&str, u32)> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.location.map_or(0, |l| l.line)))
            .collect();
        assert_eq!(found, [("Q005", 3), ("Q005", 4), ("Q006", 1)]);
    }

    #[test]
    fn rates_in_every_unit() {
        assert_eq!(parse_rate("3600/h"), Ok(Rate::PerSecond(1.0)));
        assert_eq!(parse_rate("86400/day"), Ok(Rate::PerSecond(1.0)));
        assert_eq!(parse_rate("5"), Ok(Rate::PerSecond(5.0)));
        assert!(parse_rate("-1/s").is_err());
        assert!(parse_rate("1/week").is_err());
        assert_eq!(format_rate(Rate::PerSecond(0.5)), "30/min");
        assert_eq!(format_rate(Rate::PerSecond(1.0 / 86400.0)), "1/day");
        assert_eq!(parse_latency("1.5s"), Ok(1500.0));
    }

    #[test]
    fn splits_around_dollar_quotes_and_comments() {
        let parts = split_statements("SELECT $$a;b$$; /* ; */ SELECT 2; -- ;\n");
        assert_eq!(parts, ["SELECT $$a;b$$", "/* ; */ SELECT 2"]);
    }
}
