// The bad inputs, as raw text: JSON a serializer would never write (1e309, lone
// surrogates, -0), paths a URL parser would normalize, headers beyond the server's limit.
import type { Kind } from './corpus-table.js';

const json = (value: string) => JSON.stringify(value);
const repeat = (unit: string, times: number) => unit.repeat(times);

const NOT_A_STRING = ['null', 'true', '42', '[]', '{}', '["a"]'];
const NOT_A_NUMBER = ['null', 'true', '"5"', '[]', '{}', '"1e309"'];
/** Each is refused by any strict format: no letters-and-digits shape, no "@". */
const UNICODE = ['"\\u0000"', '"a\\u0000b"', '"\\u202eadmin"', json('📚📚'), '"\\ud800"', '"\\udfff\\ud800"', '"\\ufeff"', '"  "', '""', '"../../etc/passwd"', '"%2e%2e%2f"'];
/** Over `max` characters (however counted: emoji are two UTF-16 units) of NUL, RTL override, emoji, lone surrogates. */
const tooLong = (max: number) => [json(repeat('x', max + 1)), json(repeat('📚', max + 1)), `"${repeat('\\u0000', max + 1)}"`, `"${repeat('\\ud800', max + 1)}"`, json(repeat('\u202e', max + 1))];
const BLANK = ['""', '"   "'];
/**
 * Short strings that are not well-formed UTF-16: lone high and low surrogates alone, after
 * text, before text, and a pair in the wrong order. Each has no UTF-8 form (a 500 once, from
 * encodeURIComponent in a service client), so every string field must refuse it.
 */
const ILL_FORMED = ['"\\ud800"', '"\\udfff"', '"bk-\\ud800"', '"\\ud83dx"', '"x\\ude00"', '"\\udc00\\ud800"', '"admin\\udbff"'];
/** Past the largest double, past 2**53, tiny, negative: wrong for a count and for money alike. */
const NUMBERS = ['1e309', '-1e309', '1e-7', '-1', '9007199254740993', '1e400'];

export const SPOILED: Record<Kind, string[]> = {
  format: [...NOT_A_STRING, ...UNICODE, ...ILL_FORMED],
  key: [...NOT_A_STRING, ...BLANK, json(repeat('k', 101)), '"a b"', '"\\u0000"', json('📚'), ...ILL_FORMED],
  text64: [...NOT_A_STRING, ...BLANK, ...tooLong(64), ...ILL_FORMED],
  text100: [...NOT_A_STRING, ...BLANK, ...tooLong(100), ...ILL_FORMED],
  text300: [...NOT_A_STRING, ...BLANK, ...tooLong(300), ...ILL_FORMED],
  password: [...NOT_A_STRING, '"short"', '"          "', json(repeat('p', 257)), `"${repeat('\\ud800', 300)}"`, ...ILL_FORMED.map((raw) => raw.replace(/^"/, '"long enough ').replace(/"$/, ' password"'))],
  list: ['null', '"x"', '1', '{}', '[]', '[1]', '[null]', '[[]]', `[${repeat('"a",', 20)}"a"]`],
  count100: [...NOT_A_NUMBER, ...NUMBERS, '-0', '0', '1.5', '101'],
  seats: [...NOT_A_NUMBER, ...NUMBERS, '-0', '0', '1.5', '501'],
  stock: [...NOT_A_NUMBER, ...NUMBERS, '0.5', '1000000001'],
  year: [...NOT_A_NUMBER, ...NUMBERS, '-0', '0', '999', '2.5', '99999'],
  money: [...NOT_A_NUMBER, ...NUMBERS, '-0.01', '0.001', '1000000.01'],
  'positive-money': [...NOT_A_NUMBER, ...NUMBERS, '-0', '0', '0.001'],
};

/** `body` as JSON with the field at `path` (dotted, e.g. "0.seats") replaced by raw JSON `raw`. */
export function spoil(body: unknown, path: string, raw: string): string {
  const marker = '__SPOILED_FIELD__';
  const copy = JSON.parse(JSON.stringify(body));
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) at = at[key];
  at[keys[keys.length - 1]] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), raw);
}

export interface BodyCase {
  name: string;
  body: string | Buffer;
  contentType?: string;
  chunked?: boolean;
}

const nestedArrays = (depth: number) => repeat('[', depth) + repeat(']', depth);
const nestedObjects = (depth: number) => repeat('{"a":', depth) + '1' + repeat('}', depth);

/** Whole bodies that no route accepts. */
export const BODIES: BodyCase[] = [
  ...['{', '{"a":', "{'a':1}", '[1,]', 'nul', '{"a":1}}', '{"a":1,}', '{"a":"\\x"}', '{"a":"\u0001"}', 'NaN', '-Infinity', '\u0000', '\ufeff{}'].map((body) => ({ name: `malformed ${JSON.stringify(body)}`, body })),
  { name: 'not UTF-8', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
  ...['null', '1e309', '-0', '"\\ud800"', '[]', '"text"', '{"__proto__":{"role":"librarian"}}', '{"\\ud800":1}', '{"bookId":"bk-1","\\udc00x":1}', '{"constructor":{"prototype":{"x":1}}}'].map((body) => ({ name: `wrong shape ${body}`, body })),
  { name: '30k nested arrays (60 KB)', body: nestedArrays(30_000) },
  { name: '9k nested objects (45 KB)', body: nestedObjects(9_000) },
  { name: 'nested arrays inside a field', body: `{"bookId":${nestedArrays(20_000)}}` },
  { name: '100k nested arrays (200 KB)', body: nestedArrays(100_000) },
  { name: '70 KB of valid JSON', body: JSON.stringify({ pad: repeat('x', 70 * 1024) }) },
  { name: '1 MB sent chunked, no Content-Length', body: JSON.stringify({ pad: repeat('x', 1024 * 1024) }), chunked: true },
  { name: 'JSON as text/plain', body: '{}', contentType: 'text/plain' },
  { name: 'a form', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  { name: 'multipart', body: '--x\r\n\r\n{}\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
  { name: 'JSON with no Content-Type', body: '{}', contentType: '' },
];

/** Stand-ins for a path parameter: traversal, encodings, control and bidi characters, sizes. */
export const PARAM_TRICKS = [
  '..', '.', '..%2f..%2fusers', '%2e%2e', '%2e%2e%2f%2e%2e%2fusers', '%252e%252e%252fusers', '..%5c..%5c', '%00', 'bk-1%00',
  '%', '%zz', '%ED%A0%80', '%E2%80%AEkoob', '%F0%9F%93%9A', '%C0%AE%C0%AE', '1e309', '-0', '9007199254740993',
  'x'.repeat(8000), '%20', '%0d%0aX-Injected:%201',
];

/** Query strings for list and read routes. */
export const QUERIES = [
  'limit=1e309', 'limit=-0', 'limit=1e-7', 'limit=0', 'limit=101', 'offset=9007199254740993', 'offset=-1', 'limit=1&limit=2',
  'limit[]=1', 'q=%00', 'q=%E2%80%AE', 'q=%F0%9F%93%9A', 'q=%ED%A0%80', 'q=%', `q=${'x'.repeat(5000)}`, '__proto__=1',
  'constructor=1&toString=2', 'username=%00', 'status=%00', 'topic=%E2%80%AE', 'date=2026-02-30', 'author=%ud800',
];

/** Raw paths for the gateway alone: what its router must refuse, or never forward. */
export const GATEWAY_PATHS = [
  '/api/../users', '/api/%2e%2e/api/users', '/api/books/..%2f..%2fusers', '/api/books/%252e%252e%252fusers', '/api//books',
  '/api/Books', '/api', '/api/', '/api/%', '/%2e%2e/etc/passwd', '/api/books\\..\\users', '/api/inventory/..%2finternal/stock/take',
  '/api/internal/stock/take', '/api//internal/stock/take', '/api/%69nternal/stock/take', `/api/books/${'x'.repeat(8000)}`,
];
