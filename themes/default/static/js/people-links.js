// Reach Out tracker: which message example suits a person, and the mailto:/sms:/tel: links to
// them. Pure, like people-core.js, but only the people cards and the composer load it: the
// My people page's first paint does not need it.

const text = (v) => (typeof v === 'string' ? v.trim() : '');

// Where a step has no example for a person's channel, the nearest one: chat-like channels
// borrow each other's short messages, a call's follow-up is a text (after a voicemail), thanks
// after meeting in person is a card, and someone whose channel is unknown gets email.
const NEAREST = {
  messaging: 'text linkedin',
  text: 'messaging linkedin',
  linkedin: 'text messaging',
  phone: 'text messaging',
  'in-person': 'card text',
  unknown: 'email',
};

/**
 * The message example for a step: the person's channel, else the nearest channel, else the
 * first example of the step (in `order`); null if the step has none.
 */
export function messageFor(step, channel, messages) {
  const fit = (messages || []).filter((m) => m.step === step);
  const order = [channel, ...(NEAREST[channel] || '').split(' ')];
  return order.map((c) => fit.find((m) => m.channel === c)).find(Boolean) || fit[0] || null;
}

// An address a mail program takes as it is: letters (any script), digits and . _ + ' - before
// the @, dot-separated labels after it. No ? & # % / or spaces, which would add headers
// (?bcc=) or change the address inside a mailto: URL.
const EMAIL = /^[\p{L}\p{N}._+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}\p{N}-]{2,}$/u;

/** mailto: and sms:/tel: targets from a person's contact field, when it looks like one. */
export function contactLinks(person) {
  const c = text(person.contact);
  const phone = c.replace(/[\s.()[\]-]/g, '');
  return {
    email: EMAIL.test(c) ? c : null,
    phone: /^\+?\d{5,}$/.test(phone) ? phone : null,
  };
}

// Percent-encodes for a URI, with CRLF line breaks (RFC 6068) and lone surrogates replaced.
const enc = (s) => encodeURIComponent(String(s).replace(/\p{Cs}/gu, '\uFFFD').replace(/\r\n?/g, '\n')).replace(/%0A/g, '%0D%0A');

/** A mailto: URL (RFC 6068) with subject and body; empty parts are left out. */
export function mailtoUrl(to, subject, body) {
  const q = [subject && `subject=${enc(subject)}`, body && `body=${enc(body)}`].filter(Boolean).join('&');
  return `mailto:${enc(to || '').replace(/%40/g, '@')}${q ? `?${q}` : ''}`;
}

/** An sms: URL with a prefilled body. */
export const smsUrl = (number, body) => `sms:${enc(number || '').replace(/%2B/g, '+')}${body ? `?body=${enc(body)}` : ''}`;
