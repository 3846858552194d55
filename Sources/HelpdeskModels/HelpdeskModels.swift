// The helpdesk's models, enums and commands, generated from schemas/helpdesk by the build plugin into this target as
// types alone (their server side goes into HelpdeskServer, their client into HelpdeskClient). This file only gives
// the target a source of its own.
