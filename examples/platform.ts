import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  BackupOwnerReference, BackupSchedule, ClusterImage, ClusterImageCatalog, DebianRelease, Extension, ImageType, ObjectStoreCredentials,
  OfficialCatalogs, OfficialExtension, PoolerImage, PoolerType, PoolMode, PostgresFleet, PublicationTarget, RetentionPolicy,
} from '../src';

/**
 * PgBouncer 1.25.1, the operator's default PgBouncer version, pinned by digest. The library cannot check
 * offline that a digest exists in the registry: resolve it yourself (`crane digest ghcr.io/cloudnative-pg/pgbouncer:1.25.1`).
 */
const PGBOUNCER = 'ghcr.io/cloudnative-pg/pgbouncer:1.25.1@sha256:e6ddfe22d845e603825e235dd8334b21ecd125abea2a2172478f556b8dee2bb8';

/**
 * A small platform blueprint: the operator configuration, the official minimal-trixie catalog (with its
 * extensions), a few tenant Clusters, an rw Pooler whose PgBouncer comes from a catalog, nightly backups to
 * an object store through the Barman Cloud plugin, a role and a logical replica of one database into a
 * reporting Cluster. One chart for the whole fleet keeps synthesis linear.
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
    const angus = this.fleet.addCluster('angus', {
      metadata: { name: 'angus', namespace: 'apps' },
      instances: 3,
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(1) },
    });

    // PgBouncer in front of angus's primary. Its image is the component image of a platform catalog (the
    // official catalogs carry none): the catalog decides the PgBouncer version of every Pooler using it,
    // and a change of that image rolls them.
    const components = new ClusterImageCatalog(this, 'components', {
      metadata: { name: 'platform-components' },
      images: [{ major: 18, image: OfficialCatalogs.image({ type: ImageType.MINIMAL, os: DebianRelease.TRIXIE }, 18) }],
      componentImages: { pgbouncer: PGBOUNCER },
    });
    this.fleet.addCatalog(components);
    this.fleet.addPooler('angus-rw', {
      metadata: { name: 'angus-rw' },
      cluster: angus,
      type: PoolerType.RW,
      instances: 2,
      image: PoolerImage.fromCatalog(components),
      poolMode: PoolMode.TRANSACTION,
      parameters: { max_client_conn: '1000', default_pool_size: '20' },
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

    // A team still on PostgreSQL 17, archiving WAL and taking nightly base backups to S3 through the
    // Barman Cloud plugin (installed beside the operator, see the README's Backups section).
    const backupCredentials = kplus.Secret.fromSecretName(this, 'billing-backup-credentials', 'billing-backup-credentials');
    const store = this.fleet.addObjectStore('billing-backups', {
      metadata: { name: 'billing-backups', namespace: 'billing' },
      destinationPath: 's3://acme-postgres-backups/billing',
      credentials: ObjectStoreCredentials.s3AccessKeys(
        { secret: backupCredentials, key: 'ACCESS_KEY_ID' },
        { secret: backupCredentials, key: 'ACCESS_SECRET_KEY' },
      ),
      retentionPolicy: RetentionPolicy.days(30),
    });
    const billing = this.fleet.addCluster('billing', {
      metadata: { name: 'billing', namespace: 'billing' },
      instances: 3,
      image: ClusterImage.fromCatalog(catalog, 17),
      storage: { size: Size.gibibytes(50) },
      barmanCloud: { objectStore: store },
    });
    this.fleet.addScheduledBackup('billing-nightly', {
      metadata: { name: 'billing-nightly' },
      cluster: billing,
      schedule: BackupSchedule.daily(2, 0),
      backupOwnerReference: BackupOwnerReference.SELF,
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
