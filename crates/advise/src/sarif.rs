//! SARIF 2.1.0 output, so that CI systems annotate pull requests with the diagnostics.

use schemata_model::{Diagnostic, Severity};
use serde_json::{Value, json};

use crate::rules::RULES;

/// A SARIF 2.1.0 log with one run: the registry rules as the tool's rules, and one result per
/// diagnostic, located in `file` by line and column when known.
pub fn sarif(file: &str, diagnostics: &[Diagnostic]) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "helpUri": format!("https://github.com/schemata/schemata/blob/main/docs/rules/{}.md", r.code),
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"group": r.group.as_str()}
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut region = json!({});
            if let Some(l) = d.location {
                region = json!({"startLine": l.line, "startColumn": l.column});
            }
            let mut physical = json!({"artifactLocation": {"uri": file}});
            if d.location.is_some() {
                physical["region"] = region;
            }
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!(" ({h})"));
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{"physicalLocation": physical}]
            });
            if let Some(p) = &d.path {
                result["locations"][0]["logicalLocations"] =
                    json!([{"fullyQualifiedName": p, "kind": "member"}]);
            }
            if let Some(i) = RULES.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "schemata",
                "informationUri": "https://github.com/schemata/schemata",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules
            }},
            "results": results
        }]
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
