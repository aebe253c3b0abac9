//! The analyzer on one statement per shape it records.

use schemata_model::{Design, load_str};

use super::*;

fn design() -> Design {
    let loaded = load_str(
        r#"{"format": 1, "tables": [
          {"name": "customers", "columns": [
            {"name": "id", "type": "bigint"}, {"name": "email", "type": "varchar(255)"},
            {"name": "full_name", "type": "text"}, {"name": "active", "type": "boolean"},
            {"name": "created_at", "type": "timestamptz"}],
           "primary_key": {"columns": ["id"]}},
          {"name": "orders", "schema": "shop", "columns": [
            {"name": "id", "type": "bigint"}, {"name": "customer_id", "type": "bigint"},
            {"name": "status", "type": "text"}, {"name": "placed_at", "type": "timestamptz"},
            {"name": "total", "type": "decimal(12,2)"}],
           "primary_key": {"columns": ["id"]}},
          {"name": "order_items", "columns": [
            {"name": "id", "type": "bigint"}, {"name": "order_id", "type": "bigint"},
            {"name": "product_id", "type": "bigint"}, {"name": "quantity", "type": "integer"}],
           "primary_key": {"columns": ["id"]}}
        ]}"#,
    );
    assert!(loaded.design.is_some(), "{:?}", loaded.diagnostics);
    loaded.design.unwrap_or_default()
}

fn one(sql: &str) -> StatementAnalysis {
    let d = design();
    let mut all = analyze(&d, sql).unwrap_or_else(|e| panic!("{sql}: {}", e.message));
    assert_eq!(all.len(), 1, "{sql}");
    all.remove(0)
}

fn table<'a>(a: &'a StatementAnalysis, id: &str) -> &'a TableAccess {
    a.tables
        .iter()
        .find(|t| t.table == id)
        .unwrap_or_else(|| panic!("no access to {id} in {a:?}"))
}

fn codes(a: &StatementAnalysis) -> Vec<&str> {
    a.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn param(label: &str) -> Operand {
    Operand::Param(label.to_string())
}

#[test]
fn select_kind_and_equality_with_dollar_parameter() {
    let a = one("SELECT id FROM customers WHERE email = $1");
    assert_eq!(a.kind, StatementKind::Select);
    let c = table(&a, "customers");
    assert_eq!(
        c.equality,
        [Equality {
            column: "email".into(),
            operand: param("$1")
        }]
    );
    assert!(a.diagnostics.is_empty());
}

#[test]
fn question_mark_parameters_are_numbered() {
    let a = one("SELECT id FROM orders WHERE customer_id = ? AND status = ?");
    let o = table(&a, "orders");
    assert_eq!(o.equality[0].operand, param("?1"));
    assert_eq!(o.equality[1].operand, param("?2"));
}

#[test]
fn colon_at_and_sqlc_named_parameters() {
    let a = one(
        "SELECT id FROM orders WHERE customer_id = :cust AND status = @st AND id = sqlc.arg(oid)",
    );
    let ops: Vec<&Operand> = table(&a, "orders")
        .equality
        .iter()
        .map(|e| &e.operand)
        .collect();
    assert_eq!(ops, [&param("cust"), &param("st"), &param("oid")]);
    assert_eq!(a.parameters, ["cust", "st", "oid"]);
}

#[test]
fn literal_operands_are_kept_as_written() {
    let a = one("SELECT id FROM orders WHERE status = 'paid'");
    assert_eq!(
        table(&a, "orders").equality[0].operand,
        Operand::Literal("'paid'".into())
    );
}

#[test]
fn reversed_comparison_binds_the_column() {
    let a = one("SELECT id FROM orders WHERE $1 = customer_id");
    assert_eq!(table(&a, "orders").equality_columns(), ["customer_id"]);
}

#[test]
fn aliases_resolve_qualified_columns() {
    let a = one("SELECT o.id FROM orders AS o WHERE o.customer_id = $1");
    let o = table(&a, "orders");
    assert_eq!(o.alias.as_deref(), Some("o"));
    assert_eq!(o.equality_columns(), ["customer_id"]);
    assert_eq!(o.projection, ["id"]);
}

#[test]
fn table_name_qualifies_columns_without_alias() {
    let a = one("SELECT orders.id FROM orders WHERE orders.status = 'x'");
    assert_eq!(table(&a, "orders").equality_columns(), ["status"]);
}

#[test]
fn schema_qualified_table_names() {
    let a = one("SELECT id FROM shop.orders WHERE id = $1");
    assert_eq!(table(&a, "orders").equality_columns(), ["id"]);
    assert!(a.diagnostics.is_empty());
}

#[test]
fn wrong_schema_is_an_unknown_table() {
    let a = one("SELECT 1 FROM billing.orders");
    assert_eq!(codes(&a), ["Q002"]);
}

#[test]
fn unknown_table_is_named() {
    let a = one("SELECT * FROM custmers WHERE id = 1");
    assert_eq!(codes(&a), ["Q002"]);
    assert!(a.diagnostics[0].message.contains("custmers"));
}

#[test]
fn unknown_column_is_named_with_its_table() {
    let a = one("SELECT id FROM customers WHERE emial = $1");
    assert_eq!(codes(&a), ["Q003"]);
    assert!(a.diagnostics[0].message.contains("emial"));
    assert!(a.diagnostics[0].message.contains("customers"));
}

#[test]
fn unknown_qualified_column() {
    let a = one("SELECT c.nope FROM customers c");
    assert_eq!(codes(&a), ["Q003"]);
}

#[test]
fn unknown_alias() {
    let a = one("SELECT x.id FROM customers c");
    assert_eq!(codes(&a), ["Q002"]);
}

#[test]
fn ambiguous_unqualified_column() {
    let a = one("SELECT id FROM orders o JOIN customers c ON c.id = o.customer_id");
    assert_eq!(codes(&a), ["Q004"]);
}

#[test]
fn in_list_records_its_length() {
    let a = one("SELECT id FROM orders WHERE status IN ('a', 'b', 'c')");
    assert_eq!(
        table(&a, "orders").in_lists,
        [InList {
            column: "status".into(),
            len: Some(3)
        }]
    );
}

#[test]
fn in_list_of_one_is_an_equality() {
    let a = one("SELECT id FROM orders WHERE status IN ($1)");
    let o = table(&a, "orders");
    assert!(o.in_lists.is_empty());
    assert_eq!(o.equality_columns(), ["status"]);
}

#[test]
fn in_subquery_is_analyzed_in_its_own_scope() {
    let a = one(
        "SELECT id FROM customers WHERE id IN (SELECT customer_id FROM orders WHERE status = $1)",
    );
    assert_eq!(table(&a, "customers").in_lists[0].len, None);
    assert_eq!(table(&a, "orders").equality_columns(), ["status"]);
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
}

#[test]
fn range_operators_and_between() {
    let a = one(
        "SELECT id FROM orders WHERE placed_at >= $1 AND placed_at < $2 AND total BETWEEN 1 AND 9",
    );
    assert_eq!(table(&a, "orders").ranges, ["placed_at", "total"]);
    let bound: Vec<&Operand> = table(&a, "orders")
        .bounds
        .iter()
        .map(|b| &b.operand)
        .collect();
    assert_eq!(bound[..2], [&param("$1"), &param("$2")]);
    assert_eq!(bound.len(), 4);
}

#[test]
fn like_prefix() {
    let a = one("SELECT id FROM customers WHERE email LIKE 'ann%'");
    assert_eq!(table(&a, "customers").likes[0].kind, LikeKind::Prefix);
}

#[test]
fn like_leading_wildcard() {
    let a = one("SELECT id FROM customers WHERE full_name LIKE '%smith%'");
    assert_eq!(
        table(&a, "customers").likes[0].kind,
        LikeKind::LeadingWildcard
    );
}

#[test]
fn like_with_concatenated_leading_wildcard() {
    let a = one("SELECT id FROM customers WHERE full_name LIKE '%' || $1");
    assert_eq!(
        table(&a, "customers").likes[0].kind,
        LikeKind::LeadingWildcard
    );
}

#[test]
fn ilike_with_parameter_is_unknown_and_case_insensitive() {
    let a = one("SELECT id FROM customers WHERE email ILIKE $1");
    let l = &table(&a, "customers").likes[0];
    assert_eq!(l.kind, LikeKind::Unknown);
    assert!(l.case_insensitive);
}

#[test]
fn join_on_records_join_columns_and_edge() {
    let a = one(
        "SELECT c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = $1",
    );
    assert_eq!(a.joins.len(), 1);
    assert_eq!(table(&a, "customers").join_columns, ["id"]);
    assert_eq!(table(&a, "orders").join_columns, ["customer_id"]);
    assert_eq!(table(&a, "orders").equality_columns(), ["id"]);
}

#[test]
fn join_using() {
    let a = one("SELECT 1 FROM orders o JOIN order_items i USING (id)");
    assert_eq!(a.joins.len(), 1);
}

#[test]
fn implicit_join_in_where() {
    let a = one(
        "SELECT i.quantity FROM orders o, order_items i WHERE i.order_id = o.id AND o.customer_id = $1",
    );
    assert_eq!(table(&a, "order_items").join_columns, ["order_id"]);
    assert_eq!(table(&a, "orders").equality_columns(), ["customer_id"]);
}

#[test]
fn left_join_three_tables() {
    let a = one("SELECT c.email, i.quantity FROM customers c \
         LEFT JOIN orders o ON o.customer_id = c.id \
         LEFT JOIN order_items i ON i.order_id = o.id WHERE c.id = $1");
    assert_eq!(a.tables.len(), 3);
    assert_eq!(a.joins.len(), 2);
}

#[test]
fn self_join_keeps_two_occurrences() {
    let a = one("SELECT a.id FROM orders a JOIN orders b ON a.customer_id = b.customer_id");
    assert_eq!(a.tables.len(), 2);
    assert_eq!(a.joins.len(), 1);
}

#[test]
fn order_by_with_direction() {
    let a = one("SELECT id FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC, id");
    assert_eq!(
        table(&a, "orders").order_by,
        [
            SortKey {
                column: "placed_at".into(),
                descending: true
            },
            SortKey {
                column: "id".into(),
                descending: false
            }
        ]
    );
}

#[test]
fn order_by_output_alias_is_not_a_column() {
    let a = one("SELECT count(*) AS n, status FROM orders GROUP BY status ORDER BY n");
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert!(table(&a, "orders").order_by.is_empty());
}

#[test]
fn group_by_columns() {
    let a = one("SELECT status, count(*) FROM orders GROUP BY status");
    assert_eq!(table(&a, "orders").group_by, ["status"]);
    assert!(!a.aggregate_only);
}

#[test]
fn aggregate_only_projection() {
    let a = one("SELECT count(*), max(total) FROM orders WHERE customer_id = $1");
    assert!(a.aggregate_only);
    assert_eq!(table(&a, "orders").projection, ["total"]);
}

#[test]
fn projection_columns_include_those_inside_expressions() {
    let a = one("SELECT id, upper(email) AS e FROM customers");
    assert_eq!(table(&a, "customers").projection, ["id", "email"]);
}

#[test]
fn select_star_marks_every_table() {
    let a = one("SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id");
    assert!(a.select_star);
    assert!(a.tables.iter().all(|t| t.star));
}

#[test]
fn qualified_star_marks_one_table() {
    let a = one("SELECT o.* FROM orders o JOIN customers c ON c.id = o.customer_id");
    assert!(a.select_star);
    assert!(table(&a, "orders").star);
    assert!(!table(&a, "customers").star);
}

#[test]
fn limit_and_fetch() {
    assert!(one("SELECT id FROM orders LIMIT 10").limited);
    assert!(one("SELECT id FROM orders FETCH FIRST 5 ROWS ONLY").limited);
    assert!(!one("SELECT id FROM orders").limited);
    assert!(
        !one("SELECT id FROM orders WHERE id IN (SELECT order_id FROM order_items LIMIT 1)")
            .limited
    );
}

#[test]
fn function_around_a_column_in_where() {
    let a = one("SELECT id FROM customers WHERE lower(email) = $1");
    let c = table(&a, "customers");
    assert_eq!(
        c.wrapped,
        [Wrapped {
            column: "email".into(),
            function: "lower".into()
        }]
    );
    assert!(c.equality.is_empty());
}

#[test]
fn cast_around_a_column() {
    let a = one("SELECT id FROM orders WHERE placed_at::date = $1");
    assert_eq!(table(&a, "orders").wrapped[0].function, "cast");
}

#[test]
fn function_around_a_range_column() {
    let a = one("SELECT id FROM orders WHERE date_trunc('day', placed_at) > $1");
    assert_eq!(table(&a, "orders").wrapped[0].function, "date_trunc");
}

#[test]
fn number_literal_against_text_column() {
    let a = one("SELECT id FROM orders WHERE status = 42");
    let m = &table(&a, "orders").type_mismatches;
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].value_type, "number");
}

#[test]
fn string_literal_against_integer_column() {
    let a = one("SELECT id FROM orders WHERE customer_id = 'abc'");
    assert_eq!(table(&a, "orders").type_mismatches[0].value_type, "string");
}

#[test]
fn quoted_number_against_integer_column_is_fine() {
    let a = one("SELECT id FROM orders WHERE customer_id = '42'");
    assert!(table(&a, "orders").type_mismatches.is_empty());
}

#[test]
fn cast_parameter_of_another_type() {
    let a = one("SELECT id FROM orders WHERE customer_id = $1::text");
    assert_eq!(table(&a, "orders").type_mismatches[0].value_type, "string");
}

#[test]
fn insert_columns_and_target() {
    let a = one("INSERT INTO orders (customer_id, status) VALUES ($1, 'new') RETURNING id");
    assert_eq!(a.kind, StatementKind::Insert);
    let o = table(&a, "orders");
    assert!(o.target);
    assert_eq!(o.written, ["customer_id", "status"]);
    assert_eq!(o.projection, ["id"]);
}

#[test]
fn insert_unknown_column() {
    let a = one("INSERT INTO orders (customer, status) VALUES ($1, 'new')");
    assert_eq!(codes(&a), ["Q003"]);
}

#[test]
fn insert_select_reads_the_source() {
    let a = one("INSERT INTO order_items (order_id) SELECT id FROM orders WHERE status = $1");
    assert_eq!(a.tables.len(), 2);
    assert_eq!(table(&a, "orders").equality_columns(), ["status"]);
}

#[test]
fn update_set_and_where() {
    let a = one("UPDATE orders SET status = $2 WHERE id = $1");
    assert_eq!(a.kind, StatementKind::Update);
    let o = table(&a, "orders");
    assert!(o.target);
    assert_eq!(o.written, ["status"]);
    assert_eq!(o.equality_columns(), ["id"]);
}

#[test]
fn update_from_joins_another_table() {
    let a = one(
        "UPDATE orders o SET status = 'x' FROM customers c WHERE c.id = o.customer_id AND c.email = $1",
    );
    assert_eq!(a.joins.len(), 1);
    assert_eq!(table(&a, "customers").equality_columns(), ["email"]);
}

#[test]
fn delete_with_where() {
    let a = one("DELETE FROM order_items WHERE order_id = $1");
    assert_eq!(a.kind, StatementKind::Delete);
    assert!(table(&a, "order_items").target);
    assert_eq!(table(&a, "order_items").equality_columns(), ["order_id"]);
}

#[test]
fn cte_names_are_sources_not_tables() {
    let a = one(
        "WITH recent AS (SELECT id, customer_id FROM orders WHERE placed_at > $1) \
         SELECT r.id, anything FROM recent r WHERE r.customer_id = $2",
    );
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert_eq!(table(&a, "orders").ranges, ["placed_at"]);
}

#[test]
fn derived_table_is_analyzed() {
    let a = one("SELECT t.n FROM (SELECT count(*) AS n FROM orders WHERE status = $1) t");
    assert_eq!(table(&a, "orders").equality_columns(), ["status"]);
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
}

#[test]
fn correlated_subquery_resolves_outer_columns() {
    let a = one("SELECT c.id FROM customers c WHERE EXISTS \
         (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'open')");
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert_eq!(a.joins.len(), 1);
}

#[test]
fn union_branches_are_both_analyzed() {
    let a = one(
        "SELECT id FROM orders WHERE status = $1 UNION ALL SELECT id FROM customers WHERE email = $2",
    );
    assert_eq!(a.tables.len(), 2);
}

#[test]
fn or_conditions_bind_nothing() {
    let a = one("SELECT id FROM orders WHERE status = $1 OR customer_id = $2");
    assert!(table(&a, "orders").equality.is_empty());
    assert!(!table(&a, "orders").is_filtered());
}

#[test]
fn not_equal_binds_nothing() {
    let a = one("SELECT id FROM orders WHERE status <> $1");
    assert!(!table(&a, "orders").is_filtered());
}

#[test]
fn several_statements_are_analyzed_in_order() {
    let d = design();
    let all = analyze(
        &d,
        "INSERT INTO orders (customer_id) VALUES ($1); UPDATE customers SET active = true WHERE id = $1",
    )
    .unwrap_or_default();
    let kinds: Vec<StatementKind> = all.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [StatementKind::Insert, StatementKind::Update]);
}

#[test]
fn parse_errors_are_one_diagnostic() {
    let d = design();
    let err = analyze(&d, "SELEC id FROM orders").err();
    assert_eq!(err.map(|e| e.code), Some(PARSE_ERROR.to_string()));
}

#[test]
fn names_are_case_insensitive() {
    let a = one("SELECT ID FROM Customers WHERE EMAIL = $1");
    assert!(a.diagnostics.is_empty());
    assert_eq!(table(&a, "customers").equality_columns(), ["email"]);
}

#[test]
fn other_statements_are_other() {
    assert_eq!(one("VACUUM").kind, StatementKind::Other);
}
