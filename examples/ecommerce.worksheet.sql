-- Access patterns of the e-commerce example: what the storefront, checkout, warehouse and
-- back office run, with their rates. Read by `schemata advise --worksheet` and `schemata verify`.
-- The same patterns are embedded in ecommerce.schemata.json; a test checks that both agree.

-- name: GetCustomerByEmail :one
-- rate: 120/s
-- latency: 20ms
-- consistency: read-your-writes
SELECT id, full_name, marketing_opt_in FROM customers WHERE email = $1;

-- name: GetCustomer :one
-- rate: 200/s
SELECT id, email, full_name, phone FROM customers WHERE id = $1;

-- name: ListCustomerAddresses :many
-- rate: 40/s
SELECT id, kind, line1, city, postal_code, country FROM addresses WHERE customer_id = $1 LIMIT 20;

-- name: GetDefaultShippingAddress :one
-- rate: 25/s
SELECT id, line1, city, country FROM addresses
WHERE customer_id = $1 AND kind = 'shipping' AND is_default = true LIMIT 1;

-- name: GetProductBySku :one
-- rate: 300/s
-- latency: 10ms
SELECT id, name, price, is_active FROM products WHERE sku = $1;

-- name: ListCategoryProducts :many
-- rate: 150/s
SELECT id, name, price FROM products
WHERE category_id = $1 AND is_active = true ORDER BY created_at DESC LIMIT 48;

-- name: GetCategoryBySlug :one
-- rate: 80/s
SELECT id, name, parent_id FROM categories WHERE slug = $1;

-- name: GetStock :many
-- rate: 250/s
SELECT warehouse_id, quantity, reserved FROM inventory_levels WHERE product_id = $1;

-- name: ReserveStock :exec
-- rate: 30/s
-- consistency: strong
UPDATE inventory_levels SET reserved = reserved + $3, updated_at = now()
WHERE product_id = $1 AND warehouse_id = $2;

-- name: ListCustomerOrders :many
-- rate: 60/s
SELECT id, status, placed_at, total, currency FROM orders
WHERE customer_id = $1 ORDER BY placed_at DESC LIMIT 20;

-- name: GetOrder :one
-- rate: 90/s
SELECT id, customer_id, status, placed_at, total, currency FROM orders WHERE id = $1;

-- name: ListOrderItems :many
-- rate: 90/s
SELECT i.product_id, p.name, i.quantity, i.unit_price
FROM order_items i JOIN products p ON p.id = i.product_id
WHERE i.order_id = $1 LIMIT 200;

-- name: GetOrderPayments :many
-- rate: 30/s
SELECT id, method, status, amount, paid_at FROM payments WHERE order_id = $1 LIMIT 10;

-- name: PlaceOrder :exec
-- rate: 8/s
-- consistency: strong
-- comment: The shipping address must belong to the customer; each item's units move from reserved to sold.
SELECT id FROM addresses WHERE id = $2 AND customer_id = $1;
INSERT INTO orders (customer_id, shipping_address_id, status, placed_at, total, currency)
VALUES ($1, $2, 'pending', now(), $3, $4);
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
VALUES ($5, $6, $7, $8);
UPDATE inventory_levels SET quantity = quantity - $7, reserved = reserved - $7, updated_at = now()
WHERE product_id = $6 AND warehouse_id = $9;

-- name: CapturePayment :exec
-- rate: 8/s
-- consistency: strong
INSERT INTO payments (id, order_id, method, status, amount, provider_ref, created_at)
VALUES ($1, $2, 'card', 'authorized', $3, $4, now());
UPDATE orders SET status = 'paid' WHERE id = $2;

-- name: PaymentByProviderRef :one
-- rate: 10/s
SELECT id, order_id, status FROM payments WHERE provider_ref = $1;

-- name: PendingOrdersToShip :many
-- rate: 1/s
SELECT id, customer_id, placed_at FROM orders
WHERE status = 'pending' AND placed_at < $1 ORDER BY placed_at LIMIT 500;

-- name: ProductSalesSince :one
-- rate: 2/s
SELECT sum(quantity) FROM order_items i JOIN orders o ON o.id = i.order_id
WHERE i.product_id = $1 AND o.placed_at >= $2;

-- name: OrdersShippedTo :many
-- rate: 3/s
SELECT id, status, placed_at FROM orders WHERE shipping_address_id = $1 LIMIT 50;

-- name: CustomersSignedUpSince :many
-- rate: 1/min
SELECT id, email, created_at FROM customers WHERE created_at >= $1 ORDER BY created_at LIMIT 1000;
