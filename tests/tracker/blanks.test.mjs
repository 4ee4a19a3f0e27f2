// Message placeholders ({name}), filling them in, and the mailto:/sms: links a message opens.
// Visitor text is data: whatever it holds stays literal text.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlanks, fillBlanks, nameBlank } from '../../themes/default/static/js/people-core.js';
import { mailtoUrl, smsUrl } from '../../themes/default/static/js/people-links.js';

const HOSTILE = 'Ana; Bob, "C" \\ <img src=x onerror=alert(1)> & {x} %0A\r\nBcc: evil@example.com';

test('parseBlanks splits text and blanks, with the generator\'s rule for names', () => {
  assert.deepEqual(parseBlanks('Hi {name}, it\'s been {how long}.'), [
    { text: 'Hi ' }, { blank: 'name' }, { text: ', it\'s been ' }, { blank: 'how long' }, { text: '.' },
  ]);
  assert.deepEqual(parseBlanks('{name}'), [{ blank: 'name' }]);
  assert.deepEqual(parseBlanks(''), []);
  assert.deepEqual(parseBlanks('no blanks here'), [{ text: 'no blanks here' }]);
  // Allowed: letters (any script), digits, space, - ' ’ /; trimmed; 1 to 40 characters.
  for (const name of ['their name', 'Nom', 'café-bar', "friend's job", 'friend’s job', 'him/her', 'year 2019', 'имя', '名前', 'x'.repeat(40)]) {
    assert.deepEqual(parseBlanks(`a {${name}} b`), [{ text: 'a ' }, { blank: name }, { text: ' b' }], name);
  }
  assert.deepEqual(parseBlanks('{  name }'), [{ blank: 'name' }], 'trimmed');
  // Not blanks: the braces stay as text.
  for (const odd of ['{}', '{ }', '{not a blank!}', '{x.y}', `{${'x'.repeat(41)}}`, '{a_b}', '{<b>}', '{ana@x.com}', '{open', 'close}', '{a\nb}']) {
    assert.deepEqual(parseBlanks(`x ${odd} y`), [{ text: `x ${odd} y` }], odd);
  }
  // After a brace that opens no blank, the search goes on from the next character.
  assert.deepEqual(parseBlanks('{{name}}'), [{ text: '{' }, { blank: 'name' }, { text: '}' }]);
  assert.deepEqual(parseBlanks('{a {b}'), [{ text: '{a ' }, { blank: 'b' }]);
  assert.deepEqual(parseBlanks('😀{name}😀'), [{ text: '😀' }, { blank: 'name' }, { text: '😀' }]);
  assert.equal(parseBlanks(`{${'é'.repeat(40)}}`)[0].blank, 'é'.repeat(40), 'characters, not bytes');
  assert.equal(parseBlanks(`{${'𝒜'.repeat(40)}}`)[0].blank, '𝒜'.repeat(40), 'characters, not UTF-16 units');
  assert.equal(parseBlanks(`{${'𝒜'.repeat(41)}}`)[0].text, `{${'𝒜'.repeat(41)}}`);
  assert.equal(parseBlanks(`{${'😀'.repeat(2)}}`)[0].text, '{😀😀}', 'emoji are not letters');
});

test('parseBlanks keeps hostile text as literal text', () => {
  const segs = parseBlanks(`Dear {name}, ${HOSTILE}`);
  assert.deepEqual(segs, [{ text: 'Dear ' }, { blank: 'name' }, { text: ', Ana; Bob, "C" \\ <img src=x onerror=alert(1)> & ' }, { blank: 'x' }, { text: ' %0A\r\nBcc: evil@example.com' }]);
  assert.deepEqual(parseBlanks('{constructor} {__proto__} {toString}').filter((x) => x.blank).map((x) => x.blank), ['constructor', 'toString'], '"__proto__" has underscores');
});

test('fillBlanks puts values in; an empty or missing value leaves "{name}"', () => {
  const segs = parseBlanks('Hi {name}, since {how long}! {your name}');
  assert.equal(fillBlanks(segs, { name: 'Ana', 'how long': ' two years ', 'your name': '' }), 'Hi Ana, since two years! {your name}');
  assert.equal(fillBlanks(segs, {}), 'Hi {name}, since {how long}! {your name}');
  assert.equal(fillBlanks(segs, null), 'Hi {name}, since {how long}! {your name}');
  assert.equal(fillBlanks(segs, { name: '   ' }), 'Hi {name}, since {how long}! {your name}');
  assert.equal(fillBlanks(segs, { name: HOSTILE }), `Hi ${HOSTILE.trim()}, since {how long}! {your name}`, 'a value is text, used as it is');
  assert.equal(fillBlanks(segs, { name: '{how long}', 'how long': 'x' }), 'Hi {how long}, since x! {your name}', 'a value is not parsed again');
  assert.equal(fillBlanks(parseBlanks('{constructor} {toString}'), {}), '{constructor} {toString}', 'no inherited values');
  assert.equal(fillBlanks(parseBlanks('a {{name}} b'), { name: 'Ana' }), 'a {Ana} b');
  assert.equal(fillBlanks(parseBlanks('plain'), { name: 'x' }), 'plain');
});

test('nameBlank: which blank a person\'s name fills', () => {
  assert.equal(nameBlank(['how long', 'their name', 'name']), 'name');
  assert.equal(nameBlank(['how long', 'their name']), 'their name');
  assert.equal(nameBlank(['company name', 'their name']), 'their name', 'before other "…name" blanks');
  assert.equal(nameBlank(['your name', 'Their Name']), 'Their Name');
  assert.equal(nameBlank(['your name', 'first name', 'boss name']), 'first name');
  assert.equal(nameBlank(['your name', 'Your Name']), null);
  assert.equal(nameBlank(['company', 'project']), null);
  assert.equal(nameBlank([]), null);
  assert.equal(nameBlank(['Name']), 'Name');
});

test('mailtoUrl: RFC 6068 encoding, CRLF line breaks, empty parts left out', () => {
  assert.equal(mailtoUrl('ana@example.com', 'Hello again', 'Hi Ana,\n\nIt has been a while.'),
    'mailto:ana@example.com?subject=Hello%20again&body=Hi%20Ana%2C%0D%0A%0D%0AIt%20has%20been%20a%20while.');
  assert.equal(mailtoUrl('ana@example.com', '', 'a\r\nb\rc'), 'mailto:ana@example.com?body=a%0D%0Ab%0D%0Ac', '\\r\\n and \\r are one line break');
  assert.equal(mailtoUrl('ana@example.com', 'Hi', ''), 'mailto:ana@example.com?subject=Hi');
  assert.equal(mailtoUrl('', 'Hi', 'x'), 'mailto:?subject=Hi&body=x');
  assert.equal(mailtoUrl('ana@example.com', '', ''), 'mailto:ana@example.com');
  assert.equal(mailtoUrl('a+b@example.com', 'x&y=z?', '100% #1'), 'mailto:a%2Bb@example.com?subject=x%26y%3Dz%3F&body=100%25%20%231');
  assert.equal(mailtoUrl('ana@example.com', 'Olá', 'café 😀'), 'mailto:ana@example.com?subject=Ol%C3%A1&body=caf%C3%A9%20%F0%9F%98%80');
  assert.equal(mailtoUrl('ana@example.com', '', 'cut \uD83D'), 'mailto:ana@example.com?body=cut%20%EF%BF%BD', 'a lone surrogate does not throw');
});

test('mailtoUrl: hostile text cannot add headers or break out of the URL', () => {
  const url = mailtoUrl(`ana@example.com?cc=evil@example.com`, HOSTILE, HOSTILE);
  assert.match(url, /^mailto:ana@example\.com%3Fcc%3Devil@example\.com\?subject=[^?&]+&body=[^?&]+$/);
  assert.doesNotMatch(url, /[\s<>"\\]/);
  const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  assert.deepEqual([...params.keys()], ['subject', 'body']);
  assert.equal(params.get('body'), HOSTILE.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n'));
  assert.equal(decodeURIComponent(url.slice(7, url.indexOf('?'))), 'ana@example.com?cc=evil@example.com');
});

test('smsUrl: number and prefilled body', () => {
  assert.equal(smsUrl('+14155550100', 'Hi Ana,\nhow are you?'), 'sms:+14155550100?body=Hi%20Ana%2C%0D%0Ahow%20are%20you%3F');
  assert.equal(smsUrl('0612345678', ''), 'sms:0612345678');
  assert.equal(smsUrl('0612345678', HOSTILE).split('?').length, 2, 'one query');
  assert.doesNotMatch(smsUrl('1?body=x&', HOSTILE), /[\s<>"]|\?body=x/);
});
