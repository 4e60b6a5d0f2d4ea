// bienban for VS Code: starts `bienban lsp` for the minutes files of the workspace (Markdown files under the
// configured globs, or any Markdown file that opens with a `---` front matter — the server itself leaves other
// Markdown alone), and a command that runs `bienban preview` on the current file.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("bienban");
  return {
    path: config.get("path", "bienban"),
    lang: config.get("lang", "vi"),
    files: config.get("files", []),
  };
}

async function start() {
  const { path, lang, files } = settings();
  const documentSelector = [{ scheme: "file", language: "markdown" }];
  for (const pattern of files) {
    documentSelector.push({ scheme: "file", pattern });
  }
  client = new LanguageClient(
    "bienban",
    "bienban",
    { command: path, args: ["lsp"] },
    {
      documentSelector,
      initializationOptions: { bienban: { lang } },
      synchronize: { configurationSection: "bienban" },
    }
  );
  await client.start();
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("bienban.preview", () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        return;
      }
      const terminal = vscode.window.createTerminal("bienban preview");
      terminal.show(true);
      terminal.sendText(`"${settings().path}" preview "${editor.document.uri.fsPath}"`);
    }),
    vscode.commands.registerCommand("bienban.restart", async () => {
      if (client) {
        await client.stop();
      }
      await start();
    })
  );
  return start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
