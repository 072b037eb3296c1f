// The status line (role=status / alert) and a confirmation dialog, typed when it matters.
import { esc } from './format.js';

/** Shows `text` in the status line; errors are announced at once (role=alert). */
export function say(text, isError = false) {
  let line = document.getElementById('say');
  if (line === null) {
    line = document.createElement('p');
    line.id = 'say';
    document.querySelector('header.top')?.after(line);
  }
  line.setAttribute('role', isError ? 'alert' : 'status');
  line.className = isError ? 'say bad' : 'say';
  line.textContent = text;
}

/**
 * Resolves true when the user confirms. With `typed`, the confirm button stays disabled until
 * that exact text is typed (purge, delete all).
 */
export function confirmAction(text, typed) {
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.setAttribute('aria-labelledby', 'confirm-title');
  const field = typed === undefined ? '' : `<label for="confirm-input">Type <strong>${esc(typed)}</strong> to confirm</label><input id="confirm-input" autocomplete="off" spellcheck="false">`;
  dialog.innerHTML = `<form method="dialog"><h2 id="confirm-title">Are you sure?</h2><p>${esc(text)}</p>${field}<div class="toolbar"><button value="cancel" type="submit">Cancel</button><button value="ok" type="submit" class="danger" id="confirm-ok"${typed === undefined ? '' : ' disabled'}>Confirm</button></div></form>`;
  document.body.append(dialog);
  const input = dialog.querySelector('#confirm-input');
  const ok = dialog.querySelector('#confirm-ok');
  input?.addEventListener('input', () => {
    ok.disabled = input.value !== typed;
  });
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'ok' && (typed === undefined || input.value === typed);
      dialog.remove();
      resolve(confirmed);
    });
    dialog.showModal();
    (input ?? ok).focus();
  });
}
