import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where the page's files are: its stylesheet in media/, its script bundled by esbuild from src/webview/. */
export interface PageRoots {
  media: vscode.Uri;
  script: vscode.Uri;
}

export function pageRoots(extensionUri: vscode.Uri): PageRoots {
  return { media: vscode.Uri.joinPath(extensionUri, 'media'), script: vscode.Uri.joinPath(extensionUri, 'dist', 'webview') };
}

/**
 * The value editor's page: a strict CSP (nothing remote, only our own script by nonce and our own
 * stylesheet), and no value in the HTML. The value arrives by message, only once the person shows it.
 */
export function valueEditorHtml(webview: vscode.Webview, roots: PageRoots, name: string): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(roots.script, 'valueEditor.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(roots.media, 'valueEditor.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const title = escapeHtml(name);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${title}</title>
</head>
<body>
<main>
  <header>
    <h1 id="name">${title}</h1>
    <p id="where"></p>
  </header>
  <p id="message" class="message"></p>
  <section id="value-section" aria-labelledby="value-label">
    <div class="field-head">
      <span id="value-label" class="label">Value</span>
      <span id="dirty" class="badge" hidden>Unsaved changes</span>
    </div>
    <div id="masked" class="field masked" role="textbox" aria-readonly="true" tabindex="0" aria-labelledby="value-label" aria-description="value hidden; press Enter or the Show button to show it">
      <span aria-hidden="true">••••••••••••••••</span>
    </div>
    <textarea id="value" class="field" aria-labelledby="value-label" aria-describedby="check" spellcheck="false" autocomplete="off" autocorrect="off" autocapitalize="off" wrap="off" rows="4" hidden></textarea>
    <p id="check" class="check" hidden></p>
    <div class="buttons">
      <button id="save" type="button" disabled hidden>Save</button>
      <button id="show" type="button" aria-pressed="false">Show</button>
      <button id="copy" type="button" class="secondary">Copy</button>
      <button id="revert" type="button" class="secondary" disabled hidden>Revert</button>
      <button id="fetch" type="button" hidden>Fetch Value</button>
    </div>
    <p id="live" class="feedback" role="status" aria-live="polite"></p>
  </section>
  <section id="theirs-section" aria-labelledby="theirs-label" hidden>
    <h2 id="theirs-label">Value in Stripe now</h2>
    <p>It changed elsewhere after you opened this editor. Your edit is not saved.</p>
    <textarea id="theirs" class="field" aria-labelledby="theirs-label" readonly spellcheck="false" wrap="off" rows="4"></textarea>
    <div class="buttons">
      <button id="use-theirs" type="button">Use Their Value</button>
      <button id="dismiss-theirs" type="button" class="secondary">Keep Mine</button>
    </div>
  </section>
</main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
