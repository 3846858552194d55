#!/usr/bin/env bash
# The build plugin, for real: edit the store schema, run `swift build`, and check what the plugin regenerated.
# Adds a probe file to schemas/store/, edits it, breaks it, removes it; the trap restores the schema on any exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
probe=schemas/store/zz_plugin_probe.loom
log=$(mktemp)
users_backup=$(mktemp)
cp schemas/store/users.loom "$users_backup"
generated_backup=$(mktemp -d)
cp -a Generated/. "$generated_backup"
# Whatever happens, the schema and Generated/ are left as they were found.
cleanup() {
  rm -f "$probe" "$log"; cp "$users_backup" schemas/store/users.loom; rm -f "$users_backup"
  rm -rf Generated && mkdir Generated && cp -a "$generated_backup"/. Generated/ && rm -rf "$generated_backup"
}
trap cleanup EXIT
fail() { echo "test-plugin: FAIL: $*"; cat "$log"; exit 1; }
pass=0
ok() { echo "test-plugin: ok: $*"; pass=$((pass + 1)); }

build() { $SWIFT build --product store >"$log" 2>&1; }
# `swift package` (the command plugin, last below) plans the package with other parameters; a manifest newer than the
# last plan makes the first build here plan afresh, with the schema folder as it is now.
touch Package.swift
# The store's models are a target of their own (StoreModels: the types) beside the server's (StoreServer: the rest).
outputs() { dirname "$(find .build/plugins/outputs -path '*/StoreServer/*' -name loom-schema.swift | head -1)"; }
model_outputs() { dirname "$(find .build/plugins/outputs -path '*/StoreModels/*' -name loom-schema.swift | head -1)"; }

cat >"$probe" <<'LOOM'
model PluginProbe {
  id    Int         @id @autoincrement
  label String(40)
}

resource PluginProbe at "/plugin-probes" {
  crud
}
LOOM
build || fail "build with a new schema file"
out=$(outputs)
models=$(model_outputs)
# SwiftPM may not re-plan for a folder outside the target: the model then lands in loom-schema.swift.
grep -q "public struct PluginProbe: Codable" "$models"/*.swift || fail "new model's type not generated into StoreModels"
grep -q "extension PluginProbe: LoomRuntime.LoomModel" "$out"/*.swift || fail "new model's server side not generated into StoreServer"
grep -q '"/plugin-probes"' "$out/loom-routes.swift" || fail "new resource not routed"
ok "a new .loom file is generated and routed"

sed -i 's/  label String(40)/  label String(40)\n  weight Double?/' "$probe"
build || fail "build after an edit"
grep -q "public var weight: Double?" "$models"/*.swift || fail "edit not regenerated"
ok "an edited .loom file is regenerated"

before=$(stat -c %Y "$out/users.loom.swift")
sleep 1; touch schemas/store/users.loom
build || fail "build after touch"
[ "$(stat -c %Y "$out/users.loom.swift")" = "$before" ] || fail "unchanged output was rewritten"
ok "unchanged output is not rewritten"

sed -i 's/weight Double?/weight Dubble?/' "$probe"
if build; then fail "a broken schema built"; fi
grep -Eq "zz_plugin_probe.loom:4:10: error\[L020\]: unknown type 'Dubble'" "$log" || fail "no located error in the build output"
ok "a schema error fails the build with file:line:col"

cat >"$probe" <<'LOOM'
model PluginProbe {
  id    Int         @id @autoincrement
  label String(40)
}

/// Declared and routed, but nobody wrote `struct ArchivePluginProbe`.
usecase ArchivePluginProbe(pluginProbeId: Int) -> PluginProbe {
  require PluginProbe(pluginProbeId)
}

resource PluginProbe at "/plugin-probes" {
  crud
  POST "/{pluginProbeId}/archive" -> ArchivePluginProbe
}
LOOM
if build; then fail "a use case without an implementation built"; fi
grep -q "error: cannot find 'ArchivePluginProbe' in scope" "$log" || fail "the build error does not name the use case"
grep -q "struct ArchivePluginProbe: ArchivePluginProbeUseCase {" "$log" || fail "no ready-to-paste stub printed"
ok "a use case nobody implemented fails the build, naming it, with a stub to paste"

rm -f "$probe"
build || fail "build after removing the file"
if grep -q "plugin-probes" "$out/loom-routes.swift"; then fail "removed resource still routed"; fi
if grep -Eq "struct PluginProbe|extension PluginProbe" "$out"/*.swift "$models"/*.swift; then fail "removed model still generated"; fi
ok "a removed .loom file is dropped"

untouched=$(stat -c %Y "$models/Product.model.swift")
sed -i '/^  email /a\  nickname  String(40)?' schemas/store/users.loom   # a new line after the email field
build || fail "build after editing users.loom"
grep -q "public var nickname: String?" "$models/User.model.swift" || fail "edit of a planned file not regenerated"
# One file per model: the edit rewrote User's file, not another model's (so the compiler rebuilds only what uses User).
[ "$(stat -c %Y "$models/Product.model.swift")" = "$untouched" ] || fail "an edit to User rewrote Product.model.swift"
# Saved the way editors usually save: a new file renamed over the old one.
cp "$users_backup" schemas/store/users.loom.tmp && mv schemas/store/users.loom.tmp schemas/store/users.loom
cmp -s "$users_backup" schemas/store/users.loom || fail "users.loom not restored"
build || fail "build after restoring users.loom"
if grep -q nickname "$models/User.model.swift"; then fail "restored users.loom not regenerated"; fi
ok "an edit of an existing file is regenerated (its model's file only), and reverted"

# Committed mode: the command plugin writes Generated/store/ (everything, as one target holds it). It must leave the
# files as they were (`make check` keeps them in step with the schema).
$SWIFT package --allow-writing-to-package-directory loomgen-generate >"$log" 2>&1 || fail "swift package loomgen-generate"
grep -q "Generated/store/ is up to date with the schema" "$log" || fail "the command plugin did not report Generated/store"
diff -r "$generated_backup" Generated >/dev/null || fail "the command plugin changed Generated/: $(diff -rq "$generated_backup" Generated)"
ok "the command plugin writes Generated/store as committed"

# What the build plugin compiled is, byte for byte, loomgen's models part and server part of the schema.
loomgen=$($SWIFT build --show-bin-path)/loomgen
parts=$(mktemp -d)
"$loomgen" generate schemas/store --name store --output "$parts/models" --models-only >/dev/null
"$loomgen" generate schemas/store --name store --output "$parts/server" --models-module StoreModels >/dev/null
compared=0
for file in "$parts"/models/*.swift; do
  cmp -s "$file" "$models/$(basename "$file")" || fail "$(basename "$file") differs between StoreModels' build and loomgen --models-only"
  compared=$((compared + 1))
done
for file in "$parts"/server/*.swift; do
  cmp -s "$file" "$out/$(basename "$file")" || fail "$(basename "$file") differs between StoreServer's build and loomgen --models-module"
  compared=$((compared + 1))
done
rm -rf "$parts"
ok "the build plugin's $compared files are loomgen's models and server parts, byte for byte"
echo "test-plugin: $pass passed, 0 failed"
