// "Your data": save a backup, import one, reset (each with its Undo). tracker.js fetches this
// module on the visitor's first click or file choice there; the file logic is in backup-core.js.
import { markBackup, progress } from './tracker-core.js';
import { MAX_IMPORT, makeExport, exportFileName, parseImport } from './backup-core.js';
import { plural, button, download } from './ui.js';

/** An "Undo" button that puts `before` back. */
function undo({ store, message }, before, done) {
  return button('Undo', () => {
    store.update(() => before);
    message(done);
  });
}

/** "Save a backup": downloads the export file and records the date. */
export function exportBackup({ data, store, message }) {
  const t = store.today();
  const state = store.update((s) => markBackup(s, t));
  const name = exportFileName(t);
  download(`${JSON.stringify(makeExport(state, data.key, new Date()), null, 2)}\n`, name, 'application/json');
  message(`Your backup ${name} is downloading. Keep it somewhere safe, for example in your email.`);
}

/** "Import a backup" (or "restore"): the file chosen in `input`, checked whole before it is applied. */
export async function importBackup(ctx, input) {
  const { data, store, message } = ctx;
  const file = input.files && input.files[0];
  if (!file) return;
  let text = null;
  try {
    if (file.size <= MAX_IMPORT) text = await file.text();
  } catch {
    // unreadable: said below
  }
  input.value = '';
  if (file.size > MAX_IMPORT) return message(`This file is too large to be a Reach Out backup (${Math.round(file.size / 1024)} KB).`, true);
  if (text === null) return message('This file could not be read. Try choosing it again.', true);
  const r = parseImport(text, { today: store.today() }, data.days);
  if (!r.ok) return message(r.error, true);
  const before = store.replace(r.state);
  const p = progress(r.state, data.days);
  let note = `Backup restored: ${p.done} of ${plural(p.total, 'task')} done`;
  note += r.people ? `, ${plural(r.people, 'person', 'people')} on your list.` : '.';
  if (r.unknown.length) {
    note += ` ${plural(r.unknown.length, 'ticked task')} in it ${r.unknown.length === 1 ? 'is' : 'are'} not part of this site’s days; kept anyway.`;
  }
  return message(note, false, undo(ctx, before, 'The restore was undone.'));
}

/** "Reset progress", after a confirmation. */
export function resetAll(ctx) {
  if (!window.confirm('Reset your progress? This removes your start date, every ticked task and your list of people, with everything you logged about them, from this browser. Save a backup first if you might want them back.')) return;
  const before = ctx.store.clear();
  ctx.message('Your progress and your list of people were reset. Start again whenever you like.', false, undo(ctx, before, 'The reset was undone.'));
}
