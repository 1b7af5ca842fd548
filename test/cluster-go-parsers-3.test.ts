import {
  goBase64Decode,
  goCleanPath,
  goJsonStruct,
  isLsn,
  isTargetTime,
  labelValueErrors,
  qualifiedNameErrors,
  re2Compiles,
} from '../src/rules/cluster/go';

// The Go and Kubernetes parsers the operator's webhook relies on (src/rules/cluster/go.ts), checked against
// the Go originals they port: path/filepath.Clean, regexp.Compile (RE2), apimachinery's IsQualifiedName and
// IsValidLabelValue, machinery's ParseTargetTime (lib/pq ParseTimestamp, then time.Parse with RFC 3339 and
// "2006-01-02T15:04:05") and LSN.Parse, encoding/base64.StdEncoding and encoding/json into a struct.
// The webhook calls them from cluster_webhook.go (validateRecoveryTarget, validatePromotionToken, the
// liveness pinger annotation, label selectors), CloudNativePG 1.30.0.

describe('goCleanPath: filepath.Clean', () => {
  // path/filepath TestClean: Clean("") == "." and a path that cancels out to nothing is "."
  test('cleans the empty path and a path that cancels out to "."', () => {
    expect(goCleanPath('')).toBe('.');
    expect(goCleanPath('a/..')).toBe('.');
    expect(goCleanPath('abc/def/../..')).toBe('.');
  });
});

describe('re2Compiles: regexp.Compile (RE2 syntax)', () => {
  test('refuses back-references, which RE2 does not support', () => {
    expect(re2Compiles('(a)\\1')).toBe(false);
    expect(re2Compiles('(a)(b)\\2')).toBe(false);
  });

  // Go's regexp/syntax: an escaped punctuation character is itself, and a "{" that starts no repetition is a literal;
  // both compile in RE2 though JavaScript's Unicode mode refuses them
  test('admits an escaped punctuation character and a literal "{"', () => {
    expect(re2Compiles('a\\-b')).toBe(true);
    expect(re2Compiles('a{')).toBe(true);
  });

  test('refuses a pattern no engine can compile (unbalanced parenthesis)', () => {
    expect(re2Compiles('(')).toBe(false);
    expect(re2Compiles('a(b')).toBe(false);
  });
});

describe('qualifiedNameErrors: apimachinery IsQualifiedName (label keys)', () => {
  const NAME_CHARS = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

  // apimachinery validation_test.go TestIsQualifiedName, the good values
  test('admits names with a DNS subdomain prefix, up to a 253-character prefix and a 63-character name', () => {
    for (const value of ['simple', 'simple/simple', 'now-with-dashes/simple', 'now.with.dots/simple', '1-num.2-num/3-num', '1234/5678',
      '1.2.3.4/5678', 'example.com/Uppercase_Is_OK_123', `${'a'.repeat(253)}/${'b'.repeat(63)}`, 'a'.repeat(63)]) {
      expect({ value, errors: qualifiedNameErrors(value) }).toEqual({ value, errors: [] });
    }
  });

  // TestIsQualifiedName bad values "/simple", "example.com/"
  test('refuses an empty prefix and an empty name, each with its own message', () => {
    expect(qualifiedNameErrors('/simple')).toEqual(['prefix part must be non-empty']);
    expect(qualifiedNameErrors('example.com/')).toEqual(['name part must be non-empty']);
    expect(qualifiedNameErrors('')).toEqual(['name part must be non-empty']);
  });

  // TestIsQualifiedName bad values "Example.com/abc", "example_com/abc", strings.Repeat("a", 254) + "/abc"
  test('refuses a prefix that is not a lowercase RFC 1123 subdomain or is longer than 253 characters', () => {
    const subdomain = 'prefix part must be a lowercase RFC 1123 subdomain';
    expect(qualifiedNameErrors('Example.com/abc')).toEqual([subdomain]);
    expect(qualifiedNameErrors('example_com/abc')).toEqual([subdomain]);
    expect(qualifiedNameErrors(`${'a'.repeat(254)}/abc`)).toEqual([subdomain]);
  });

  // TestIsQualifiedName bad value "only/one/slash"
  test('refuses more than one "/" with the whole-name message', () => {
    expect(qualifiedNameErrors('only/one/slash')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character with an optional DNS subdomain prefix and '/'",
    ]);
  });

  // TestIsQualifiedName bad values strings.Repeat("a", 64), "cantendwithadash-", "nospecialchars%^=@"
  test('refuses a name longer than 63 characters or with characters outside the name syntax', () => {
    expect(qualifiedNameErrors('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(qualifiedNameErrors('cantendwithadash-')).toEqual([NAME_CHARS]);
    expect(qualifiedNameErrors('example.com/nospecialchars%^=@')).toEqual([NAME_CHARS]);
    expect(qualifiedNameErrors(`${'-'.repeat(64)}`)).toEqual(['name part must be no more than 63 characters', NAME_CHARS]);
  });
});

describe('labelValueErrors: apimachinery IsValidLabelValue', () => {
  const VALUE_CHARS = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

  // validation_test.go TestIsValidLabelValue, the good values
  test('admits the empty value and values up to 63 characters of the label syntax', () => {
    for (const value of ['', 'simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a.b.c', 'a'.repeat(63)]) {
      expect({ value, errors: labelValueErrors(value) }).toEqual({ value, errors: [] });
    }
  });

  // TestIsValidLabelValue bad values
  test('refuses a value longer than 63 characters or outside the label syntax, with the whole message', () => {
    expect(labelValueErrors('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    for (const value of ['nospecialchars%^=@', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', '\\backslashes\\are\\bad']) {
      expect({ value, errors: labelValueErrors(value) }).toEqual({ value, errors: [VALUE_CHARS] });
    }
  });
});

describe('isTargetTime: machinery ParseTargetTime (lib/pq ParseTimestamp, then time.Parse)', () => {
  // cluster_webhook_test.go: "TargetTime's format as `YYYY-MM-DD HH24:MI:SS.FF6TZH` is valid" and friends
  test('admits the formats upstream\'s webhook tests admit and refuses "... .FF6 TZH:TZM"', () => {
    expect(isTargetTime('2021-09-01 10:22:47.000000+06')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47.000000+06:00')).toBe(true);
    expect(isTargetTime('2020-01-01 01:01:00')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47.000000 +06:00')).toBe(false);
  });

  test('refuses a value none of the three parsers accepts', () => {
    expect(isTargetTime('yesterday')).toBe(false);
    expect(isTargetTime('2021-09-01X10:22:47')).toBe(false);
  });

  // lib/pq ParseTimestamp: mustAtoi on the year, month and day; expect(' '), expect(':') and mustAtoi on the time
  test('refuses a PostgreSQL timestamp whose date or time fields are not numbers or lack their separators', () => {
    for (const value of ['x021-09-01 10:22:47', '2021-09-0x 10:22:47', '2021-09-01 10x22:47', '2021-09-01 1x:22:47',
      '2021-09-01 10:22x47', '2021-09-01 10:2x:47', '2021-09-01 10:22:4x']) {
      expect({ value, accepted: isTargetTime(value) }).toEqual({ value, accepted: false });
    }
  });

  // lib/pq ParseTimestamp: the fraction runs to the first of "-+Z " or to the end, and must be a number
  test('admits a fraction that runs to the end of the value and refuses one that is not a number', () => {
    expect(isTargetTime('2021-09-01 10:22:47.123')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47.123456')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47.1x3')).toBe(false);
    expect(isTargetTime('2021-09-01 10:22:47.1x3+06')).toBe(false);
  });

  // lib/pq ParseTimestamp: the zone is ±TZH, optionally :TZM and :TZS, each a number
  test('admits a numeric zone with minutes and seconds and refuses one whose hours or minutes are not numbers', () => {
    expect(isTargetTime('2021-09-01 10:22:47-05:30:15')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47+0x')).toBe(false);
    expect(isTargetTime('2021-09-01 10:22:47+06:x0')).toBe(false);
    expect(isTargetTime('2021-09-01 10:22:47+06:00:x0')).toBe(false);
  });

  // lib/pq ParseTimestamp: "time zone Z separator indicates UTC is +00", then the end of the input
  test('admits a "Z" zone after a PostgreSQL timestamp and refuses text after it', () => {
    expect(isTargetTime('2021-09-01 10:22:47Z')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47.5Z')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47Zx')).toBe(false);
  });

  // lib/pq ParseTimestamp: a " BC" suffix lengthens the minimum length and is skipped at the end
  test('admits a date alone and a full timestamp followed by " BC"', () => {
    expect(isTargetTime('2021-09-01')).toBe(true);
    expect(isTargetTime('2021-09-01 BC')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47 BC')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47+06 BC')).toBe(true);
    expect(isTargetTime('2021-09-01 10:22:47 AD')).toBe(false);
  });

  // time.Parse(time.RFC3339, ...): "Z" or a ±hh:mm offset, hours 0-23 and minutes 0-59 within range
  test('admits RFC 3339 with "Z" or a numeric offset, with or without a fraction', () => {
    for (const value of ['2021-09-01T10:22:47Z', '2021-09-01T10:22:47.123456Z', '2021-09-01T10:22:47+06:00', '2021-09-01T10:22:47-05:30',
      '2021-09-01T10:22:47+23:00', '2021-09-01T10:22:47+05:59', '2021-09-01T10:22:47.5+01:00']) {
      expect({ value, accepted: isTargetTime(value) }).toEqual({ value, accepted: true });
    }
  });

  // time.Parse(time.RFC3339, ...): an offset hour above 24 or minute above 60 is out of range
  test('refuses RFC 3339 whose offset hour or minute is out of range', () => {
    expect(isTargetTime('2021-09-01T10:22:47+25:00')).toBe(false);
    expect(isTargetTime('2021-09-01T10:22:47-25:00')).toBe(false);
    expect(isTargetTime('2021-09-01T10:22:47+06:61')).toBe(false);
    expect(isTargetTime('2021-09-01T10:22:47+99:99')).toBe(false);
  });

  // time.Parse("2006-01-02T15:04:05", ...): ParseTargetTime's last resort, a local time without a zone
  test('admits RFC 3339 without a zone (the "2006-01-02T15:04:05" layout), with or without a fraction', () => {
    expect(isTargetTime('2021-09-01T10:22:47')).toBe(true);
    expect(isTargetTime('2021-09-01T10:22:47.123')).toBe(true);
  });

  // time.Parse: month, day, hour, minute and second out of range ("month out of range", "day out of range", ...)
  test('refuses RFC 3339 with a field out of range', () => {
    for (const value of ['2021-13-01T00:00:00Z', '2021-00-01T00:00:00Z', '2021-02-29T00:00:00Z', '2021-09-31T00:00:00', '2021-09-01T24:00:00Z',
      '2021-09-01T10:60:00Z', '2021-09-01T10:22:60Z']) {
      expect({ value, accepted: isTargetTime(value) }).toEqual({ value, accepted: false });
    }
    expect(isTargetTime('2024-02-29T00:00:00Z')).toBe(true);
  });
});

describe('isLsn: machinery LSN.Parse', () => {
  // cluster_webhook_test.go: TargetLSN "1/1" is valid, an overflowing one is not
  test('admits two hexadecimal int64 halves separated by "/"', () => {
    expect(isLsn('1/1')).toBe(true);
    expect(isLsn('0/3000060')).toBe(true);
    expect(isLsn('FFFFFFFF/abcdef01')).toBe(true);
    expect(isLsn('28734982739847293874823974928738423/987429837498273498723984723')).toBe(false);
  });

  // LSN.Parse: strings.Split must give exactly two components, each strconv.ParseInt(…, 16, 64)
  test('refuses other than two parts, and a part that is not hexadecimal', () => {
    expect(isLsn('1/2/3')).toBe(false);
    expect(isLsn('1')).toBe(false);
    expect(isLsn('x/1')).toBe(false);
    expect(isLsn('1/x')).toBe(false);
    expect(isLsn('/1')).toBe(false);
  });
});

describe('goBase64Decode: base64.StdEncoding.DecodeString', () => {
  test('decodes padded Base64 and ignores CR and LF, as Go does', () => {
    expect(goBase64Decode('YWJjZGVm')).toBe('abcdef');
    expect(goBase64Decode('YWJj\nZGVm')).toBe('abcdef');
    expect(goBase64Decode('YWJj\r\nZGVm\n')).toBe('abcdef');
    expect(goBase64Decode('YQ==')).toBe('a');
  });

  test('refuses unpadded input and characters outside the standard alphabet', () => {
    expect(goBase64Decode('YWJ')).toBeUndefined();
    expect(goBase64Decode('YQ')).toBeUndefined();
    expect(goBase64Decode('!!!!YWJj')).toBeUndefined();
    expect(goBase64Decode('YWJj!!!!')).toBeUndefined();
    expect(goBase64Decode('YWJj-_==')).toBeUndefined();
    expect(goBase64Decode('YQ==YQ==')).toBeUndefined();
  });
});

describe('goJsonStruct: encoding/json Unmarshal into a struct', () => {
  const PINGER = { enabled: 'bool', requestTimeout: 'int', connectionTimeout: 'int' } as const;

  test('reads the fields by name, case-insensitively, and ignores unknown keys', () => {
    expect(goJsonStruct('{"enabled": true, "requestTimeout": 500, "other": "x"}', PINGER)).toEqual({ enabled: true, requestTimeout: 500 });
    expect(goJsonStruct('{"ENABLED": false, "connectiontimeout": 7}', PINGER)).toEqual({ enabled: false, connectionTimeout: 7 });
    expect(goJsonStruct('{"name": "x"}', { name: 'string' })).toEqual({ name: 'x' });
  });

  // encoding/json: a JSON null leaves the struct (or the field) as it was, without error
  test('treats null, as a document or as a field value, as nothing set', () => {
    expect(goJsonStruct('null', PINGER)).toEqual({});
    expect(goJsonStruct('{"enabled": null, "requestTimeout": null}', PINGER)).toEqual({});
  });

  test('refuses a document that is not an object, naming what it is', () => {
    expect(goJsonStruct('"x"', PINGER)).toBe('cannot unmarshal string into a struct');
    expect(goJsonStruct('5', PINGER)).toBe('cannot unmarshal number into a struct');
    expect(goJsonStruct('true', PINGER)).toBe('cannot unmarshal boolean into a struct');
    expect(goJsonStruct('[1]', PINGER)).toBe('cannot unmarshal array into a struct');
    expect(goJsonStruct('[]', PINGER)).toBe('cannot unmarshal array into a struct');
  });

  test('refuses a field value of the wrong type, naming the value, the field and its type', () => {
    expect(goJsonStruct('{"requestTimeout": "5"}', PINGER)).toBe('cannot unmarshal "5" into field requestTimeout of type int');
    expect(goJsonStruct('{"requestTimeout": 1.5}', PINGER)).toBe('cannot unmarshal 1.5 into field requestTimeout of type int');
    expect(goJsonStruct('{"enabled": "true"}', PINGER)).toBe('cannot unmarshal "true" into field enabled of type bool');
    expect(goJsonStruct('{"name": 1}', { name: 'string' })).toBe('cannot unmarshal 1 into field name of type string');
  });

  test('returns the JSON parser\'s own message for text that is not JSON', () => {
    const parserMessage = (text: string): string => {
      try {
        JSON.parse(text);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error(`${text} parsed`);
    };
    expect(goJsonStruct('{', PINGER)).toBe(parserMessage('{'));
    expect(goJsonStruct('not json', PINGER)).toBe(parserMessage('not json'));
  });
});
