-- Migration 0001_init of schema store, sqlite. Written by `loomgen migrate new`: review it and
-- edit it if needed before it is applied anywhere; once applied, leave it unchanged (its checksum is checked).
-- The Loom migrator runs it in one transaction with foreign keys off, then runs PRAGMA foreign_key_check.

CREATE TABLE "users" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "full_name" VARCHAR(120) NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "created_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    "updated_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT "users_email_key" UNIQUE ("email"),
    CONSTRAINT "users_full_name_not_blank" CHECK (trim("full_name") <> '')
);

CREATE TABLE "addresses" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "label" VARCHAR(80) NOT NULL,
    "street" VARCHAR(255) NOT NULL,
    "city" VARCHAR(120) NOT NULL,
    "country" VARCHAR(120) NOT NULL,
    "zip_code" VARCHAR(20) NOT NULL
);
CREATE INDEX "addresses_user_id_idx" ON "addresses" ("user_id");

CREATE TABLE "orders" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "address_id" INTEGER NOT NULL REFERENCES "addresses" ("id") ON DELETE RESTRICT,
    "status" TEXT NOT NULL DEFAULT 'created',
    "payment_method" VARCHAR(60) NOT NULL DEFAULT 'card',
    "created_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    "updated_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT "orders_status_enum" CHECK ("status" IN ('created', 'paid', 'cancelled', 'shipped'))
);
CREATE INDEX "orders_user_id_idx" ON "orders" ("user_id");
CREATE INDEX "orders_address_id_idx" ON "orders" ("address_id");

CREATE TABLE "products" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "sku" VARCHAR(64) NOT NULL,
    "name" VARCHAR(150) NOT NULL,
    "category" VARCHAR(120) NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    "updated_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT "products_sku_key" UNIQUE ("sku"),
    CONSTRAINT "products_name_not_blank" CHECK (trim("name") <> ''),
    CONSTRAINT "products_price_cents_range" CHECK ("price_cents" >= 0),
    CONSTRAINT "products_stock_range" CHECK ("stock" >= 0)
);
CREATE INDEX "products_category_idx" ON "products" ("category");

CREATE TABLE "order_items" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "order_id" INTEGER NOT NULL REFERENCES "orders" ("id") ON DELETE CASCADE,
    "product_id" INTEGER NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    "quantity" INTEGER NOT NULL,
    "unit_price_cents" INTEGER NOT NULL,
    CONSTRAINT "order_items_quantity_range" CHECK ("quantity" >= 1),
    CONSTRAINT "order_items_unit_price_cents_range" CHECK ("unit_price_cents" >= 0)
);
CREATE INDEX "order_items_order_id_idx" ON "order_items" ("order_id");
CREATE INDEX "order_items_product_id_idx" ON "order_items" ("product_id");
