import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseCommandArgs } from '../src/cli/args';
import { main } from '../src/cli/main';

// The command line shared by every command: --version, --help, option syntax and its mistakes.

function run(...args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(...l.split('\n')) });
  return { code, out, err };
}

const VERSION = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;

describe('cdk8s-cnpg', () => {
  test.each([['--version'], ['-V']])('%s prints the package version', (flag) => {
    expect(run(flag)).toEqual({ code: 0, out: [VERSION], err: [] });
  });

  test('--help lists every command with its synopsis', () => {
    const { code, out } = run('--help');
    expect(code).toBe(0);
    expect(out[0]).toBe('usage: cdk8s-cnpg <command> [options]');
    expect(out).toContain('  validate FILE...               validate CNPG objects in YAML files against the CRD schemas, CEL rules and webhook rules');
    expect(out).toContain('  plan --before DIR --after DIR  report what a change of synthesised manifests will roll out (--format markdown for a PR, --json for CI)');
  });

  test.each([
    [['validate', '--help'], 'usage: cdk8s-cnpg validate'],
    [['validate', '-h', 'x.yaml'], 'usage: cdk8s-cnpg validate'],
    [['help', 'validate'], 'usage: cdk8s-cnpg validate'],
    [['plan', '--help'], 'usage: cdk8s-cnpg plan'],
    [['help', 'plan'], 'usage: cdk8s-cnpg plan'],
  ])('%j prints the command\'s help, exit 0', (args, first) => {
    const { code, out, err } = run(...args);
    expect({ code, first: out[0].split(' [')[0].split(' --')[0], err }).toEqual({ code: 0, first, err: [] });
    expect(out.some((l) => l.startsWith('exit status:'))).toBe(true);
  });

  test.each([
    [[], 'usage: cdk8s-cnpg <command> [options]'],
    [['deploy'], 'cdk8s-cnpg: unknown command "deploy"'],
    [['help', 'deploy'], 'cdk8s-cnpg help: unknown command "deploy"'],
    [['validate', '--json=yes', 'x.yaml'], 'cdk8s-cnpg validate: --json takes no value (got "yes")'],
    [['validate', '--json', '--json', 'x.yaml'], 'cdk8s-cnpg validate: --json is given twice; give it once'],
    [['plan', '--before=a', '--before', 'b', '--after', 'c'], 'cdk8s-cnpg plan: --before is given twice ("a" and "b"); give it once'],
    [['plan', '--before=', '--after', 'c'], 'cdk8s-cnpg plan: --before needs a folder'],
    [['plan', '--after', 'c', '--before'], 'cdk8s-cnpg plan: --before needs a folder'],
  ])('%j is a usage error: exit 2, message on standard error', (args, message) => {
    const { code, out, err } = run(...args);
    expect({ code, out, message: err[0] }).toEqual({ code: 2, out: [], message });
  });

  test('--name=value and --name value are the same', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    try {
      const separate = run('plan', '--before', empty, '--after', empty);
      const inline = run('plan', `--before=${empty}`, `--after=${empty}`);
      expect(inline).toEqual(separate);
      expect(inline.code).toBe(0);
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });
});

describe('parseCommandArgs', () => {
  const specs = { out: { type: 'string', value: 'a folder' }, json: { type: 'boolean' } } as const;

  test('options, operands, a lone - and everything after --', () => {
    expect(parseCommandArgs(['a', '--out=-x', '-', '--json', '--', '--json', '-h'], specs)).toEqual({
      options: { out: '-x', json: true },
      operands: ['a', '-', '--json', '-h'],
      help: false,
    });
  });

  test('-h and --help before -- ask for help', () => {
    expect(parseCommandArgs(['-h'], specs).help).toBe(true);
    expect(parseCommandArgs(['x', '--help'], specs).help).toBe(true);
  });

  test.each([
    [['--nope'], 'unknown option --nope'],
    [['-q'], 'unknown option -q'],
    [['--out'], '--out needs a folder'],
    [['--out', '--json'], '--out needs a folder'],
    [['--out', 'a', '--out=b'], '--out is given twice ("a" and "b"); give it once'],
    [['--json=false'], '--json takes no value (got "false")'],
  ])('%j: %s', (args, message) => {
    expect(() => parseCommandArgs(args, specs)).toThrow(message);
  });

  test('an option named like an Object property is unknown, not inherited', () => {
    expect(() => parseCommandArgs(['--constructor'], specs)).toThrow('unknown option --constructor');
  });
});
