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
  const check = $('check');

  /** @type {any} */
  let state;
  /** Set when the person asks to show the value: the field takes the focus once it arrives. */
  let focusWhenShown = false;
  /** The first render puts the focus on the value field (masked or shown). */
  let firstRender = true;
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
      typeof o.saving === 'boolean' && (o.check === undefined || isCheck(o.check)) &&
      (o.value === undefined || typeof o.value === 'string') && (o.theirs === undefined || typeof o.theirs === 'string');
  }

  /** @param {unknown} c */
  function isCheck(c) {
    if (typeof c !== 'object' || c === null) return false;
    const o = /** @type {Record<string, unknown>} */ (c);
    return typeof o.lengthText === 'string' && typeof o.tooLong === 'boolean' && (o.warning === undefined || typeof o.warning === 'string');
  }

  /** The length against Stripe's limit, and a JSON warning; Save waits for a change and for the running save. @param {any} c @param {boolean} isDirty @param {boolean} saving */
  function renderChanges(c, isDirty, saving) {
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
  function focusables() {
    return /** @type {HTMLElement[]} */ ([...document.querySelectorAll('button, textarea, [tabindex="0"]')]).filter(
      (el) => !el.hidden && !el.hasAttribute('disabled') && el.offsetParent !== null,
    );
  }

  /** @param {any} s */
  function render(s) {
    state = s;
    const ready = s.status === 'ready';
    const editable = s.mode === 'edit';
    where.textContent = [s.where ? `In ${s.where}` : '', s.live ? 'LIVE mode' : '', s.expiry].filter(Boolean).join(' · ');
    message.textContent = s.message;
    setVisible(message, s.message !== '');
    renderChanges(s.check, s.dirty, s.saving);

    const showValue = ready && s.shown && typeof s.value === 'string';
    setVisible(masked, !showValue);
    setVisible(value, showValue);
    if (showValue) {
      if (value.value !== s.value) value.value = s.value;
      value.rows = rowsFor(s.value);
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
    const showTheirs = ready && s.hasTheirs && showValue && typeof s.theirs === 'string';
    setVisible(theirs, showTheirs);
    theirs.value = showTheirs ? s.theirs : '';
    if (showTheirs) theirs.rows = rowsFor(s.theirs);
  }

  /** Shown next to the buttons and read by screen readers. @param {string} text @param {boolean} error */
  function announce(text, error) {
    // Cleared first, so the same sentence twice is read twice.
    live.textContent = '';
    live.classList.toggle('error', error);
    setTimeout(() => (live.textContent = text), 50);
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (typeof data !== 'object' || data === null) return;
    if (data.type === 'state' && isState(data.state)) render(data.state);
    else if (data.type === 'announce' && typeof data.text === 'string') announce(data.text, data.error === true);
    else if (data.type === 'dirty' && typeof data.dirty === 'boolean' && (data.check === undefined || isCheck(data.check))) {
      renderChanges(data.check, data.dirty, data.saving === true);
    }
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
    const at = order.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    const next = event.shiftKey ? (at <= 0 ? order.length - 1 : at - 1) : (at === -1 || at === order.length - 1 ? 0 : at + 1);
    event.preventDefault();
    order[next].focus();
  });

  show.addEventListener('click', () => {
    const showing = state && state.shown;
    focusWhenShown = !showing;
    vscode.postMessage({ type: showing ? 'hide' : 'show' });
  });
  masked.addEventListener('keydown', (event) => {
    const typing = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (event.key === 'Enter' || event.key === ' ' || (typing && state && state.mode === 'edit')) {
      event.preventDefault();
      if (!state || state.status !== 'ready') return;
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
    if (!state || state.mode !== 'edit') return;
    value.rows = rowsFor(value.value);
    vscode.postMessage({ type: 'edit', text: value.value });
  });
  vscode.postMessage({ type: 'ready' });
})();
