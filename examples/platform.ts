import { App, Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterImage, DebianRelease, Extension, ImageType, OfficialExtension, PostgresFleet } from '../src';

/**
 * A small platform blueprint: the operator configuration, the official minimal-trixie catalog (with its
 * extensions), and a few tenant Clusters. One chart for the whole fleet keeps synthesis linear.
 */
export class Platform extends Chart {
  /** The fleet. */
  public readonly fleet: PostgresFleet;

  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });

    this.fleet = new PostgresFleet(this, 'fleet', {
      // A catalog update rolls every Cluster that uses it: spread the pod rollouts over the fleet.
      operatorConfig: {
        clustersRolloutDelay: Duration.minutes(2),
        instancesRolloutDelay: Duration.seconds(30),
      },
      officialCatalogs: [{ type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true }],
    });
    const catalog = this.fleet.officialCatalog({ type: ImageType.MINIMAL, os: DebianRelease.TRIXIE })!;

    // CNPG's announcement example: three instances of PostgreSQL 18.
    this.fleet.addCluster('angus', {
      metadata: { name: 'angus', namespace: 'apps' },
      instances: 3,
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(1) },
    });

    // A geo-search service: pgvector and PostGIS mounted from the catalog, created in its database.
    const geo = this.fleet.addCluster('geo', {
      metadata: { name: 'geo', namespace: 'apps' },
      instances: 2,
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(20) },
      extensions: [Extension.fromCatalog('pgvector'), Extension.fromCatalog('postgis')],
    });
    const db = this.fleet.addDatabase('geo-app', { metadata: { name: 'geo-app' }, cluster: geo, name: 'app', owner: 'app' });
    db.addOfficialExtension(OfficialExtension.PGVECTOR);
    db.addOfficialExtension(OfficialExtension.POSTGIS);

    // A team still on PostgreSQL 17.
    this.fleet.addCluster('billing', {
      metadata: { name: 'billing', namespace: 'billing' },
      instances: 3,
      image: ClusterImage.fromCatalog(catalog, 17),
      storage: { size: Size.gibibytes(50) },
    });
  }
}

/** Builds the example app; `npm run synth` writes it to dist/. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  new Platform(app, 'platform');
  return app;
}
