// `HelpdeskClient`, the helpdesk's typed client, is generated from schemas/helpdesk by the build plugin into this
// target (`loom-client.swift`). This file only gives the target a source of its own.
