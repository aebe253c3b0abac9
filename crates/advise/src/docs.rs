//! Rule documentation pages (`docs/rules/<CODE>.md`) and their index, generated from the rule
//! files' `//!` comments; and the pages of the worksheet SQL's own codes (`Q`), generated from
//! the doc comments on their constants in schemata-sql.

use schemata_sql::query::codes;

use crate::rules::RULES;

/// Every page as (file name, content): one per rule, one per `Q` code and `README.md` listing
/// them.
pub fn pages() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = RULES
        .iter()
        .map(|r| {
            (
                format!("{}.md", r.code),
                format!(
                    "<!-- Generated from crates/advise/src/rules; do not edit. -->\n\n{}\n",
                    r.doc()
                ),
            )
        })
        .collect();
    let mut index = String::from(
        "<!-- Generated from crates/advise/src/rules; do not edit. -->\n\n# Rules\n\n\
         Every rule has a stable code. `settings.rules` in a design turns a rule off or changes \
         its level: `\"rules\": {\"A009\": \"off\", \"A010\": \"error\"}`.\n\n\
         | Code | Name | Group | Default | Summary |\n|---|---|---|---|---|\n",
    );
    for r in RULES {
        index.push_str(&format!(
            "| [{0}]({0}.md) | {1} | {2} | {3} | {4} |\n",
            r.code,
            r.name,
            r.group.as_str(),
            r.severity,
            r.summary
        ));
    }
    let q = codes::all();
    index.push_str(
        "\n## Worksheet SQL\n\nThe worksheet's statements and worksheet files are checked \
         before any rule reads them. These codes are not rules, but `settings.rules` changes \
         their level the same way.\n\n| Code | Name | Summary |\n|---|---|---|\n",
    );
    for c in &q {
        index.push_str(&format!(
            "| [{0}]({0}.md) | {1} | {2} |\n",
            c.code, c.name, c.summary
        ));
    }
    out.extend(q.iter().map(|c| {
        (
            format!("{}.md", c.code),
            format!(
                "<!-- Generated from the doc comment on the code's constant in crates/sql; do not \
                 edit. -->\n\n# {} {}\n\n{}\n",
                c.code, c.name, c.doc
            ),
        )
    }));
    out.push(("README.md".into(), index));
    out
}
