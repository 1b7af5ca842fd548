import { CrdRule, SchemaNode } from './crd-schema';
import { show, Violation } from '../common/errors';
import { isObject, pathJoin } from '../common/json';

// The CRDs' `x-kubernetes-validations` rules, evaluated with @marcbachmann/cel-js the way the API server
// evaluates them on a create request:
// - `self` is the value of the node that carries the rule, for every instance of that node;
// - integers are CEL ints (BigInt), strings, lists and maps as they are;
// - an evaluation error (e.g. `no such key: apiGroup`) fails the rule;
// - a transition rule (one that reads `oldSelf`) has no old object on create and is skipped;
// - a rule that calls a function this evaluator does not have is reported as not evaluable, never passed.

/** Minimal typing of the parts of @marcbachmann/cel-js the validator uses (the package is ESM-only). */
interface CelProgram {
  (context: { [name: string]: unknown }): unknown;
  readonly ast: CelAst;
}
interface CelAst {
  readonly op: string;
  readonly args: unknown;
}
interface CelEnvironment {
  registerVariable(name: string, type: string): CelEnvironment;
  parse(expression: string): CelProgram;
  getDefinitions(): { functions: Array<{ name: string }> };
}
interface CelModule {
  Environment: new (options?: object) => CelEnvironment;
}

let ENV: { env: CelEnvironment; functions: Set<string> } | undefined;

function celEnvironment(): { env: CelEnvironment; functions: Set<string> } {
  if (!ENV) {
    // ESM-only package: Node >= 20.19 loads it with require(); loaded on first use only. Its `evaluator`
    // entry point is the Environment without the serializer the package's index adds (one module less to
    // resolve and compile: about 1.5 ms of the ~30 ms the package costs to load).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cel: CelModule = require('@marcbachmann/cel-js/evaluator');
    const env = new cel.Environment({ homogeneousAggregateLiterals: false, enableOptionalTypes: true })
      .registerVariable('self', 'dyn')
      .registerVariable('oldSelf', 'dyn');
    const functions = new Set(env.getDefinitions().functions.map((f) => f.name));
    ENV = { env, functions };
  }
  return ENV;
}

/** A rule, compiled once. */
export interface CompiledRule {
  readonly rule: CrdRule;
  /** Reads `oldSelf`: cannot apply to a new object. */
  readonly transition: boolean;
  /** Why the rule cannot be evaluated here, when it cannot. */
  readonly unsupported?: string;
  readonly program?: CelProgram;
  readonly messageProgram?: CelProgram;
  /** The fields of `self` the rule reads, when it reads only fields (the activation then holds only those). */
  readonly selfFields?: readonly string[];
}

interface AstFacts {
  readonly ids: Set<string>;
  readonly calls: Set<string>;
  /** Fields read as `self.<field>`; undefined when the rule uses `self` as a whole. */
  selfFields: Set<string> | undefined;
}

function collect(node: unknown, parent: { op: string; args: any } | undefined, facts: AstFacts): void {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, parent, facts);
    return;
  }
  if (!isObject(node) || typeof node.op !== 'string') return;
  const args: any = node.args;
  if (node.op === 'id') {
    const id = String(args);
    facts.ids.add(id);
    if (id === 'self') {
      if (parent && (parent.op === '.' || parent.op === '.?') && parent.args[0] === node) facts.selfFields?.add(String(parent.args[1]));
      else facts.selfFields = undefined;
    }
  }
  if (node.op === 'call' || node.op === 'rcall') facts.calls.add(String(args[0]));
  const self = node as { op: string; args: any };
  if (Array.isArray(args)) for (const a of args) collect(a, self, facts);
  else collect(args, self, facts);
}

/** Compiles a rule (once: the result is cached on the schema node). */
export function compileRule(rule: CrdRule): CompiledRule {
  const { env, functions } = celEnvironment();
  let program: CelProgram;
  try {
    program = env.parse(rule.rule);
  } catch (e) {
    return { rule, transition: /\boldSelf\b/.test(rule.rule), unsupported: `the rule does not parse: ${firstLine(e)}` };
  }
  const facts: AstFacts = { ids: new Set(), calls: new Set(), selfFields: new Set() };
  collect(program.ast, undefined, facts);
  const transition = facts.ids.has('oldSelf');
  const missing = [...facts.calls].filter((c) => !functions.has(c));
  if (missing.length > 0) {
    return { rule, transition, unsupported: `CEL function${missing.length > 1 ? 's' : ''} ${missing.map((m) => `${m}()`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not supported by the validator's CEL library` };
  }
  let messageProgram: CelProgram | undefined;
  if (rule.messageExpression) {
    try {
      messageProgram = env.parse(rule.messageExpression);
    } catch {
      messageProgram = undefined; // the static message is used instead
    }
  }
  const selfFields = facts.selfFields && !rule.messageExpression ? [...facts.selfFields] : undefined;
  return { rule, transition, program, messageProgram, selfFields };
}

/** The compiled rules of a node (compiled on first use). */
export function compiledRules(node: SchemaNode): readonly CompiledRule[] {
  let rules: CompiledRule[] | undefined = node.cache.cel;
  if (!rules) {
    rules = node.rules.map(compileRule);
    node.cache.cel = rules;
  }
  return rules;
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}

/**
 * The CEL value of a JSON value: integers of integer-typed (and int-or-string) nodes become BigInt.
 * Subtrees without integers are shared, not copied; converted subtrees are memoised so that nested
 * rule sites reuse their parent's conversion.
 */
export function toCel(value: unknown, node: SchemaNode | undefined, memo: Map<unknown, unknown>): unknown {
  if (node === undefined || !node.hasInteger || value === null || value === undefined) return value;
  if (typeof value === 'number') {
    return (node.type === 'integer' || node.intOrString) && Number.isInteger(value) ? BigInt(value) : value;
  }
  if (typeof value !== 'object') return value;
  const known = memo.get(value);
  if (known !== undefined) return known;
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((item) => toCel(item, node.items, memo));
  } else {
    const obj: { [key: string]: unknown } = {};
    for (const [k, v] of Object.entries(value)) obj[k] = toCel(v, node.properties?.get(k) ?? node.additional, memo);
    out = obj;
  }
  memo.set(value, out);
  return out;
}

const OVERLOAD = /no (matching )?overload|no such overload/i;

/**
 * The `self` a node's rules see: when every rule reads only fields of `self`, an object holding just
 * those fields (converted); otherwise the whole converted value.
 */
function activation(node: SchemaNode, rules: readonly CompiledRule[], value: unknown, memo: Map<unknown, unknown>): unknown {
  if (!isObject(value) || rules.some((r) => r.program && !r.selfFields)) return toCel(value, node, memo);
  const self: { [key: string]: unknown } = {};
  for (const r of rules) {
    for (const f of r.selfFields ?? []) {
      if (f in self || value[f] === undefined) continue;
      self[f] = toCel(value[f], node.properties?.get(f) ?? node.additional, memo);
    }
  }
  return self;
}

/** Evaluates the rules of one node instance; returns the violations. */
export function evaluateRules(node: SchemaNode, value: unknown, path: string, memo: Map<unknown, unknown>): Violation[] {
  const out: Violation[] = [];
  const rules = compiledRules(node);
  let self: unknown;
  for (const compiled of rules) {
    const { rule } = compiled;
    if (compiled.transition && !rule.optionalOldSelf) continue; // no old object on create
    if (compiled.unsupported || !compiled.program) {
      out.push({ path: siteOf(path, rule), message: `rule could not be evaluated: ${compiled.unsupported}; the validator cannot tell whether the API server accepts this value (rule: ${rule.rule})`, source: 'CRD rule', upstream: staticMessage(rule) });
      continue;
    }
    if (compiled.transition) {
      // an optionalOldSelf transition rule runs on create with oldSelf = optional.none(): not supported here
      out.push({ path: siteOf(path, rule), message: `rule could not be evaluated: transition rules with optionalOldSelf are not supported by the validator (rule: ${rule.rule})`, source: 'CRD rule', upstream: staticMessage(rule) });
      continue;
    }
    self ??= activation(node, rules, value, memo);
    let result: unknown;
    try {
      result = compiled.program({ self });
    } catch (e) {
      const reason = firstLine(e);
      out.push(OVERLOAD.test(reason)
        ? { path: siteOf(path, rule), message: `rule could not be evaluated: ${reason} (rule: ${rule.rule}, value: ${shownValue(value, compiled)})`, source: 'CRD rule', upstream: staticMessage(rule) }
        : { path: siteOf(path, rule), message: `${shownValue(value, compiled)} fails rule ${rule.rule}: ${lowerFirst(reason)}`, source: 'CRD rule', upstream: messageOf(compiled, self) });
      continue;
    }
    if (result === true) continue;
    out.push(result === false
      ? { path: siteOf(path, rule), message: `${shownValue(value, compiled)} fails rule ${rule.rule}`, source: 'CRD rule', upstream: messageOf(compiled, self) }
      : { path: siteOf(path, rule), message: `rule could not be evaluated: it returned ${show(typeof result === 'bigint' ? Number(result) : result)}, not a boolean (rule: ${rule.rule})`, source: 'CRD rule', upstream: staticMessage(rule) });
  }
  return out;
}

/** The value as a message shows it: only the fields the rule reads, when it reads only fields. */
function shownValue(value: unknown, compiled: CompiledRule): string {
  if (!isObject(value) || !compiled.selfFields) return show(value);
  const picked: { [key: string]: unknown } = {};
  for (const f of compiled.selfFields) if (value[f] !== undefined) picked[f] = value[f];
  return show(Object.keys(picked).length > 0 ? picked : value);
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0].toLowerCase() + s.slice(1) : s;
}

/** Where a rule's violation is reported: the node's path, plus the rule's fieldPath (built only for a violation). */
function siteOf(path: string, rule: CrdRule): string {
  return rule.fieldPath ? `${path}${rule.fieldPath.startsWith('[') ? '' : '.'}${rule.fieldPath.replace(/^\./, '')}` : path;
}

/** The API server's message of a rule without a message expression. */
function staticMessage(rule: CrdRule): string {
  return rule.message ?? `failed rule: ${rule.rule}`;
}

function messageOf(compiled: CompiledRule, self: unknown): string {
  if (compiled.messageProgram) {
    try {
      const m = compiled.messageProgram({ self });
      if (typeof m === 'string' && m.trim() !== '') return m;
    } catch {
      // the API server falls back to the static message too
    }
  }
  return staticMessage(compiled.rule);
}

/** Where a rule sits, for listings: the node's JSON path pattern plus the rule's fieldPath. */
export function rulePath(node: SchemaNode, rule: CrdRule): string {
  const base = node.where === '' ? '<root>' : node.where;
  return rule.fieldPath ? pathJoin(base, rule.fieldPath.replace(/^\./, '')) : base;
}
