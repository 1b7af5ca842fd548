import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ClusterImage, DebianRelease, Extension, ImageType, OfficialExtension, PostgresFleet, PublicationTarget,
} from '../src';

/**
 * A small platform blueprint: the operator configuration, the official minimal-trixie catalog (with its
 * extensions), a few tenant Clusters, a role and a logical replica of one database into a reporting
 * Cluster. One chart for the whole fleet keeps synthesis linear.
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
    const billing = this.fleet.addCluster('billing', {
      metadata: { name: 'billing', namespace: 'billing' },
      instances: 3,
      image: ClusterImage.fromCatalog(catalog, 17),
      storage: { size: Size.gibibytes(50) },
    });

    // A logical replica of billing's database in a reporting Cluster (on PostgreSQL 18): billing publishes
    // all tables, the reporting Cluster subscribes as a replication role, whose password is a Secret.
    const replicatorPassword = kplus.Secret.fromSecretName(this, 'billing-replicator-password', 'billing-replicator');
    this.fleet.addDatabaseRole('billing-replicator', {
      metadata: { name: 'billing-replicator' },
      cluster: billing,
      name: 'replicator',
      login: true,
      replication: true,
      inRoles: ['pg_read_all_data'],
      passwordSecret: replicatorPassword,
    });
    const publication = this.fleet.addPublication('billing-publication', {
      metadata: { name: 'billing-app' },
      cluster: billing,
      dbname: 'app',
      name: 'billing',
      target: PublicationTarget.allTables(),
    });
    const reporting = this.fleet.addCluster('reporting', {
      metadata: { name: 'reporting', namespace: 'billing' },
      instances: 1,
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(50) },
      externalClusters: [{
        name: 'billing',
        connectionParameters: { host: 'billing-rw.billing.svc', user: 'replicator', dbname: 'app' },
        password: { secret: replicatorPassword, key: 'password' },
      }],
    });
    this.fleet.addSubscription('reporting-billing', {
      metadata: { name: 'reporting-billing' },
      cluster: reporting,
      dbname: 'app',
      name: 'billing',
      externalClusterName: 'billing',
      publication,
    });
  }
}

/** Builds the example app; `npm run synth` writes it to dist/. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  new Platform(app, 'platform');
  return app;
}
