// The naming-stress schema (naming.loom, linked) as types alone: what NamingStressClient compiles against.
