-- Migration 0002_tags of schema store, sqlite. Written by `loomgen migrate new`: review it and
-- edit it if needed before it is applied anywhere; once applied, leave it unchanged (its checksum is checked).
-- The Loom migrator runs it in one transaction with foreign keys off, then runs PRAGMA foreign_key_check.

CREATE TABLE "tags" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" VARCHAR(40) NOT NULL,
    CONSTRAINT "tags_name_key" UNIQUE ("name"),
    CONSTRAINT "tags_name_not_blank" CHECK (trim("name") <> '')
);

CREATE TABLE "product_tags" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "product_id" INTEGER NOT NULL REFERENCES "products" ("id") ON DELETE CASCADE,
    "tag_id" INTEGER NOT NULL REFERENCES "tags" ("id") ON DELETE CASCADE,
    CONSTRAINT "product_tags_product_id_tag_id_key" UNIQUE ("product_id", "tag_id")
);
CREATE INDEX "product_tags_product_id_idx" ON "product_tags" ("product_id");
CREATE INDEX "product_tags_tag_id_idx" ON "product_tags" ("tag_id");
