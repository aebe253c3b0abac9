//! Golden outputs: the DDL of every example design and of the feature design, in every dialect.

mod ddl_support;

use schemata_model::DialectName;
use schemata_sql::ddl::{generate, generate_down};

#[test]
fn snapshots_of_every_design_in_every_dialect() {
    for (name, design) in ddl_support::all_designs() {
        for dialect in DialectName::ALL {
            let ddl = generate(&design, dialect);
            insta::assert_snapshot!(format!("{name}__{dialect}"), ddl.to_sql());
            let down = generate_down(&design, dialect);
            insta::assert_snapshot!(format!("{name}__{dialect}__down"), down.to_sql());
        }
    }
}
