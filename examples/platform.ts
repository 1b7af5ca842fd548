import { App, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  Database,
  DebianRelease,
  Extension,
  ImageType,
  OfficialExtension,
} from '../src';

/**
 * The platform a team installs once: the official catalogs its Clusters will reference.
 * Cluster-scoped catalogs carry no namespace, so they can live in any chart.
 */
export class Platform extends Chart {
  /** Minimal images on Debian trixie, with the official extensions defined on major 18. */
  public readonly minimal: ClusterImageCatalog;

  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });

    // Clusters opt in to each extension (pgvector, PostGIS, pgaudit, ...) by name.
    this.minimal = ClusterImageCatalog.official(this, 'minimal-trixie', {
      type: ImageType.MINIMAL,
      os: DebianRelease.TRIXIE,
      withExtensions: true,
    });

    // Standard images (locales, pgaudit, pgvector, JIT) for teams that want them baked in.
    ClusterImageCatalog.official(this, 'standard-trixie', {
      type: ImageType.STANDARD,
      os: DebianRelease.TRIXIE,
    });
  }
}

/** Application databases, in their own namespace. */
export class Apps extends Chart {
  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id, { namespace: 'apps', disableResourceNameHashes: true });

    // CNPG's announcement example: three instances of PostgreSQL 18 from the minimal-trixie catalog.
    new Cluster(this, 'angus', {
      metadata: { name: 'angus' },
      instances: 3,
      image: ClusterImage.fromCatalog(platform.minimal, 18),
      storage: { size: Size.gibibytes(1) },
    });

    // A geo-search service: pgvector and PostGIS mounted from the catalog, created in its database.
    const geo = new Cluster(this, 'geo', {
      metadata: { name: 'geo' },
      instances: 2,
      image: ClusterImage.fromCatalog(platform.minimal, 18),
      storage: { size: Size.gibibytes(20) },
      extensions: [Extension.fromCatalog('pgvector'), Extension.fromCatalog('postgis')],
    });
    const db = new Database(this, 'geo-app', { metadata: { name: 'geo-app' }, cluster: geo, name: 'app', owner: 'app' });
    db.addOfficialExtension(OfficialExtension.PGVECTOR);
    db.addOfficialExtension(OfficialExtension.POSTGIS);
  }
}

/** Builds the example app; `npm run synth` writes it to dist/. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  const platform = new Platform(app, 'platform');
  new Apps(app, 'apps', platform);
  return app;
}
