// "Your data": save a backup, import one, reset (each with its Undo). tracker.js fetches this
// module on the visitor's first click or file choice there; the file logic is in backup-core.js.
import { markBackup, progress } from './tracker-core.js';
import { MAX_IMPORT, makeExport, exportFileName, parseImport } from './backup-core.js';
import { button, download } from './ui.js';
import { t } from './i18n.js';

/** An "Undo" button that puts `before` back. */
function undo({ store, message }, before, done) {
  return button(t('tracker.undo'), () => {
    store.update(() => before);
    message(done);
  });
}

/** "Save a backup": downloads the export file and records the date. */
export function exportBackup({ data, store, message }) {
  const day = store.today();
  const state = store.update((s) => markBackup(s, day));
  const name = exportFileName(day);
  download(`${JSON.stringify(makeExport(state, data.key, new Date()), null, 2)}\n`, name, 'application/json');
  message(t('backup.downloading', { name }));
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
  if (file.size > MAX_IMPORT) return message(t('backup.too_large', { kb: Math.round(file.size / 1024) }), true);
  if (text === null) return message(t('backup.unreadable'), true);
  const r = parseImport(text, { today: store.today() }, data.days);
  if (!r.ok) return message(r.error, true);
  const before = store.replace(r.state);
  const p = progress(r.state, data.days);
  const tasks = t('tracker.tasks', { count: p.total });
  let note = t(r.people ? 'backup.restored_people' : 'backup.restored', { done: p.done, tasks, people: t('backup.people', { count: r.people }) });
  if (r.unknown.length) note += ` ${t('backup.unknown_tasks', { count: r.unknown.length })}`;
  return message(note, false, undo(ctx, before, t('backup.restore_undone')));
}

/** "Reset progress", after a confirmation. */
export function resetAll(ctx) {
  if (!window.confirm(t('backup.reset_confirm'))) return;
  const before = ctx.store.clear();
  ctx.message(t('backup.reset_done'), false, undo(ctx, before, t('backup.reset_undone')));
}
