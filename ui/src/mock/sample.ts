/** Designs the e2e build opens with: a small shop, and a generated 2,000-table design. */
import type { Column } from "../bindings/Column";
import type { Design } from "../bindings/Design";
import type { NodeLayout } from "../bindings/NodeLayout";
import type { Table } from "../bindings/Table";
import { emptyDesign } from "../model/empty";

export { emptyDesign };

const col = (name: string, type: string, extra: Partial<Column> = {}): Column => ({ id: name, name, type, ...extra });

/** A small shop: customers, orders, order items, products, and four access patterns. */
export function shopDesign(): Design {
  const d = emptyDesign("Shop");
  d.tables = [
    {
      id: "customers",
      name: "customers",
      columns: [col("id", "bigint", { identity: "always" }), col("email", "varchar(255)"), col("phone", "varchar(32)", { nullable: true })],
      primary_key: { columns: ["id"] },
      uniques: [{ id: "uq1", columns: ["email"] }],
    },
    {
      id: "orders",
      name: "orders",
      columns: [col("id", "bigint", { identity: "always" }), col("customer_id", "bigint"), col("placed_at", "timestamptz")],
      primary_key: { columns: ["id"] },
      foreign_keys: [{ id: "fk1", columns: ["customer_id"], references: "customers" }],
    },
    {
      id: "products",
      name: "products",
      columns: [col("id", "bigint"), col("name", "varchar(200)"), col("price", "decimal(12,2)")],
      primary_key: { columns: ["id"] },
      checks: [{ id: "ck1", expr: "price >= 0" }],
    },
    {
      id: "order_items",
      name: "order_items",
      columns: [col("order_id", "bigint"), col("product_id", "bigint"), col("quantity", "integer")],
      primary_key: { columns: ["order_id", "product_id"] },
      foreign_keys: [
        { id: "fk1", columns: ["order_id"], references: "orders", on_delete: "cascade" },
        { id: "fk2", columns: ["product_id"], references: "products" },
      ],
    },
  ];
  d.worksheet = {
    patterns: [
      {
        id: "GetCustomerByEmail",
        name: "GetCustomerByEmail",
        rate: { per_second: 120 },
        latency_ms: 20,
        consistency: "read_your_writes",
        statements: ["SELECT id, phone FROM customers WHERE email = $1"],
      },
      {
        id: "ListCustomerOrders",
        name: "ListCustomerOrders",
        rate: { per_second: 40 },
        statements: ["SELECT id, placed_at FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC LIMIT 20"],
      },
      { id: "OrderLines", name: "OrderLines", rate: { percent: 15 }, statements: ["SELECT product_id, quantity FROM order_items WHERE order_id = $1"] },
      { id: "FindCustomerByPhone", name: "FindCustomerByPhone", rate: { per_second: 2 }, statements: ["SELECT id FROM customers WHERE phone_number = $1"] },
    ],
  };
  d.layout = {
    tables: { customers: { x: 0, y: 0 }, orders: { x: 360, y: 0 }, order_items: { x: 720, y: 40 }, products: { x: 1080, y: 0 } },
    areas: [{ id: "sales", name: "Sales", color: "#2563eb", tables: ["orders", "order_items"] }],
  };
  return d;
}

/** `tables` tables (8 columns each) and `fks` foreign keys, placed on a grid. */
export function bigDesign(tables = 2000, fks = 2500): Design {
  const d = emptyDesign(`Generated ${tables} tables`);
  const layout: Record<string, NodeLayout> = {};
  const list: Table[] = [];
  for (let i = 0; i < tables; i++) {
    const id = `t${i}`;
    list.push({
      id,
      name: `table_${i}`,
      columns: [
        col("id", "bigint", { identity: "by_default" }),
        col("code", "varchar(40)"),
        col("title", "varchar(200)"),
        col("amount", "decimal(12,2)", { nullable: true }),
        col("created_at", "timestamptz"),
      ],
      primary_key: { columns: ["id"] },
      foreign_keys: [],
    });
    layout[id] = { x: (i % 50) * 320, y: Math.floor(i / 50) * 260 };
  }
  for (let k = 0; k < fks; k++) {
    const child = list[(k * 7 + 1) % tables];
    const parent = list[(k * 13 + 5) % tables];
    const name = `ref_${k}_id`;
    child.columns.push(col(name, "bigint", { nullable: k % 3 === 0 }));
    child.foreign_keys!.push({ id: `fk${k}`, columns: [name], references: parent.id });
  }
  d.tables = list;
  d.layout = { tables: layout };
  return d;
}
