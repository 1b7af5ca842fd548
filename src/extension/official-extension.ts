let byCatalogName: Map<string, OfficialExtension> | undefined;
const BY_CATALOG_NAME = () => (byCatalogName ??= new Map(OfficialExtension.all().map((e) => [e.catalogName, e])));

/** What the library knows about one official extension. */
export interface OfficialExtensionProps {
  /** Name in catalogs and in `spec.postgresql.extensions` (the folder name upstream). */
  readonly catalogName: string;
  /** Image repository under `ghcr.io/cloudnative-pg/`. */
  readonly imageName: string;
  /** Name for `CREATE EXTENSION` (a Database's `spec.extensions[].name`). */
  readonly sqlName: string;
  /**
   * Libraries PostgreSQL must preload.
   * @default - none
   */
  readonly sharedPreloadLibraries?: string[];
  /**
   * PostgreSQL parameters the extension needs.
   * @default - none
   */
  readonly parameters?: { [name: string]: string };
  /**
   * Catalog names of other extensions it needs.
   * @default - none
   */
  readonly requires?: string[];
  /**
   * Whether it is created with `CREATE EXTENSION` (false for plugins loaded as a library only).
   * @default true
   */
  readonly createExtension?: boolean;
  /**
   * `ld_library_path` entries the image needs (the catalogs set them; a Cluster adds them to an
   * extension given by image).
   * @default - none
   */
  readonly ldLibraryPath?: string[];
  /**
   * Environment the image needs (the catalogs set it; a Cluster adds it to an extension given by image).
   * @default - none
   */
  readonly env?: { [name: string]: string };
}

/**
 * The official extension images of CloudNativePG (postgres-extensions-containers) and their three
 * names: the catalog/Cluster name, the image name and the SQL name, plus the settings each needs.
 * The official catalogs carry only the images, not these settings; a Cluster adds them when one of
 * these extensions is added.
 */
export class OfficialExtension {
  /** pg_crash, a disruptive chaos-testing tool loaded as a library (no CREATE EXTENSION). */
  public static readonly PG_CRASH = new OfficialExtension({
    catalogName: 'pg-crash', imageName: 'pg-crash', sqlName: 'pg_crash', sharedPreloadLibraries: ['pg_crash'], createExtension: false,
  });

  /** pg_ivm, incremental view maintenance. */
  public static readonly PG_IVM = new OfficialExtension({
    catalogName: 'pg-ivm', imageName: 'pg-ivm', sqlName: 'pg_ivm', sharedPreloadLibraries: ['pg_ivm'],
  });

  /** pgAudit, session and object audit logging. */
  public static readonly PGAUDIT = new OfficialExtension({
    catalogName: 'pgaudit', imageName: 'pgaudit', sqlName: 'pgaudit', sharedPreloadLibraries: ['pgaudit'],
  });

  /** pgRouting, routing on PostGIS geometries (needs postgis). */
  public static readonly PGROUTING = new OfficialExtension({
    catalogName: 'pgrouting', imageName: 'pgrouting', sqlName: 'pgrouting', requires: ['postgis'],
  });

  /** pgvector, vector similarity search; `vector` in SQL. */
  public static readonly PGVECTOR = new OfficialExtension({
    catalogName: 'pgvector', imageName: 'pgvector', sqlName: 'vector',
  });

  /**
   * PostGIS; the image is `postgis-extension`. The catalog entry mounts its OS libraries
   * (`ld_library_path: [system]`) and sets GDAL_DATA and PROJ_DATA.
   */
  public static readonly POSTGIS = new OfficialExtension({
    catalogName: 'postgis',
    imageName: 'postgis-extension',
    sqlName: 'postgis',
    ldLibraryPath: ['system'],
    env: { GDAL_DATA: '${image_root}/share/gdal', PROJ_DATA: '${image_root}/share/proj' },
  });

  /** TimescaleDB, Apache-2 edition; `timescaledb` in SQL and in shared_preload_libraries. */
  public static readonly TIMESCALEDB_OSS = new OfficialExtension({
    catalogName: 'timescaledb-oss', imageName: 'timescaledb-oss', sqlName: 'timescaledb', sharedPreloadLibraries: ['timescaledb'],
  });

  /** wal2json, a logical decoding output plugin (no CREATE EXTENSION): needs `wal_level: logical`. */
  public static readonly WAL2JSON = new OfficialExtension({
    catalogName: 'wal2json',
    imageName: 'wal2json',
    sqlName: 'wal2json',
    createExtension: false,
    parameters: { wal_level: 'logical', output_plugin_libraries: 'pgoutput, test_decoding, wal2json' },
  });

  /** Every official extension. */
  public static all(): OfficialExtension[] {
    return [
      OfficialExtension.PG_CRASH, OfficialExtension.PG_IVM, OfficialExtension.PGAUDIT, OfficialExtension.PGROUTING,
      OfficialExtension.PGVECTOR, OfficialExtension.POSTGIS, OfficialExtension.TIMESCALEDB_OSS, OfficialExtension.WAL2JSON,
    ];
  }

  /** The official extension with this catalog name, or undefined. */
  public static fromCatalogName(catalogName: string): OfficialExtension | undefined {
    return BY_CATALOG_NAME().get(catalogName);
  }

  /** Name in catalogs and in `spec.postgresql.extensions`. */
  public readonly catalogName: string;
  /** Image repository name under `ghcr.io/cloudnative-pg/`. */
  public readonly imageName: string;
  /** Name for `CREATE EXTENSION`. */
  public readonly sqlName: string;
  /** Libraries PostgreSQL must preload. */
  public readonly sharedPreloadLibraries: string[];
  /** PostgreSQL parameters the extension needs. */
  public readonly parameters: { [name: string]: string };
  /** Catalog names of extensions it needs. */
  public readonly requires: string[];
  /** Whether it is created with `CREATE EXTENSION`. */
  public readonly createExtension: boolean;
  /** `ld_library_path` entries the image needs. */
  public readonly ldLibraryPath: string[];
  /** Environment the image needs. */
  public readonly env: { [name: string]: string };

  private constructor(props: OfficialExtensionProps) {
    this.catalogName = props.catalogName;
    this.imageName = props.imageName;
    this.sqlName = props.sqlName;
    this.sharedPreloadLibraries = props.sharedPreloadLibraries ?? [];
    this.parameters = props.parameters ?? {};
    this.requires = props.requires ?? [];
    this.createExtension = props.createExtension ?? true;
    this.ldLibraryPath = props.ldLibraryPath ?? [];
    this.env = props.env ?? {};
  }

  /** The image repository, `ghcr.io/cloudnative-pg/<imageName>`. */
  public get imageRepository(): string {
    return `ghcr.io/cloudnative-pg/${this.imageName}`;
  }
}
