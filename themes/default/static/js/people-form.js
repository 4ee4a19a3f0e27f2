// The add/edit dialog of the people page: a native <dialog> with the form from the template.
import { cleanPerson, RELATIONS, CHANNELS } from './people-core.js';
import { announce } from './ui.js';
import { t } from './i18n.js';

/**
 * Wires the dialog. `onSave(person, id | null)` stores it and returns the sentence to announce.
 * Returns { open(person | null, opener) }.
 */
export function setupForm(dialog, onSave) {
  const form = dialog.querySelector('form');
  const q = (name) => dialog.querySelector(`[data-people="${name}"]`);
  const title = q('form-title');
  const nameError = q('name-error');
  const f = form.elements;
  let editing = null;
  let opener = null;

  function showError(text) {
    nameError.textContent = text || '';
    if (text) f.name.setAttribute('aria-invalid', 'true');
    else f.name.removeAttribute('aria-invalid');
  }

  function open(person, from) {
    editing = person ? person.id : null;
    opener = from || null;
    title.textContent = person ? t('people.edit_title', { name: person.name }) : t('people.add');
    f.name.value = person ? person.name : '';
    f.relation.value = person && RELATIONS.includes(person.relation) ? person.relation : person ? 'other' : 'colleague';
    f.channel.value = person && CHANNELS.includes(person.channel) ? person.channel : 'unknown';
    f.contact.value = person ? person.contact || '' : '';
    f.notes.value = person ? person.notes || '' : '';
    showError('');
    if (dialog.showModal) dialog.showModal();
    else dialog.setAttribute('open', '');
    f.name.focus();
  }

  function close() {
    if (dialog.close) dialog.close();
    else dialog.removeAttribute('open');
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const r = cleanPerson({
      name: f.name.value, relation: f.relation.value, channel: f.channel.value, contact: f.contact.value, notes: f.notes.value,
    });
    if (!r.ok) {
      showError(r.errors.name);
      f.name.focus();
      announce(r.errors.name);
      return;
    }
    const said = onSave(r.person, editing);
    close();
    announce(said);
  });
  q('cancel').addEventListener('click', close);
  f.name.addEventListener('input', () => {
    if (nameError.textContent && f.name.value.trim()) showError('');
  });
  dialog.addEventListener('close', () => {
    // Back where the visitor was (the Add or Edit button), if it is still on the page.
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });

  return { open };
}
