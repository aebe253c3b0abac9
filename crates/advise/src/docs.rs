//! Rule documentation pages (`docs/rules/<CODE>.md`) and their index, generated from the rule
//! files' `//!` comments.

use crate::rules::RULES;

/// Every page as (file name, content): one per rule and `README.md` listing them.
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
    out.push(("README.md".into(), index));
    out
}
