// The value editor's page (see src/valueEditor). It keeps the value only in the textarea while
// the person shows it, never in vscode.setState, and checks every message from the extension.
// @ts-check
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  /** @param {string} id */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const where = $('where');
  const message = $('message');
  const dirty = $('dirty');
  const masked = $('masked');
  const value = /** @type {HTMLTextAreaElement} */ ($('value'));
  const show = $('show');
  const copy = $('copy');
  const save = $('save');
  const revert = $('revert');
  const fetchButton = $('fetch');
  const theirsSection = $('theirs-section');
  const theirs = /** @type {HTMLTextAreaElement} */ ($('theirs'));
  const live = $('live');

  /** @type {any} */
  let state;
  /** Set when the person asks to show the value: the field takes the focus once it arrives. */
  let focusWhenShown = false;
  const MAX_ROWS = 30;

  /** @param {string} text */
  function rowsFor(text) {
    return Math.min(MAX_ROWS, Math.max(4, text.split('\n').length + 1));
  }

  /** @param {HTMLElement} el @param {boolean} visible */
  function setVisible(el, visible) {
    el.hidden = !visible;
  }

  /** @param {unknown} s */
  function isState(s) {
    if (typeof s !== 'object' || s === null) return false;
    const o = /** @type {Record<string, unknown>} */ (s);
    return (o.mode === 'reveal' || o.mode === 'edit') && typeof o.name === 'string' && typeof o.where === 'string' &&
      typeof o.status === 'string' && typeof o.message === 'string' && typeof o.expiry === 'string' &&
      typeof o.shown === 'boolean' && typeof o.live === 'boolean' && typeof o.hasTheirs === 'boolean' && typeof o.dirty === 'boolean' &&
      (o.value === undefined || typeof o.value === 'string') && (o.theirs === undefined || typeof o.theirs === 'string');
  }

  /** @param {any} s */
  function render(s) {
    state = s;
    const ready = s.status === 'ready';
    const editable = s.mode === 'edit';
    where.textContent = [s.where ? `In ${s.where}` : '', s.live ? 'LIVE mode' : '', s.expiry].filter(Boolean).join(' · ');
    message.textContent = s.message;
    setVisible(message, s.message !== '');
    setVisible(dirty, s.dirty);

    const showValue = ready && s.shown && typeof s.value === 'string';
    setVisible(masked, !showValue);
    setVisible(value, showValue);
    if (showValue) {
      if (value.value !== s.value) value.value = s.value;
      value.rows = rowsFor(s.value);
      value.readOnly = !editable;
      value.setAttribute('aria-readonly', String(!editable));
      if (focusWhenShown) value.focus();
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
    setVisible(fetchButton, !ready && s.status !== 'loading');
    fetchButton.textContent = s.mode === 'edit' ? 'Fetch Value to Edit' : 'Fetch Value';

    setVisible(theirsSection, ready && s.hasTheirs);
    const showTheirs = ready && s.hasTheirs && showValue && typeof s.theirs === 'string';
    setVisible(theirs, showTheirs);
    theirs.value = showTheirs ? s.theirs : '';
    if (showTheirs) theirs.rows = rowsFor(s.theirs);
  }

  /** @param {string} text */
  function announce(text) {
    // Cleared first, so the same sentence twice is read twice.
    live.textContent = '';
    setTimeout(() => (live.textContent = text), 50);
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (typeof data !== 'object' || data === null) return;
    if (data.type === 'state' && isState(data.state)) render(data.state);
    else if (data.type === 'announce' && typeof data.text === 'string') announce(data.text);
    else if (data.type === 'dirty' && typeof data.dirty === 'boolean') setVisible(dirty, data.dirty);
  });

  show.addEventListener('click', () => {
    const showing = state && state.shown;
    focusWhenShown = !showing;
    vscode.postMessage({ type: showing ? 'hide' : 'show' });
  });
  masked.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
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
    if (!state || state.mode !== 'edit') return;
    value.rows = rowsFor(value.value);
    vscode.postMessage({ type: 'edit', text: value.value });
  });
  vscode.postMessage({ type: 'ready' });
})();
