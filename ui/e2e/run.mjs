// Browser tests of the e2e build (IPC answered by src/ipc-mock.ts) in headless Chromium.
// Run after `vite build --mode e2e`. Exits non-zero on the first failed check.
import assert from "node:assert/strict";
import { shot, start } from "./harness.mjs";

const { url, browser, close } = await start();
const results = [];

async function test(name, fn) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const t0 = Date.now();
  try {
    await fn(page);
    assert.deepEqual(errors, [], "no uncaught errors in the page");
    results.push([name, "ok", Date.now() - t0]);
  } catch (e) {
    results.push([name, "FAILED", Date.now() - t0]);
    await shot(page, `failed-${name.replace(/\W+/g, "-")}`).catch(() => undefined);
    console.error(`✗ ${name}\n${e?.stack ?? e}`);
    process.exitCode = 1;
  } finally {
    await page.close();
  }
}

const tables = (page) => page.locator(".react-flow__node-table");
const ddl = (page) => page.getByTestId("ddl");

/** Adds a table with the toolbar and names it in the inspector. */
async function addTable(page, name) {
  const count = () => page.evaluate(() => Number(/(\d+) tables/.exec(document.querySelector(".doc-name")?.textContent ?? "")?.[1]));
  const before = await count();
  await page.getByRole("button", { name: "+ Table" }).click();
  await page.waitForFunction((n) => document.querySelector(".doc-name")?.textContent?.includes(`${n + 1} tables`), before);
  const field = page.locator("#table-name");
  await page.waitForFunction(() => document.querySelector("#table-name")?.value.startsWith("new_table"));
  await field.fill(name);
  await field.press("Enter");
  await page.locator(`.react-flow__node-table:has-text("${name}")`).waitFor();
}

/** Drags from a column's right-hand dot onto another table's box. */
async function drawFk(page, fromTable, fromColumn, toTable) {
  const from = page.locator(`.react-flow__node[data-id="${fromTable}"] .react-flow__handle[data-handleid="r:${fromColumn}"]`);
  const to = page.locator(`.react-flow__node[data-id="${toTable}"]`);
  await page.locator(`.react-flow__node[data-id="${fromTable}"]`).hover();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  assert.ok(a && b, "handle and target table are on screen");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

await test("create two tables, draw an FK, see it in the DDL, undo, redo", async (page) => {
  await page.goto(url);
  await tables(page).first().waitFor();
  assert.equal(await tables(page).count(), 4);
  await page.waitForFunction(() => document.title === "Untitled — Schemata");
  await shot(page, "01-start");

  await addTable(page, "authors");
  await addTable(page, "books");
  await page.locator(".doc-name", { hasText: "6 tables" }).waitFor();
  await page.waitForFunction(() => document.title === "Untitled • — Schemata");
  const edgesBefore = await page.locator(".react-flow__edge").count();

  await drawFk(page, "new_tables", "id", "new_tables_2");
  await ddl(page).filter({ hasText: "author_id bigint NOT NULL" }).waitFor({ timeout: 5000 });
  const text = await ddl(page).innerText();
  assert.match(text, /CREATE TABLE books \([^;]*author_id bigint NOT NULL[^;]*REFERENCES authors \(id\)/s);
  assert.equal(await page.locator(".react-flow__edge").count(), edgesBefore + 1);
  // The new FK column shows its FK marker and is selected in the inspector.
  await page.locator('.react-flow__node[data-id="new_tables_2"] .row[data-column="author_id"] .mk.fk').waitFor();
  assert.equal(await page.locator("#column-name").inputValue(), "author_id");
  await shot(page, "02-fk-drawn");

  await page.locator(".react-flow__pane").click({ position: { x: 30, y: 30 } });
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => !document.querySelector('[data-testid="ddl"]')?.textContent?.includes("author_id"));
  assert.equal(await page.locator(".react-flow__edge").count(), edgesBefore);
  await shot(page, "03-undone");

  await page.keyboard.press("Control+Shift+z");
  await ddl(page).filter({ hasText: "REFERENCES authors (id)" }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator(".react-flow__edge").count(), edgesBefore + 1);
  await shot(page, "04-redone");
});

await test("keyboard: add table, add column, rename, search, help, delete", async (page) => {
  await page.goto(url);
  await tables(page).first().waitFor();
  await page.locator(".react-flow__pane").click({ position: { x: 30, y: 30 } });
  await page.keyboard.press("t");
  await page.locator("#table-name").waitFor();
  await page.keyboard.type("invoices");
  await page.keyboard.press("Enter");
  await page.locator("#table-name").blur();
  await page.keyboard.press("c");
  await page.locator("#column-name").waitFor();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("total");
  await page.keyboard.press("Enter");
  await page.locator('.react-flow__node-table:has-text("invoices") .row:has-text("total")').waitFor();
  await page.locator("#column-name").blur();

  await page.keyboard.press("Control+f");
  await page.keyboard.type("customer_id");
  await page.keyboard.press("Enter");
  await page.locator('.react-flow__node[data-id="orders"].selected').waitFor();
  assert.equal(await page.locator("#column-name").inputValue(), "customer_id");

  await page.keyboard.press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  await shot(page, "05-help");
  await page.getByRole("button", { name: "Close" }).click();

  await page.locator(".react-flow__pane").click({ position: { x: 30, y: 30 } });
  await page.keyboard.press("f");
  await page.locator('.react-flow__node[data-id="products"] .tname').click();
  await page.keyboard.press("Delete");
  await page.waitForFunction(() => !document.querySelector('.react-flow__node[data-id="products"]'));
  await page.waitForFunction(() => !document.querySelector('[data-testid="ddl"]')?.textContent?.includes("CREATE TABLE products"));
});

await test("diagnostics are listed and select what they concern", async (page) => {
  await page.goto(url);
  await tables(page).first().waitFor();
  await page.locator('.react-flow__node[data-id="customers"]').click();
  await page.locator(".inspector").getByRole("button", { name: "phone" }).click();
  await page.locator("#column-name").fill("Phone");
  await page.locator("#column-name").press("Enter");
  await page.getByRole("button", { name: /Problems \(1\)/ }).click();
  await page.locator(".row.diag-warning").waitFor();
  await page.locator(".react-flow__pane").click({ position: { x: 30, y: 30 } });
  await page.getByTestId("problems").getByRole("button").first().click();
  await page.locator('.react-flow__node[data-id="customers"].selected').waitFor();
  await shot(page, "06-problems");
});

await test("worksheet, score and recommended indexes: apply as one step, undo", async (page) => {
  await page.goto(url);
  // The app starts on the e-commerce example (the mock's shop).
  await tables(page).first().waitFor();
  await page.getByRole("button", { name: /^Worksheet \(4\)$/ }).click();
  const rows = page.getByTestId("worksheet").locator("tr.pattern");
  await rows.first().waitFor();
  assert.equal(await rows.count(), 4);
  assert.deepEqual(await page.getByLabel("pattern name").evaluateAll((els) => els.map((e) => e.value)), [
    "GetCustomerByEmail",
    "ListCustomerOrders",
    "OrderLines",
    "FindCustomerByPhone",
  ]);
  assert.equal(await page.getByLabel("rate").nth(2).inputValue(), "15%");
  assert.ok((await page.locator(".sql-keyword").count()) >= 8, "SQL keywords are highlighted");
  // The unknown column is shown on its pattern's row.
  await page.locator('tr.pattern.has-error[data-pattern="FindCustomerByPhone"]', { hasText: "Q003" }).waitFor();
  // A rate that cannot be read is shown, not stored.
  await page.getByLabel("rate").first().fill("often");
  await page.getByLabel("rate").first().press("Enter");
  await page.locator(".field-error", { hasText: "cannot read the rate" }).waitFor();
  await page.getByLabel("rate").first().fill("2/min");
  await page.getByLabel("rate").first().press("Enter");
  await page.waitForFunction(() => !document.querySelector(".field-error"));
  await shot(page, "10-worksheet");

  await page.getByRole("button", { name: /^Score & indexes/ }).click();
  const recommended = page.getByTestId("recommended");
  await recommended.filter({ hasText: "ix_orders_customer_id" }).waitFor();
  assert.match(await recommended.innerText(), /serves ListCustomerOrders/);
  const score = Number(await page.getByTestId("score-total").innerText());
  assert.ok(score > 0 && score < 100, `score ${score}`);
  await page.locator(".lost", { hasText: "ListCustomerOrders" }).waitFor();
  await recommended.getByRole("button").first().click();
  await page.locator('.react-flow__node[data-id="orders"].selected').waitFor();
  assert.equal(await page.getByLabel("index parts").count(), 0);
  await page.getByRole("button", { name: "Apply recommended indexes" }).click();
  await page.getByLabel("index parts").waitFor();
  assert.equal(await page.getByLabel("index parts").inputValue(), "customer_id");
  await page.getByText("No index to add").waitFor();
  await shot(page, "11-indexes-applied");
  await page.getByRole("button", { name: "DDL", exact: true }).click();
  await ddl(page).filter({ hasText: "CREATE INDEX ix_orders_customer_id ON orders (customer_id);" }).waitFor();

  await page.getByRole("button", { name: "Undo" }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="ddl"]')?.textContent?.includes("CREATE INDEX"));
  assert.equal(await page.getByLabel("index parts").count(), 0);
  await page.getByRole("button", { name: /^Score & indexes/ }).click();
  await recommended.filter({ hasText: "ix_orders_customer_id" }).waitFor();
  // A point lost to a pattern's problem leads to that pattern in the worksheet.
  await page.locator(".lost", { hasText: "Q003" }).click();
  await page.locator('tr.pattern.focused[data-pattern="FindCustomerByPhone"]').waitFor();
  await shot(page, "12-undone");
});

await test("shard plan: headline, families, REF badge and shard key on the diagram, verdicts in the worksheet", async (page) => {
  await page.goto(url);
  await tables(page).first().waitFor();
  assert.equal(await page.locator(".shard-ref").count(), 0, "no plan on the diagram before the tab is opened");
  await page.getByRole("button", { name: /^Sharding/ }).click();
  await page.getByTestId("shard-headline").filter({ hasText: "31.1% of the rate-weighted worksheet runs on one shard" }).waitFor();
  await page.getByRole("button", { name: "Sharding (31.1%)" }).waitFor();
  assert.match(await page.getByTestId("shard-families").innerText(), /customers\.id[\s\S]*customers, orders/);
  assert.match(await page.getByTestId("shard-patterns").innerText(), /GetCustomerByEmail[\s\S]*all shards/);
  assert.match(await page.getByTestId("shard-alternatives").innerText(), /each table by its primary key/);
  assert.match(await page.getByTestId("shard-ddl").innerText(), /create_distributed_table\('orders', 'customer_id', colocate_with => 'customers'\)/);
  // On the diagram: a REF badge on the reference table, the shard key on the distribution column.
  await page.locator('.react-flow__node[data-id="products"] .shard-ref', { hasText: "REF" }).waitFor();
  await page.locator('.react-flow__node[data-id="orders"] .row[data-column="customer_id"] .shard-key').waitFor();
  assert.equal(await page.locator('.react-flow__node[data-id="orders"] .row[data-column="id"] .shard-key').count(), 0);
  await shot(page, "13-shard-plan");

  // Planning for sharding is one undoable edit of the settings.
  const planned = page.getByLabel("Plan for sharding in this design");
  await planned.check();
  await page.waitForFunction(() => document.title.includes("•"));
  await page.getByRole("button", { name: "Undo" }).click();
  await page.waitForFunction(() => !document.querySelector(".shard-panel .check input")?.checked);

  // Vitess: the plan comes with a VSchema.
  await page.getByLabel("engine").selectOption("vitess");
  await page.getByTestId("shard-ddl").filter({ hasText: '"sharded": true' }).waitFor();
  // A diagnostic selects what it concerns.
  await page.getByTestId("shard-diagnostics").getByRole("button", { name: /S001/ }).click();
  await page.locator('.react-flow__node[data-id="orders"].selected').waitFor();

  await page.getByRole("button", { name: /^Worksheet \(4\)$/ }).click();
  const cell = (id) => page.locator(`tr.pattern[data-pattern="${id}"] [data-testid="shard-verdict"]`);
  await cell("ListCustomerOrders").filter({ hasText: "1 shard" }).waitFor();
  assert.equal(await cell("GetCustomerByEmail").locator(".verdict").innerText(), "all shards");
  assert.match(await cell("GetCustomerByEmail").locator(".verdict").getAttribute("title"), /no equality on customers\.id/);
  await cell("GetCustomerByEmail").hover();
  await cell("GetCustomerByEmail").locator(".verdict-pop", { hasText: "Statement 1: several shards" }).waitFor();
  await shot(page, "14-shard-worksheet");
  // Away from the tab the diagram drops the plan, unless it is asked to keep it.
  await page.waitForFunction(() => document.querySelectorAll(".shard-ref").length === 0);
  await page.getByRole("button", { name: /^Sharding/ }).click();
  await page.getByLabel("Show shard plan").check();
  await page.getByRole("button", { name: "DDL", exact: true }).click();
  await page.locator('.react-flow__node[data-id="orders"] .row[data-column="customer_id"] .shard-key').waitFor();
});

await test("rename in place on the diagram: double-click, F2, Enter; Escape cancels; one undo step each", async (page) => {
  await page.goto(url);
  await tables(page).first().waitFor();
  const node = (id) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const inline = page.locator(".inline-name");

  // Double-click the title: the name is selected in an input; Enter commits.
  await node("customers").locator(".tname").dblclick();
  await inline.waitFor();
  assert.equal(await inline.evaluate((el) => el === document.activeElement && el.selectionEnd - el.selectionStart), "customers".length);
  await page.keyboard.type("clients");
  await page.keyboard.press("Enter");
  await node("customers").locator(".tname", { hasText: "clients" }).waitFor();
  assert.equal(await inline.count(), 0);
  // The same edit as the inspector's: references follow, the inspector shows the new name.
  await ddl(page).filter({ hasText: "REFERENCES clients (id)" }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator("#table-name").inputValue(), "clients");
  await shot(page, "15-renamed-in-place");

  // A column: double-click its name.
  await node("customers").locator('.row[data-column="email"] .cname').dblclick();
  await inline.waitFor();
  await page.keyboard.type("email_address");
  await page.keyboard.press("Enter");
  await node("customers").locator('.row[data-column="email"] .cname', { hasText: "email_address" }).waitFor();
  await ddl(page).filter({ hasText: "email_address varchar(255) NOT NULL" }).waitFor({ timeout: 5000 });

  // Escape cancels and records nothing.
  await node("orders").locator(".tname").dblclick();
  await inline.waitFor();
  await page.keyboard.type("zzz");
  await page.keyboard.press("Escape");
  await inline.waitFor({ state: "detached" });
  assert.equal(await node("orders").locator(".tname").innerText(), "orders");

  // Each rename is one undo step: the column first, then the table.
  await page.locator(".react-flow__pane").click({ position: { x: 30, y: 30 } });
  await page.keyboard.press("Control+z");
  await node("customers").locator('.row[data-column="email"] .cname', { hasText: /^email$/ }).waitFor();
  assert.equal(await node("customers").locator(".tname").innerText(), "clients");
  await page.keyboard.press("Control+z");
  await node("customers").locator(".tname", { hasText: "customers" }).waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="ddl"]')?.textContent?.includes("clients"));

  // F2 on a selected table, Enter on a selected table (selected by its title, not a column).
  await node("products").locator(".thead").click();
  await page.keyboard.press("F2");
  await inline.waitFor();
  await page.keyboard.type("items");
  await page.keyboard.press("Enter");
  await node("products").locator(".tname", { hasText: "items" }).waitFor();
  await node("orders").locator(".thead").click();
  await page.keyboard.press("Enter");
  await inline.waitFor();
  await page.keyboard.type("purchases");
  await page.keyboard.press("Enter");
  await node("orders").locator(".tname", { hasText: "purchases" }).waitFor();
  await ddl(page).filter({ hasText: "CREATE TABLE purchases" }).waitFor({ timeout: 5000 });
});

await test("drag a table: it follows the pointer, the layout is written once, one undo step", async (page) => {
  await page.goto(url);
  await tables(page).first().waitFor();
  const node = page.locator('.react-flow__node[data-id="products"]');
  const undo = page.getByRole("button", { name: "Undo" });
  const before = await node.evaluate((el) => el.style.transform);
  const box = await node.locator(".thead").boundingBox();
  await page.mouse.move(box.x + 30, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + 60, { steps: 10 });
  // Mid-drag the box has moved but the document is untouched: nothing to undo yet.
  assert.notEqual(await node.evaluate((el) => el.style.transform), before);
  assert.equal(await undo.isDisabled(), true);
  await page.mouse.up();
  await page.waitForFunction(() => document.title.includes("•"));
  await undo.click();
  await page.waitForFunction((b) => document.querySelector('.react-flow__node[data-id="products"]')?.style.transform === b, before);
  assert.equal(await undo.isDisabled(), true, "the whole drag was one step");
});

await test("restore offer after a crash", async (page) => {
  await page.goto(`${url}?recovered=1`);
  await page.getByTestId("restore").waitFor();
  await shot(page, "07-restore-offer");
  await page.getByRole("button", { name: "Restore" }).click();
  await page.locator(".doc-name", { hasText: "Recovered work" }).waitFor();
  await page.waitForFunction(() => document.title.includes("•"));
});

await test("save goes through the dialog and save_design; autosave runs while dirty", async (page) => {
  await page.goto(url);
  await tables(page).first().waitFor();
  await addTable(page, "audit_log");
  await page.keyboard.press("Control+s");
  await page.waitForFunction(() => document.title === "e2e-output — Schemata");
  const saved = await page.evaluate(() => JSON.parse(window.__mock.files["/tmp/e2e-output"]));
  assert.ok(saved.tables.some((t) => t.name === "audit_log"));
  assert.ok(saved.layout.tables[saved.tables.at(-1).id], "position saved in layout by id");
  await addTable(page, "audit_log_2");
  await page.waitForFunction(() => window.__mock.autosaves > 0, null, { timeout: 8000 });
});

await test("a 2,000-table design loads and renders only what is visible", async (page) => {
  const t0 = Date.now();
  await page.goto(`${url}?design=big`);
  await page.locator(".doc-name", { hasText: "2000 tables" }).waitFor({ timeout: 20000 });
  await tables(page).first().waitFor();
  const loaded = Date.now() - t0;
  const atStart = await tables(page).count();
  assert.ok(atStart > 0 && atStart < 200, `only the visible tables are mounted (${atStart})`);
  await shot(page, "08-big-open");
  // The overview map covers every table; a click near its far corner brings the last table in.
  await page.getByTestId("overview-map").click({ position: { x: 188, y: 130 } });
  await page.locator('.react-flow__node[data-id="t1999"]').waitFor({ timeout: 10000 });
  assert.equal(await page.locator('.react-flow__node[data-id="t0"]').count(), 0, "the first table is out of view");
  await page.locator(".react-flow__pane").click({ position: { x: 30, y: 30 } });
  await page.keyboard.press("f");
  // Nodes mount and switch to the name-only form over a few frames: wait until every mounted
  // node has switched.
  await page.waitForFunction(() => {
    const simple = document.querySelectorAll(".tnode.simple").length;
    return simple > 1000 && simple === document.querySelectorAll(".react-flow__node-table").length;
  }, null, { timeout: 20000 });
  // Fitted, every table is visible: each is drawn as its name only (counted at one moment).
  const [rendered, simple, rows] = await page.evaluate(() => [
    document.querySelectorAll(".react-flow__node-table").length,
    document.querySelectorAll(".tnode.simple").length,
    document.querySelectorAll(".tnode .row").length,
  ]);
  assert.equal(simple, rendered);
  assert.equal(rows, 0);
  await shot(page, "08-big-fit");
  await page.getByRole("button", { name: "Search" }).click();
  await page.keyboard.type("table_1234");
  await page.keyboard.press("Enter");
  await page.locator('.react-flow__node[data-id="t1234"].selected').waitFor();
  await page.waitForTimeout(400);
  await shot(page, "09-big-zoomed");
  const near = await tables(page).count();
  assert.ok(near > 0 && near < 200, `zoomed in, only the visible tables are in the DOM (${near})`);
  assert.ok((await page.locator('.react-flow__node[data-id="t1234"] .row').count()) >= 5, "zoomed in, columns are drawn");
  await page.waitForFunction(() => document.querySelectorAll(".react-flow__edge").length > 0);

  // Export draws the whole diagram from the design, not just the few tables mounted now.
  const exported = () => page.evaluate(() => window.__mock.files["/tmp/e2e-output"] ?? "");
  await page.getByLabel("export").selectOption("exportSvg");
  await page.waitForFunction(() => window.__mock.files["/tmp/e2e-output"]?.startsWith("<svg"), null, { timeout: 20000 });
  const svg = await exported();
  assert.equal(svg.split('<g class="table"').length - 1, 2000, "every table is in the SVG");
  assert.equal(svg.split('<g class="rel"').length - 1, 2500, "every relationship is in the SVG");
  await page.getByLabel("export").selectOption("exportPng");
  await page.waitForFunction(() => window.__mock.files["/tmp/e2e-output"]?.startsWith("base64:"), null, { timeout: 60000 });
  const [, length, head] = (await exported()).split(":");
  assert.ok(head.startsWith("iVBORw0KGgo"), `a PNG (${head})`);
  assert.ok(Number(length) > 100000, `the PNG has the whole diagram (${length} base64 characters)`);
  console.log(`  2,000 tables: interactive after ${loaded} ms; ${atStart} tables mounted at open, ${rendered} at fit (name only), ${near} zoomed in`);
});

await close();
for (const [name, status, ms] of results) console.log(`${status === "ok" ? "✓" : "✗"} ${name} (${ms} ms)`);
const failed = results.filter((r) => r[1] !== "ok").length;
console.log(`browser tests: ${results.length - failed} passed, ${failed} failed`);
