// `StoreClient`, the store's typed client, is generated from schemas/store by the build plugin into this target
// (`loom-client.swift`): one method per route, over LoomClient. This file only gives the target a source of its own.
