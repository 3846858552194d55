// The store's models, enums and commands (entities with their `Create` and `Update` inputs), generated from
// schemas/store by the build plugin into this target as types alone: their server side (tables, rows, SQL, checks)
// is generated into StoreServer, their client into StoreClient. This file only gives the target a source of its own.
