// Reach Out tracker: backup files, the pure part. The export file and the validation of an
// import file, fetched (by backup.js) only when the visitor saves or imports a backup.
// No DOM and no storage here. Contract: docs/tracker.md.
import { migrate, taskKey } from './tracker-core.js';
import { t } from './i18n.js';

/** Marker of an export file. */
export const APP = 'reachout';
/** Largest import file accepted, in characters. */
export const MAX_IMPORT = 1000000;

/** The export file object. */
export function makeExport(state, key, now) {
  return { app: APP, exportedAt: now.toISOString(), key, data: state };
}

/** The export file's name, with the visitor's local date. */
export const exportFileName = (today) => `reachout-backup-${today}.json`;

/**
 * Validates an import file's text completely before anything is applied.
 * Returns { ok: true, state, key, unknown, people } (unknown: task keys this site does not have,
 * kept; people: how many people the backup holds)
 * or { ok: false, error } with a sentence for the visitor.
 */
export function parseImport(text, ctx, days = []) {
  const fail = (error) => ({ ok: false, error });
  if (typeof text === 'string' && text.length > MAX_IMPORT) return fail(t('backup.too_large', { kb: Math.round(text.length / 1024) }));
  if (typeof text !== 'string' || !text.trim()) return fail(t('backup.empty'));
  let obj;
  try {
    obj = JSON.parse(text);
  } catch {
    return fail(t('backup.not_json'));
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj) || obj.app !== APP) {
    return fail(t('backup.no_marker'));
  }
  if (!('data' in obj)) return fail(t('backup.no_data'));
  const r = migrate(obj.data, ctx);
  if (!r.ok) {
    return fail(r.reason === 'future' ? t('backup.future') : t('backup.damaged', { reason: r.error }));
  }
  // A file is restored whole or not at all: half a backup would quietly replace a good list.
  if (r.repaired) return fail(t('backup.damaged', { reason: r.repaired.error }));
  const known = new Set(days.flatMap((d) => d.tasks.map((id) => taskKey(d.slug, id))));
  const unknown = Object.keys(r.state.tasks).filter((k) => !known.has(k));
  return { ok: true, state: r.state, key: typeof obj.key === 'string' ? obj.key : null, unknown, people: r.state.people.length };
}
