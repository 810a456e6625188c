// Arbitraries of bad input for the fuzzers: wrong types, huge numbers, dates out of range, HTML and SQL,
// control characters, invalid UTF-8, oversized text.
import fc from 'fast-check';

let serial = 0;
/** A marker unique to one run, so that a page can be searched for what this run sent. */
export const marker = () => `pr${process.pid}x${++serial}`;

export const htmlPayloads = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '</textarea><script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose
  '{{7*7}} ${7*7} <%= 7*7 %>',
];

export const sqlPayloads = [
  "'; drop table people; --",
  "' or '1'='1",
  '1; select pg_sleep(10)',
  "Robert'); DELETE FROM registrations;--",
  '\\x00\\',
];

export const dateStrings = [
  '0000-01-01',
  '0001-01-01T00:00:00Z',
  '1899-12-31',
  '2201-01-01',
  '9999-12-31T23:59:59Z',
  '275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30',
  '2026-02-30T10:00:00+01:00',
  '2026-13-01T10:00',
  '2026-03-29T02:30',
  '31/02/2026 10:00',
  '32/01/2026',
  '2026-07-08T25:61',
  '1e10',
  'demain',
];

export const numberStrings = [
  '1e308',
  '-1e308',
  '99999999999999999999999999',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '1,5',
  '١٢',
  '2147483648',
  '9007199254740993',
];

export const numbers = [
  0,
  -1,
  0.5,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1e21,
  -2147483649,
];

export const strangeText = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202e\u200b\ufeff',
  '\ud800',
  'x\udfffy',
  '\r\n\t',
  '%00',
  '%C0%AF',
  '😀'.repeat(100),
  'é'.repeat(5_000),
  'x'.repeat(10_001),
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
];

/** Text of every kind: the lists above, and arbitrary strings (any code unit, lone surrogates included). */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...htmlPayloads, ...sqlPayloads, ...dateStrings, ...numberStrings, ...strangeText),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ maxLength: 300 }),
  fc.integer().map(String),
  fc.double().map(String),
);

/** A JSON value of the wrong kind as often as of the right one. */
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  fc.constantFrom<unknown>(null, true, false, [], {}, [1, 2], { a: { b: { c: 1 } } }, ...numbers),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A form value: one text, or the field repeated (an array, as the form parser gives it). */
export const nastyFormValue: fc.Arbitrary<string | string[]> = fc.oneof(
  { weight: 4, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.array(nastyText, { minLength: 2, maxLength: 3 }) },
);

const fieldName = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('__proto__', 'constructor', 'staff', 'kind', 'referent', 'id'),
);

/** A JSON object made from a valid one: fields dropped, fields of the wrong value, fields added. */
export function mutatedObject(base: Record<string, unknown>, keys: string[]): fc.Arbitrary<unknown> {
  const known = [...new Set([...Object.keys(base), ...keys])];
  const edit = fc
    .record({
      drop: fc.subarray(known),
      change: fc.dictionary(fc.constantFrom(...known), nastyJson, { maxKeys: 3 }),
      extra: fc.dictionary(fieldName, nastyJson, { maxKeys: 2 }),
    })
    .map(({ drop, change, extra }) => {
      const body: Record<string, unknown> = { ...base };
      for (const k of drop) delete body[k];
      Object.assign(body, change);
      for (const [k, v] of Object.entries(extra))
        Object.defineProperty(body, k, { value: v, enumerable: true, writable: true, configurable: true });
      return body;
    });
  return fc.oneof({ weight: 9, arbitrary: edit }, { weight: 1, arbitrary: nastyJson });
}

/** A form made from a valid one, the same way (values are texts or repeated fields). */
export function mutatedForm(
  base: Record<string, string | string[]>,
): fc.Arbitrary<Record<string, string | string[]>> {
  const known = Object.keys(base);
  return fc
    .record({
      drop: known.length ? fc.subarray(known) : fc.constant([] as string[]),
      change: known.length
        ? fc.dictionary(fc.constantFrom(...known), nastyFormValue, { maxKeys: 3 })
        : fc.constant({}),
      extra: fc.dictionary(
        fieldName.filter((k) => k !== '_csrf'),
        nastyFormValue,
        { maxKeys: 2 },
      ),
    })
    .map(({ drop, change, extra }) => {
      const form: Record<string, string | string[]> = { ...base };
      for (const k of drop) delete form[k];
      Object.assign(form, change);
      for (const [k, v] of Object.entries(extra))
        Object.defineProperty(form, k, { value: v, enumerable: true, writable: true, configurable: true });
      return form;
    });
}

/** Bytes that are not valid UTF-8: lone continuation bytes, overlong encodings, surrogates, truncated sequences. */
export const invalidUtf8 = [
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xe0, 0x80, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0x80]),
];
