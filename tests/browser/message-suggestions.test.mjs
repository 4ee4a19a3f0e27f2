// Which message example "My people" suggests for every (channel, step) pair of the default
// site: the person's own channel when an example exists, else the nearest (README, "Which
// message My people suggests"). One person per pair is stored, then each card's link is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show } from './lib/site.mjs';
import {
  usePeopleSite, DAY0, person, attempt, reply, reconnected, withClock, seedV2, openPeople, card, cardFacts,
} from './lib/people.mjs';

const site = usePeopleSite();
const { env } = site;

/** A log that puts a person at each step (max_attempts 3: two tries make the next the last). */
const LOGS = {
  'first-contact': [],
  'follow-up': [attempt(DAY0)],
  'last-try': [attempt(DAY0), attempt(DAY0)],
  'thank-you': [attempt(DAY0), reply(DAY0)],
  'check-in': [attempt(DAY0), reconnected(DAY0)],
};

/** The expected example (its page under messages/) for each channel, step by step. */
const EXPECTED = {
  email: ['catch-up', 'follow-up', 'last-try', 'thanks-for-replying', 'check-in-email'],
  text: ['quick-text', 'follow-up-text', 'last-try-text', 'thanks-text', 'check-in'],
  messaging: ['messaging-app-hello', 'follow-up-text', 'last-try-text', 'thanks-text', 'check-in'],
  linkedin: ['linkedin-connection-note', 'follow-up-linkedin', 'last-try-linkedin', 'thanks-text', 'check-in'],
  phone: ['phone-call', 'follow-up-text', 'last-try-text', 'thanks-text', 'check-in'],
  'in-person': ['quick-text', 'follow-up-text', 'last-try-text', 'handwritten-card', 'check-in'],
  unknown: ['catch-up', 'follow-up', 'last-try', 'thanks-for-replying', 'check-in-email'],
};

test('every (channel, step) pair gets the message example written for that channel, or the nearest one', async () => {
  const steps = Object.keys(LOGS);
  const people = [];
  for (const [channel, slugs] of Object.entries(EXPECTED)) {
    steps.forEach((step, i) => {
      people.push({ channel, step, slug: slugs[i], p: person({ name: `${channel} ${step}`, channel, log: LOGS[step] }) });
    });
  }
  await withClock(env, { date: DAY0 }, async (page) => {
    await seedV2(page, env.site, site.key, { people: people.map((x) => x.p) });
    await openPeople(page, site.people);
    const wrong = [];
    for (const { channel, step, slug, p } of people) {
      const f = await cardFacts(card(page, 'list', p.id));
      const path = f.message && new URL(f.message.href).pathname;
      const want = env.site.url(`messages/${slug}/`);
      if (path !== new URL(want).pathname) wrong.push(`${channel} / ${step}: got ${path}, want ${new URL(want).pathname}`);
      const data = site.data.messages.find((m) => new URL(m.url, env.site.origin).pathname === new URL(want).pathname);
      assert.ok(data, `messages/${slug}/ is not in the data block: ${show(site.data.messages)}`);
      if (f.message) assert.equal(f.message.text, data.title, `${channel} / ${step}: the link names the example`);
    }
    assert.deepEqual(wrong, [], wrong.join('\n'));
  });
});
