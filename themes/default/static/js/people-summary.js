// The one-line people summary on the home page (and any page with [data-people-summary]).
// people-core.js is only fetched once the visitor has people: a new visitor's page stays small.
import { $$ } from './ui.js';
import { t } from './i18n.js';

const DEFAULTS = { list_size: 20, weekly_target: 5, max_attempts: 3, follow_up_days: 7, keep_in_touch_days: 90 };

export function init({ data, store }) {
  const els = $$('[data-people-summary]');
  const settings = { ...DEFAULTS, ...(data.settings || {}) };
  if (!data.people_url) return; // no people page on this site: the hooks stay hidden
  let core = null;
  let loading = null;

  function show(text, due) {
    for (const el of els) {
      let a = el.querySelector('a');
      if (!a) {
        a = document.createElement('a');
        el.replaceChildren(a);
      }
      a.href = data.people_url;
      a.textContent = text;
      el.dataset.due = String(due);
      el.hidden = false;
    }
  }

  function render(state) {
    if (!(state.people || []).length) {
      show(t('people.start_list', { count: settings.list_size }), 0);
      return;
    }
    if (!core) {
      loading = loading || import('./people-core.js').then((m) => {
        core = m;
        render(store.state);
      });
      return;
    }
    const s = core.peopleSummary(state, store.today(), settings);
    const bits = [];
    if (s.due) bits.push(t('people.followups_due', { followups: t('people.followups', { count: s.due }) }));
    bits.push(t('people.week_progress', { done: s.contactedThisWeek, target: s.weeklyTarget }));
    if (!s.due && s.count < s.listSize) bits.push(t('people.list_progress', { count: s.count, goal: s.listSize }));
    show(bits.join(' · '), s.due);
  }
  store.subscribe(render);
  render(store.state);
}
