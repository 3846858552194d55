// The client half of a VS Code extension for `loomgen lsp`: the few lines that start the language server over stdio
// for `loom` documents. NOT part of the grammar-only extension `make vsix` packages: it needs npm, for the
// vscode-languageclient package. client/README.md says how to add it.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

async function activate() {
  // `loom.server.path` (see client/README.md) points at a loomgen that is not on PATH, e.g. .build/debug/loomgen.
  const command = vscode.workspace.getConfiguration('loom').get('server.path') || 'loomgen';
  const serverOptions = { command, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'loom' }],
  };
  client = new LanguageClient('loom', 'Loom (loomgen lsp)', serverOptions, clientOptions);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
