//! Declarative partitioning (PostgreSQL): a partitioned table's strategy and key, and a
//! partition's parent and bound.
//!
//! Bounds are compared after [`normalize_bound`]: loose expression normalisation, and
//! `timestamptz` literals with an offset moved to UTC (PostgreSQL prints them in the session's
//! time zone, so `'2022-04-01 01:00:00+01'` comes back as `'2022-04-01 00:00:00+00'`).

use super::Cx;
use schemata_model::{PartitionBy, PartitionKeyPart, Table};

impl Cx<'_> {
    pub(super) fn partitioning(&mut self, e: &Table, a: &Table, label: &str) {
        match (&e.partition_by, &a.partition_by) {
            (None, None) => {}
            (Some(_), None) => self.out.push(format!("{label}: not partitioned")),
            (None, Some(_)) => self
                .out
                .push(format!("{label}: partitioned, expected a plain table")),
            (Some(x), Some(y)) => {
                let (ex, ay) = (self.key_text(e, x), self.key_text(a, y));
                if ex != ay {
                    self.out.push(format!(
                        "{label}: partition key differs: expected {ex}, found {ay}"
                    ));
                }
            }
        }
        match (&e.partition_of, &a.partition_of) {
            (None, None) => {}
            (Some(of), None) => self.out.push(format!(
                "{label}: not a partition (expected one of {})",
                self.expected_table_name(&of.parent)
            )),
            (None, Some(of)) => self.out.push(format!(
                "{label}: a partition of {}, expected a plain table",
                self.actual_table_name(&of.parent)
            )),
            (Some(x), Some(y)) => {
                let (xp, yp) = (
                    self.expected_table_name(&x.parent),
                    self.actual_table_name(&y.parent),
                );
                if xp != yp {
                    self.out
                        .push(format!("{label}: partition of {yp}, expected of {xp}"));
                }
                if self.norm(&normalize_bound(&x.bound)) != self.norm(&normalize_bound(&y.bound)) {
                    self.out.push(format!(
                        "{label}: partition bound differs: expected {}, found {}",
                        x.bound.trim(),
                        y.bound.trim()
                    ));
                }
            }
        }
    }

    /// `range (col, <normalised expr>)`, columns by name.
    fn key_text(&self, t: &Table, by: &PartitionBy) -> String {
        let parts: Vec<String> = by
            .parts
            .iter()
            .map(|p: &PartitionKeyPart| match (&p.column, &p.expr) {
                (Some(c), _) => t.column_name(c).to_string(),
                (None, Some(x)) => self.norm(x),
                (None, None) => String::new(),
            })
            .collect();
        format!(
            "{} ({})",
            by.strategy.sql().to_lowercase(),
            parts.join(", ")
        )
    }
}

/// `bound` with every quoted `YYYY-MM-DD HH:MM:SS[.f]±HH[:MM]` literal written in UTC.
pub(crate) fn normalize_bound(bound: &str) -> String {
    let mut out = String::with_capacity(bound.len());
    let mut rest = bound;
    while let Some(start) = rest.find('\'') {
        out.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('\'') else {
            out.push_str(after);
            return out;
        };
        let literal = &after[..end];
        match in_utc(literal) {
            Some(utc) => out.push_str(&utc),
            None => out.push_str(literal),
        }
        out.push('\'');
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A timestamp with an offset, in UTC (`+00`); `None` for anything else.
fn in_utc(literal: &str) -> Option<String> {
    let b = literal.as_bytes();
    let digits = |from: usize, n: usize| -> Option<i64> {
        let s = literal.get(from..from + n)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 22
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b' '
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (h, mi, s) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let mut i = 19;
    let frac_start = i;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let frac = &literal[frac_start..i];
    let sign = match b.get(i) {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    let oh = digits(i + 1, 2)?;
    let mut om = 0;
    let mut j = i + 3;
    if b.get(j) == Some(&b':') {
        om = digits(j + 1, 2)?;
        j += 3;
    }
    if j != b.len() {
        return None;
    }
    let seconds =
        days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - sign * (oh * 3600 + om * 60);
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (y, mo, d) = civil_from_days(days);
    Some(format!(
        "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02}{frac}+00",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    ))
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_with_offsets_move_to_utc() {
        assert_eq!(
            normalize_bound(
                "FOR VALUES FROM ('2022-04-01 01:00:00+01') TO ('2022-05-01 01:00:00+01')"
            ),
            "FOR VALUES FROM ('2022-04-01 00:00:00+00') TO ('2022-05-01 00:00:00+00')"
        );
        assert_eq!(
            normalize_bound("FOR VALUES FROM ('2022-01-01 00:30:00.5+05:30')"),
            "FOR VALUES FROM ('2021-12-31 19:00:00.5+00')"
        );
        assert_eq!(
            normalize_bound("FOR VALUES IN ('2024-01-01', 'it''s')"),
            "FOR VALUES IN ('2024-01-01', 'it''s')"
        );
        assert_eq!(normalize_bound("DEFAULT"), "DEFAULT");
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-800_000, -1, 0, 59, 60, 11_016, 19_448, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(19_448), (2023, 4, 1));
    }
}
