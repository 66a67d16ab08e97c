// The value editor's page (see src/valueEditor). It keeps the value only in the textarea while
// the person shows it, never in vscode.setState, and checks every message from the extension.
import { parseHostMessage, type ValueCheckView, type ViewState, type WebviewMessage } from '../../model/valueEditorProtocol';

/** The part of the webview API the page uses; posting only the protocol's messages. */
interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The value editor's page has no ${type.name} #${id}.`);
  return found;
}
const $ = (id: string): HTMLElement => element(id, HTMLElement);
const where = $('where');
const message = $('message');
const dirty = $('dirty');
const masked = $('masked');
const value = element('value', HTMLTextAreaElement);
const show = $('show');
const copy = $('copy');
const save = $('save');
const revert = $('revert');
const fetchButton = $('fetch');
const theirsSection = $('theirs-section');
const theirs = element('theirs', HTMLTextAreaElement);
const live = $('live');
const check = $('check');

let state: ViewState | undefined;
/** Set when the person asks to show the value: the field takes the focus once it arrives. */
let focusWhenShown = false;
/** The first render puts the focus on the value field (masked or shown). */
let firstRender = true;
const MAX_ROWS = 30;

function rowsFor(text: string): number {
  return Math.min(MAX_ROWS, Math.max(4, text.split('\n').length + 1));
}

function setVisible(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
}

/** The length against Stripe's limit, and a JSON warning; Save waits for a change and for the running save. */
function renderChanges(c: ValueCheckView | undefined, isDirty: boolean, saving: boolean): void {
  setVisible(dirty, isDirty);
  save.toggleAttribute('disabled', !isDirty || saving);
  revert.toggleAttribute('disabled', !isDirty || saving);
  setVisible(check, c !== undefined);
  check.textContent = '';
  if (!c) return;
  check.classList.toggle('too-long', c.tooLong);
  check.append(c.tooLong ? `${c.lengthText}: too long for Stripe, shorten it to save.` : c.lengthText);
  if (c.warning) {
    const warning = document.createElement('span');
    warning.className = 'warning';
    warning.textContent = c.warning;
    check.append(warning);
  }
}

/** Buttons and fields the keyboard can reach now, in page order. */
function focusables(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('button, textarea, [tabindex="0"]')].filter(
    (el) => !el.hidden && !el.hasAttribute('disabled') && el.offsetParent !== null,
  );
}

function render(s: ViewState): void {
  state = s;
  const ready = s.status === 'ready';
  const editable = s.mode === 'edit';
  where.textContent = [s.where ? `In ${s.where}` : '', s.live ? 'LIVE mode' : '', s.expiry].filter(Boolean).join(' · ');
  message.textContent = s.message;
  setVisible(message, s.message !== '');
  renderChanges(s.check, s.dirty, s.saving);

  const shownValue = ready && s.shown ? s.value : undefined;
  const showValue = shownValue !== undefined;
  setVisible(masked, !showValue);
  setVisible(value, showValue);
  if (showValue) {
    if (value.value !== shownValue) value.value = shownValue;
    value.rows = rowsFor(shownValue);
    value.readOnly = !editable;
    value.setAttribute('aria-readonly', String(!editable));
    if (focusWhenShown || (firstRender && document.activeElement !== value)) value.focus();
    focusWhenShown = false;
  } else {
    // Hidden means gone from the page, not just invisible.
    value.value = '';
  }
  masked.setAttribute('aria-disabled', String(!ready));
  show.textContent = showValue ? 'Hide' : 'Show';
  show.setAttribute('aria-pressed', String(showValue));
  setVisible(show, ready);
  setVisible(copy, ready);
  setVisible(save, ready && editable);
  setVisible(revert, ready && editable);
  // One primary action: Save in Edit, Show in Reveal.
  show.classList.toggle('secondary', editable);
  // A removed connection ('gone') can neither fetch nor save: nothing is offered.
  setVisible(fetchButton, !ready && s.status !== 'loading' && s.status !== 'gone');
  fetchButton.textContent = s.mode === 'edit' ? 'Fetch Value to Edit' : 'Fetch Value';
  if (firstRender) {
    firstRender = false;
    if (!showValue) (ready ? masked : fetchButton.hidden ? masked : fetchButton).focus();
  }

  setVisible(theirsSection, ready && s.hasTheirs);
  const shownTheirs = ready && s.hasTheirs && showValue ? s.theirs : undefined;
  setVisible(theirs, shownTheirs !== undefined);
  theirs.value = shownTheirs ?? '';
  if (shownTheirs !== undefined) theirs.rows = rowsFor(shownTheirs);
}

/** Shown next to the buttons and read by screen readers. */
function announce(text: string, error: boolean): void {
  // Cleared first, so the same sentence twice is read twice.
  live.textContent = '';
  live.classList.toggle('error', error);
  setTimeout(() => (live.textContent = text), 50);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = parseHostMessage(event.data);
  if (data?.type === 'state') render(data.state);
  else if (data?.type === 'announce') announce(data.text, data.error === true);
  else if (data?.type === 'dirty') renderChanges(data.check, data.dirty, data.saving === true);
});

// Tab and Shift+Tab go round the page instead of leaving it; Escape goes back to the Secrets tree.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    event.preventDefault();
    vscode.postMessage({ type: 'escape' });
    return;
  }
  if (event.key !== 'Tab' || event.ctrlKey || event.altKey || event.metaKey) return;
  const order = focusables();
  if (order.length === 0) return;
  const at = document.activeElement instanceof HTMLElement ? order.indexOf(document.activeElement) : -1;
  const next = event.shiftKey ? (at <= 0 ? order.length - 1 : at - 1) : at === -1 || at === order.length - 1 ? 0 : at + 1;
  event.preventDefault();
  order[next].focus();
});

show.addEventListener('click', () => {
  const showing = state?.shown === true;
  focusWhenShown = !showing;
  vscode.postMessage({ type: showing ? 'hide' : 'show' });
});
masked.addEventListener('keydown', (event) => {
  const typing = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
  if (event.key === 'Enter' || event.key === ' ' || (typing && state?.mode === 'edit')) {
    event.preventDefault();
    if (state?.status !== 'ready') return;
    // A keystroke on the hidden value is not swallowed: the value is shown, and the key says so.
    if (typing && event.key !== ' ') announce('The value is hidden: it is shown now, so type your change in it.', false);
    focusWhenShown = true;
    vscode.postMessage({ type: 'show' });
  }
});
copy.addEventListener('click', () => vscode.postMessage({ type: 'copy' }));
save.addEventListener('click', () => vscode.postMessage({ type: 'save' }));
revert.addEventListener('click', () => vscode.postMessage({ type: 'revert' }));
fetchButton.addEventListener('click', () => vscode.postMessage({ type: 'fetch' }));
$('use-theirs').addEventListener('click', () => vscode.postMessage({ type: 'useTheirs' }));
$('dismiss-theirs').addEventListener('click', () => vscode.postMessage({ type: 'dismissTheirs' }));
value.addEventListener('input', () => {
  if (state?.mode !== 'edit') return;
  value.rows = rowsFor(value.value);
  vscode.postMessage({ type: 'edit', text: value.value });
});
vscode.postMessage({ type: 'ready' });
