// The formats the API server checks that CNPG schemas use; other formats are not checked. Each check is
// a self-contained function (no closure): `npx projen import` writes their source into the precompiled
// validators, so that generated code depends on nothing in src/.

/** An ajv format definition. */
export interface AjvFormat {
  readonly type: 'number' | 'string';
  readonly validate: (v: any) => boolean;
}

/** The checked formats as ajv takes them (and as the precompiled validators reference them). */
export const AJV_FORMATS: { readonly [name: string]: AjvFormat } = {
  'int32': { type: 'number', validate: (n: number) => !Number.isInteger(n) || (n >= -(2 ** 31) && n < 2 ** 31) },
  'int64': { type: 'number', validate: (n: number) => !Number.isInteger(n) || (n >= -(2 ** 63) && n < 2 ** 63) },
  'date-time': {
    type: 'string',
    validate: (s: string) => /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  },
  'byte': { type: 'string', validate: (s: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s) },
};

/** What a value of a format is, as messages say it. */
export const FORMAT_DESCRIPTIONS: { readonly [name: string]: string } = {
  'int32': 'a 32-bit integer (-2147483648 to 2147483647)',
  'int64': 'a 64-bit integer',
  'date-time': 'an RFC 3339 date-time such as "2026-01-31T12:00:00Z"',
  'byte': 'base64-encoded bytes',
};
