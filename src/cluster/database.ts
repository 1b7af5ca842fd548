import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { Cluster } from './cluster';
import { LocaleProvider } from './cluster-options';
import { ICluster } from './cluster-ref';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { defined } from '../common/defined';
import { show, Violation } from '../common/errors';
import { snapshot } from '../common/snapshot';
import { OfficialExtension } from '../extension/official-extension';
import { l1Class, l1Enum } from '../resource/l1';
import { lazySpec } from '../resource/lazy-spec';
import {
  integerRangeViolations, optionalStringViolations, referenceViolations, requiredStringViolations, sameNamespaceViolations,
} from '../resource/props';
import { checkProps } from '../resource/props-check';
import { CnpgResource } from '../resource/resource';
import {
  databaseLocaleViolations, duplicateNameViolations, fdwViolations, RESERVED_DATABASE_NAMES, serverViolations,
} from '../rules/database';
import { MAX_CONNECTION_LIMIT } from '../rules/roles';

/** The L1 Database, with escape-hatch patches applied to the manifest as written. */
const DatabaseObject = l1Class(cnpg.Database);

/** Whether a database object exists. */
export enum DatabaseEnsure {
  /** Create or keep it. */
  PRESENT = 'present',
  /** Drop it. */
  ABSENT = 'absent',
}

/** What happens to the PostgreSQL database when the Database object is deleted. */
export enum DatabaseReclaimPolicy {
  /** Keep the database (default). */
  RETAIN = 'retain',
  /** Drop the database. */
  DELETE = 'delete',
}

/** An extension created in the database with `CREATE EXTENSION` (`spec.extensions[]`). */
export interface DatabaseExtension {
  /** SQL name, e.g. `vector` for pgvector. */
  readonly name: string;
  /**
   * Version.
   * @default - the default version of the installed files
   */
  readonly version?: string;
  /**
   * Schema.
   * @default - the first schema of the search path
   */
  readonly schema?: string;
  /**
   * Present or absent.
   * @default DatabaseEnsure.PRESENT
   */
  readonly ensure?: DatabaseEnsure;
}

/** A schema of the database (`spec.schemas[]`). */
export interface DatabaseSchema {
  /** Schema name. */
  readonly name: string;
  /**
   * Owner role (`AUTHORIZATION`).
   * @default - the database owner
   */
  readonly owner?: string;
  /**
   * Present or absent.
   * @default DatabaseEnsure.PRESENT
   */
  readonly ensure?: DatabaseEnsure;
}

/** An option of a foreign data wrapper or foreign server (`OPTIONS (name 'value')`). */
export interface ForeignOption {
  /** Option name, e.g. `host`. */
  readonly name: string;
  /** Option value. */
  readonly value: string;
  /**
   * Present or absent (`absent` drops the option).
   * @default DatabaseEnsure.PRESENT
   */
  readonly ensure?: DatabaseEnsure;
}

/** Whether `USAGE` on a foreign data wrapper or server is granted or revoked. */
export enum ForeignUsageType {
  /** `GRANT USAGE`. */
  GRANT = 'grant',
  /** `REVOKE USAGE`. */
  REVOKE = 'revoke',
}

/** `USAGE` on a foreign data wrapper or server for one role. */
export interface ForeignUsage {
  /** Role name. */
  readonly name: string;
  /**
   * Grant or revoke.
   * @default ForeignUsageType.GRANT
   */
  readonly type?: ForeignUsageType;
}

/** A foreign data wrapper of the database (`spec.fdws[]`), e.g. `postgres_fdw`. */
export interface ForeignDataWrapper {
  /** Name of the foreign data wrapper (its extension must be available to the Cluster). */
  readonly name: string;
  /**
   * Handler function.
   * @default - the handler registered by the extension
   */
  readonly handler?: string;
  /**
   * Validator function.
   * @default - the validator registered by the extension
   */
  readonly validator?: string;
  /**
   * Owner role (must be a superuser).
   * @default - unchanged
   */
  readonly owner?: string;
  /**
   * Options.
   * @default - none
   */
  readonly options?: ForeignOption[];
  /**
   * `USAGE` grants and revokes.
   * @default - none
   */
  readonly usages?: ForeignUsage[];
  /**
   * Present or absent.
   * @default DatabaseEnsure.PRESENT
   */
  readonly ensure?: DatabaseEnsure;
}

/** A foreign server of the database (`spec.servers[]`). */
export interface ForeignServer {
  /** Server name. */
  readonly name: string;
  /** Name of its foreign data wrapper, one of the Database's `foreignDataWrappers`. */
  readonly fdw: string;
  /**
   * Options, e.g. `host`, `port`, `dbname` for postgres_fdw.
   * @default - none
   */
  readonly options?: ForeignOption[];
  /**
   * `USAGE` grants and revokes.
   * @default - none
   */
  readonly usages?: ForeignUsage[];
  /**
   * Present or absent.
   * @default DatabaseEnsure.PRESENT
   */
  readonly ensure?: DatabaseEnsure;
}

/** Options when creating an official extension in a database. */
export interface OfficialDatabaseExtensionOptions {
  /**
   * Version.
   * @default - the default version of the installed files
   */
  readonly version?: string;
  /**
   * Schema.
   * @default - the first schema of the search path
   */
  readonly schema?: string;
}

/** Properties of a Database. */
export interface DatabaseProps {
  /**
   * Metadata of the Database object.
   * @default - a name generated by cdk8s
   */
  readonly metadata?: ApiObjectMetadata;
  /** The Cluster that hosts the database (in the same namespace). */
  readonly cluster: ICluster;
  /** Database name in PostgreSQL (not `postgres`, `template0` or `template1`). */
  readonly name: string;
  /** Owner role. */
  readonly owner: string;
  /**
   * Present or absent.
   * @default DatabaseEnsure.PRESENT
   */
  readonly ensure?: DatabaseEnsure;
  /**
   * What happens to the database when this object is deleted.
   * @default DatabaseReclaimPolicy.RETAIN
   */
  readonly databaseReclaimPolicy?: DatabaseReclaimPolicy;
  /**
   * Extensions to create. More with `addExtension()` or `addOfficialExtension()`.
   * @default - none
   */
  readonly extensions?: DatabaseExtension[];
  /**
   * Schemas. More with `addSchema()`.
   * @default - none
   */
  readonly schemas?: DatabaseSchema[];
  /**
   * Foreign data wrappers. More with `addForeignDataWrapper()`.
   * @default - none
   */
  readonly foreignDataWrappers?: ForeignDataWrapper[];
  /**
   * Foreign servers, each of one of the `foreignDataWrappers`. More with `addForeignServer()`.
   * @default - none
   */
  readonly foreignServers?: ForeignServer[];
  /**
   * Encoding (cannot be changed later).
   * @default - the template's
   */
  readonly encoding?: string;
  /**
   * Template database (cannot be changed later).
   * @default - template1
   */
  readonly template?: string;
  /**
   * Locale: LC_COLLATE and LC_CTYPE at once (cannot be changed later).
   * @default - the template's
   */
  readonly locale?: string;
  /**
   * Locale provider (cannot be changed later). `icuLocale` and `icuRules` need `LocaleProvider.ICU`,
   * `builtinLocale` needs `LocaleProvider.BUILTIN`.
   * @default - the template's
   */
  readonly localeProvider?: LocaleProvider;
  /**
   * LC_COLLATE (cannot be changed later).
   * @default - the template's
   */
  readonly localeCollate?: string;
  /**
   * LC_CTYPE (cannot be changed later).
   * @default - the template's
   */
  readonly localeCType?: string;
  /**
   * ICU locale, with `LocaleProvider.ICU` (PostgreSQL 15+; cannot be changed later).
   * @default - none
   */
  readonly icuLocale?: string;
  /**
   * ICU collation rules, with `LocaleProvider.ICU` (PostgreSQL 16+; cannot be changed later).
   * @default - none
   */
  readonly icuRules?: string;
  /**
   * Builtin locale, with `LocaleProvider.BUILTIN` (PostgreSQL 17+; cannot be changed later).
   * @default - none
   */
  readonly builtinLocale?: string;
  /**
   * Collation version (cannot be changed later).
   * @default - the provider's
   */
  readonly collationVersion?: string;
  /**
   * Concurrent connections allowed (-1: no limit).
   * @default -1
   */
  readonly connectionLimit?: number;
  /**
   * Default tablespace of the database.
   * @default - pg_default
   */
  readonly tablespace?: string;
  /**
   * Whether anyone can connect to the database.
   * @default true
   */
  readonly allowConnections?: boolean;
  /**
   * Whether the database is a template that any role with CREATEDB can clone.
   * @default false
   */
  readonly isTemplate?: boolean;
}

/** The PostgreSQL major that brought each locale field of `CREATE DATABASE`. */
const LOCALE_MAJORS: ReadonlyArray<readonly [field: 'icuLocale' | 'icuRules' | 'builtinLocale', major: number]> = [
  ['icuLocale', 15],
  ['icuRules', 16],
  ['builtinLocale', 17],
];

/**
 * A database of a Cluster (postgresql.cnpg.io/v1 Database): its owner, locale and options, the
 * extensions it creates by their SQL names, its schemas, foreign data wrappers and foreign servers.
 *
 * At construction (and in each `addX()`), it refuses what the operator's webhook and the CRD rules would
 * refuse (duplicate names, locale fields without their provider, reserved names), and props of the wrong
 * type. At synth, it checks what depends on the Cluster: the namespace, that the Cluster can provide
 * each extension and runs a PostgreSQL major that has each locale field, and every foreign server's wrapper.
 */
export class Database extends CnpgResource {
  /** What changes the Database's output besides its metadata and patches: the objects added (see `_initResource`). */
  private static revision(db: Database): string {
    return `${db.extensions.length}/${db.schemas.length}/${db.fdws.length}/${db.servers.length}`;
  }

  /** The generated L1 object (also `node.defaultChild`). */
  public readonly apiObject: ApiObject;

  /** The Cluster. */
  public readonly cluster: ICluster;

  /** The database name in PostgreSQL. */
  public readonly postgresName: string;

  private readonly props: DatabaseProps;
  private readonly extensions: DatabaseExtension[] = [];
  private readonly schemas: DatabaseSchema[] = [];
  private readonly fdws: ForeignDataWrapper[] = [];
  private readonly servers: ForeignServer[] = [];
  /** Official extensions created (by SQL name), which the Cluster must provide. */
  private readonly official = new Map<string, OfficialExtension>();

  /**
   * @param scope the parent construct (a Chart, or a construct inside one)
   * @param id the construct id, unique among its siblings
   * @param props the properties of the Database
   */
  constructor(scope: Construct, id: string, props: DatabaseProps) {
    checkProps(scope, id, 'DatabaseProps', props);
    super(scope, id);
    props = snapshot(props ?? ({} as DatabaseProps));
    this.props = props;
    this._throwIfAny([
      ...referenceViolations('cluster', props.cluster, 'Cluster', 'Cluster.fromClusterName'),
      ...requiredStringViolations('name', props.name),
      ...requiredStringViolations('owner', props.owner),
      ...RESERVED_DATABASE_NAMES.filter((n) => n === props.name).map((n): Violation => ({
        path: 'name',
        message: `${show(n)} is a database PostgreSQL itself needs; choose another name`,
        source: 'CRD rule',
        upstream: `the name ${n} is reserved`,
      })),
      ...(['encoding', 'template', 'locale', 'localeCollate', 'localeCType', 'icuLocale', 'icuRules', 'builtinLocale', 'collationVersion', 'tablespace'] as const)
        .flatMap((field) => optionalStringViolations(field, props[field])),
      ...databaseLocaleViolations(props, ''),
      ...integerRangeViolations('connectionLimit', props.connectionLimit, -1, MAX_CONNECTION_LIMIT,
        'PostgreSQL refuses it in CREATE DATABASE (-1 means no limit)'),
    ]);
    this.cluster = props.cluster;
    this.postgresName = props.name;
    this.apiObject = new DatabaseObject(this, 'Resource', {
      metadata: props.metadata ?? {},
      spec: lazySpec(this),
    });
    for (const ext of props.extensions ?? []) this.addExtension(ext);
    for (const schema of props.schemas ?? []) this.addSchema(schema);
    for (const fdw of props.foreignDataWrappers ?? []) this.addForeignDataWrapper(fdw);
    for (const server of props.foreignServers ?? []) this.addForeignServer(server);
    this._initResource({ revision: Database.revision });
  }

  /** SQL names of the extensions created, in order. */
  public get extensionNames(): string[] {
    return this.extensions.map((e) => e.name);
  }

  /**
   * Creates an extension by its SQL name. Throws when the name is listed already, or is the catalog name
   * of an official extension whose SQL name differs (`pgvector` is `vector` in SQL). At synth, an official
   * extension's SQL name is checked like `addOfficialExtension()`: the Cluster must provide it.
   */
  public addExtension(extension: DatabaseExtension): void {
    const name = extension?.name;
    const at = `extensions[${show(name)}]`;
    this._throwIfAny(requiredStringViolations(`extensions[${this.extensions.length}].name`, name));
    const official = OfficialExtension.all().find((e) => e.sqlName === name || e.catalogName === name);
    if (official && !official.createExtension) this._throwIfAny([libraryOnly(at, official)]);
    if (official && official.sqlName !== name) {
      this._throwIfAny([{
        path: `${at}.name`,
        message: `${show(name)} is the catalog name of an official extension; CREATE EXTENSION needs its SQL name ${show(official.sqlName)} (or use addOfficialExtension(OfficialExtension.${officialConstant(official)}))`,
        source: 'library',
      }]);
    }
    this._throwIfAny(duplicateNameViolations([...this.extensions, extension], 'extensions', 'extension'));
    this.extensions.push({ ...extension });
    if (official && extension.ensure !== DatabaseEnsure.ABSENT) this.official.set(official.sqlName, official);
  }

  /**
   * Creates an official extension by its SQL name (pgvector is `vector`), after the extensions it
   * requires (pgrouting after postgis). Throws for plugins that have no `CREATE EXTENSION` (wal2json,
   * pg-crash). At synth, a Cluster of this app must provide it (mounted, or bundled in its image).
   */
  public addOfficialExtension(extension: OfficialExtension, options: OfficialDatabaseExtensionOptions = {}): void {
    if (!(extension instanceof OfficialExtension)) {
      this._throwIfAny([{
        path: 'extensions',
        message: `${show(extension)} is not an OfficialExtension; expected e.g. OfficialExtension.PGVECTOR, or addExtension({ name }) for another extension`,
        source: 'library',
      }]);
    }
    if (!extension.createExtension) this._throwIfAny([libraryOnly(`extensions[${show(extension.sqlName)}]`, extension)]);
    for (const required of extension.requires) {
      const dependency = OfficialExtension.fromCatalogName(required);
      if (dependency && !this.extensions.some((e) => e.name === dependency.sqlName)) this.addOfficialExtension(dependency);
    }
    this.addExtension({ name: extension.sqlName, version: options.version, schema: options.schema });
  }

  /** Manages a schema. Throws when its name is listed already. */
  public addSchema(schema: DatabaseSchema): void {
    this._throwIfAny([
      ...requiredStringViolations(`schemas[${this.schemas.length}].name`, schema?.name),
      ...duplicateNameViolations([...this.schemas, schema], 'schemas', 'schema'),
    ]);
    this.schemas.push({ ...schema });
  }

  /**
   * Manages a foreign data wrapper (its extension, e.g. `postgres_fdw`, must be created too). Throws when
   * its name, or the name of one of its options or usages, is listed already.
   */
  public addForeignDataWrapper(fdw: ForeignDataWrapper): void {
    const at = `foreignDataWrappers[${this.fdws.length}]`;
    this._throwIfAny([
      ...requiredStringViolations(`${at}.name`, fdw?.name),
      ...usageNameViolations(at, fdw?.usages),
      ...fdwViolations([...this.fdws, fdw], 'foreignDataWrappers', 'usages'),
    ]);
    this.fdws.push({ ...fdw });
  }

  /**
   * Manages a foreign server. Throws when its name, or the name of one of its options or usages, is
   * listed already; at synth, its foreign data wrapper must be one of the Database's.
   */
  public addForeignServer(server: ForeignServer): void {
    const at = `foreignServers[${this.servers.length}]`;
    this._throwIfAny([
      ...requiredStringViolations(`${at}.name`, server?.name),
      ...requiredStringViolations(`${at}.fdw`, server?.fdw).map((v) => ({ ...v, source: 'CRD rule' as const, upstream: 'fdw is required' })),
      ...usageNameViolations(at, server?.usages),
      // (the wrapper may be added later: the webhook rule checks the reference on the manifest at synth)
      ...serverViolations([...this.servers, server], undefined, 'foreignServers', 'usages'),
    ]);
    this.servers.push({ ...server });
  }

  /**
   * The spec in the L1's camelCase shape.
   * @internal
   */
  public _toKube(): cnpg.DatabaseSpec {
    const p = this.props;
    const many = <T, U>(items: T[], map: (item: T) => U): U[] | undefined => (items.length > 0 ? items.map(map) : undefined);
    return defined({
      name: p.name,
      owner: p.owner,
      cluster: { name: this.cluster.name },
      ensure: l1Enum(cnpg.DatabaseSpecEnsure, p.ensure),
      databaseReclaimPolicy: l1Enum(cnpg.DatabaseSpecDatabaseReclaimPolicy, p.databaseReclaimPolicy),
      encoding: p.encoding,
      template: p.template,
      locale: p.locale,
      localeProvider: p.localeProvider,
      localeCollate: p.localeCollate,
      localeCType: p.localeCType,
      icuLocale: p.icuLocale,
      icuRules: p.icuRules,
      builtinLocale: p.builtinLocale,
      collationVersion: p.collationVersion,
      connectionLimit: p.connectionLimit,
      tablespace: p.tablespace,
      allowConnections: p.allowConnections,
      isTemplate: p.isTemplate,
      extensions: many(this.extensions, (e) => defined({
        name: e.name,
        version: e.version,
        schema: e.schema,
        ensure: l1Enum(cnpg.DatabaseSpecExtensionsEnsure, e.ensure),
      })),
      schemas: many(this.schemas, (s) => defined({
        name: s.name,
        owner: s.owner,
        ensure: l1Enum(cnpg.DatabaseSpecSchemasEnsure, s.ensure),
      })),
      fdws: many(this.fdws, fdwToKube),
      servers: many(this.servers, serverToKube),
    });
  }

  /** @internal */
  protected _validateAtSynth(): Violation[] {
    const out: Violation[] = [];
    out.push(...sameNamespaceViolations('Database', this.namespace, this.cluster));
    const cluster = this.cluster;
    if (cluster instanceof Cluster && this.props.ensure !== DatabaseEnsure.ABSENT) {
      const extensions = cluster._extensions;
      for (const [sqlName, ext] of this.official) {
        if (!extensions.provides(ext)) {
          out.push({
            path: `extensions[${show(sqlName)}]`,
            message: `CREATE EXTENSION ${sqlName} would fail: Cluster ${show(cluster.name)} does not mount ${ext.catalogName} and its image does not bundle it; add Extension.fromCatalog(${show(ext.catalogName)}) to the Cluster`,
            source: 'library',
          });
          continue;
        }
        const missing = ext.sharedPreloadLibraries.filter((lib) => !extensions.preloads(lib));
        if (missing.length > 0) {
          out.push({
            path: `extensions[${show(sqlName)}]`,
            message: `CREATE EXTENSION ${sqlName} would fail: Cluster ${show(cluster.name)} does not preload ${missing.join(', ')}; add it to postgresql.sharedPreloadLibraries`,
            source: 'library',
          });
        }
      }
      const major = cluster.major;
      for (const [field, needs] of LOCALE_MAJORS) {
        if (major !== undefined && major < needs && this.props[field] !== undefined) {
          out.push({
            path: field,
            message: `CREATE DATABASE would fail: ${field} needs PostgreSQL ${needs} or later, but Cluster ${show(cluster.name)} runs PostgreSQL ${major}`,
            source: 'library',
          });
        }
      }
    }
    return out;
  }
}

/** The error for an official extension that has no CREATE EXTENSION. */
function libraryOnly(path: string, extension: OfficialExtension): Violation {
  return {
    path,
    message: `${extension.catalogName} is loaded as a library and has no CREATE EXTENSION; mount it on the Cluster only`,
    source: 'library',
  };
}

/** `PGVECTOR` for pgvector: the name of the OfficialExtension constant, for messages. */
function officialConstant(extension: OfficialExtension): string {
  return Object.keys(OfficialExtension).find((k) => (OfficialExtension as any)[k] === extension) ?? extension.catalogName;
}

/** Usage names are role names: the CRD rule "name is required" refuses an empty one. */
function usageNameViolations(at: string, usages: readonly ForeignUsage[] | undefined): Violation[] {
  return (usages ?? []).flatMap((u, i) => requiredStringViolations(`${at}.usages[${i}].name`, u?.name)
    .map((v) => ({ ...v, source: 'CRD rule' as const, upstream: 'name is required' })));
}

function optionsToKube(options: readonly ForeignOption[] | undefined): cnpg.DatabaseSpecFdwsOptions[] | undefined {
  return options?.map((o) => defined({
    name: o.name,
    value: o.value,
    ensure: l1Enum(cnpg.DatabaseSpecFdwsOptionsEnsure, o.ensure),
  }));
}

function usagesToKube(usages: readonly ForeignUsage[] | undefined): cnpg.DatabaseSpecFdwsUsage[] | undefined {
  return usages?.map((u) => defined({ name: u.name, type: l1Enum(cnpg.DatabaseSpecFdwsUsageType, u.type) }));
}

function fdwToKube(f: ForeignDataWrapper): cnpg.DatabaseSpecFdws {
  return defined({
    name: f.name,
    handler: f.handler,
    validator: f.validator,
    owner: f.owner,
    options: optionsToKube(f.options),
    usage: usagesToKube(f.usages),
    ensure: l1Enum(cnpg.DatabaseSpecFdwsEnsure, f.ensure),
  });
}

function serverToKube(s: ForeignServer): cnpg.DatabaseSpecServers {
  return defined({
    name: s.name,
    fdw: s.fdw,
    options: optionsToKube(s.options) as cnpg.DatabaseSpecServersOptions[] | undefined,
    usage: usagesToKube(s.usages) as cnpg.DatabaseSpecServersUsage[] | undefined,
    ensure: l1Enum(cnpg.DatabaseSpecServersEnsure, s.ensure),
  });
}
