import { ApiObject, ApiObjectMetadata, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { CatalogWaves, CatalogWavesProps } from './catalog-waves';
import { RolloutPlanOptions } from './plan-types';
import { RolloutPlan } from './rollout-plan';
import { ClusterImageCatalog, IImageCatalog, ImageCatalogBase } from '../catalog/image-catalog';
import { officialCatalogName } from '../catalog/official-lookup';
import { OfficialCatalogOptions } from '../catalog/official-options';
import { Cluster, ClusterProps } from '../cluster/cluster';
import { Database, DatabaseProps } from '../cluster/database';
import { DatabaseRole, DatabaseRoleProps } from '../cluster/database-role';
import { ObjectStore, ObjectStoreProps } from '../cluster/object-store';
import { IObjectStore } from '../cluster/object-store-ref';
import { Pooler, PoolerProps } from '../cluster/pooler';
import { Publication, PublicationProps } from '../cluster/publication';
import { ScheduledBackup, ScheduledBackupProps } from '../cluster/scheduled-backup';
import { Subscription, SubscriptionProps } from '../cluster/subscription';
import { formatViolation, show, Violation } from '../common/errors';
import { OperatorConfig, OperatorConfigProps } from '../operator/operator-config';
import { ImageSignaturePolicy, ImageSignaturePolicyOptions } from '../policy/image-signature-policy';
import { checkProps } from '../resource/props-check';

/** Properties of a PostgresFleet. */
export interface PostgresFleetProps {
  /**
   * The operator configuration (`cnpg-controller-manager-config`): rollout delays and the rest.
   * @default - no OperatorConfig is created
   */
  readonly operatorConfig?: OperatorConfigProps;

  /**
   * Official catalogs to install (more with `addOfficialCatalog()`).
   * @default - none
   */
  readonly officialCatalogs?: OfficialCatalogOptions[];

  /**
   * Staged catalog waves (canary → production) to create (id `waves`); more with `addCatalogWaves()`.
   * @default - none
   */
  readonly catalogWaves?: CatalogWavesProps;

  /**
   * Default ObjectStores, at most one per namespace: a Cluster added later without its own `barmanCloud`
   * archives to the default store of its namespace (more with `addDefaultObjectStore()`).
   * @default - none
   */
  readonly defaultObjectStores?: IObjectStore[];

  /**
   * Admission policies requiring the signatures of every image of the fleet's catalogs and Clusters (see
   * `ImageSignaturePolicy`), for the engine given. Catalogs and Clusters added later are covered too.
   * @default - no image-signature policy
   */
  readonly imageSignaturePolicy?: ImageSignaturePolicyOptions;
}

/**
 * A platform team's PostgreSQL fleet, composed once: the operator configuration, the image catalogs, and
 * the tenant Clusters (and their Databases) that reference them.
 *
 * The fleet knows which Clusters use which catalog and major, and validates the whole fleet at synth:
 * every catalog and ObjectStore a Cluster references and every Cluster a Database, Pooler or
 * ScheduledBackup names belongs to the fleet (or is a reference to one managed elsewhere), and no two
 * Clusters share a name in a namespace.
 *
 * Keep a fleet in one chart (tenants set their namespace in `metadata.namespace`): cdk8s re-validates the
 * whole app for every chart it writes, so one chart per tenant makes synthesis quadratic.
 */
export class PostgresFleet extends Construct {
  /** The operator configuration, when the fleet has one. */
  public readonly operatorConfig?: OperatorConfig;

  /** The catalog waves of `catalogWaves`, when given. */
  public readonly catalogWaves?: CatalogWaves;

  /** The image-signature admission policy, when the fleet has one. */
  public readonly imageSignaturePolicy?: ImageSignaturePolicy;

  private readonly catalogList: IImageCatalog[] = [];
  private readonly clusterList: Cluster[] = [];
  private readonly databaseList: Database[] = [];
  /** DatabaseRoles, Publications and Subscriptions: objects that manage one PostgreSQL object of a Cluster. */
  private readonly clusterObjects: Array<DatabaseRole | Publication | Subscription> = [];
  private readonly poolerList: Pooler[] = [];
  private readonly backupList: ScheduledBackup[] = [];
  private readonly storeList: IObjectStore[] = [];
  /** The ObjectStore each Cluster archives to, when the fleet knows it. */
  private readonly clusterStores = new Map<Cluster, IObjectStore>();
  private readonly defaultStores = new Map<string, IObjectStore>();

  /**
   * @param scope the parent construct (a Chart, or a construct inside one)
   * @param id the construct id, unique among its siblings
   * @param props the properties of the fleet
   */
  constructor(scope: Construct, id: string, props: PostgresFleetProps = {}) {
    checkProps(scope, id, 'PostgresFleetProps', props);
    super(scope, id);
    if (props.operatorConfig) this.operatorConfig = new OperatorConfig(this, 'operator-config', props.operatorConfig);
    if (props.imageSignaturePolicy) {
      this.imageSignaturePolicy = new ImageSignaturePolicy(this, 'image-signatures', { ...props.imageSignaturePolicy, catalogs: [] });
    }
    for (const options of props.officialCatalogs ?? []) this.addOfficialCatalog(options);
    if (props.catalogWaves) this.catalogWaves = this.addCatalogWaves('waves', props.catalogWaves);
    for (const store of props.defaultObjectStores ?? []) this.addDefaultObjectStore(store);
    // cdk8s validates once per synth and again per chart: the fleet's lists only grow, so their sizes say
    // whether the last result still holds.
    let last: { key: string; messages: string[] } | undefined;
    this.node.addValidation({
      validate: () => {
        const lists = [this.catalogList, this.clusterList, this.databaseList, this.clusterObjects, this.poolerList, this.backupList, this.storeList];
        const key = lists.map((l) => l.length).join('/');
        if (last?.key !== key) last = { key, messages: this.validateFleet().map(formatViolation) };
        return last.messages;
      },
    });
  }

  /** The fleet's catalogs. */
  public get catalogs(): IImageCatalog[] {
    return [...this.catalogList];
  }

  /** The fleet's Clusters. */
  public get clusters(): Cluster[] {
    return [...this.clusterList];
  }

  /** The fleet's Poolers. */
  public get poolers(): Pooler[] {
    return [...this.poolerList];
  }

  /** The fleet's ScheduledBackups. */
  public get scheduledBackups(): ScheduledBackup[] {
    return [...this.backupList];
  }

  /** The fleet's ObjectStores. */
  public get objectStores(): IObjectStore[] {
    return [...this.storeList];
  }

  /** The fleet's Databases. */
  public get databases(): Database[] {
    return [...this.databaseList];
  }

  /** Installs an official catalog (id: its name) and returns it. */
  public addOfficialCatalog(options: OfficialCatalogOptions): ClusterImageCatalog {
    const catalog = ClusterImageCatalog.official(this, officialCatalogName(options), options);
    this.catalogList.push(catalog);
    this.imageSignaturePolicy?.addCatalog(catalog);
    return catalog;
  }

  /** Adds staged catalog waves (see `CatalogWaves`); their catalogs become the fleet's. */
  public addCatalogWaves(id: string, props: CatalogWavesProps): CatalogWaves {
    const waves = new CatalogWaves(this, id, props);
    for (const name of waves.waveNames) this.addCatalog(waves.catalog(name));
    return waves;
  }

  /** Registers a catalog created elsewhere (your own, or a reference to one managed elsewhere). */
  public addCatalog(catalog: IImageCatalog): void {
    if (!this.catalogList.includes(catalog)) this.catalogList.push(catalog); // a handful of catalogs
    this.imageSignaturePolicy?.addCatalog(catalog);
  }

  /** The fleet's official catalog of a flavour, if installed. */
  public officialCatalog(options: OfficialCatalogOptions): IImageCatalog | undefined {
    const name = officialCatalogName(options);
    return this.catalogList.find((c) => c.name === name && c.kind === 'ClusterImageCatalog');
  }

  /**
   * Adds a tenant Cluster (set its namespace in `metadata.namespace`). Without its own `barmanCloud`, it
   * archives to the default ObjectStore of its namespace, if there is one.
   */
  public addCluster(id: string, props: ClusterProps): Cluster {
    const namespace = props.metadata?.namespace ?? Chart.of(this).namespace ?? 'default';
    const store = props.barmanCloud === undefined ? this.defaultStores.get(namespace) : props.barmanCloud.objectStore;
    const withStore = props.barmanCloud === undefined && store !== undefined;
    const cluster = new Cluster(this, id, withStore ? { ...props, barmanCloud: { objectStore: store } } : props);
    this.clusterList.push(cluster);
    if (store !== undefined) this.clusterStores.set(cluster, store);
    this.imageSignaturePolicy?.addCluster(cluster);
    return cluster;
  }

  /** Adds an ObjectStore of the Barman Cloud plugin (in the namespace of the Clusters that use it). */
  public addObjectStore(id: string, props: ObjectStoreProps): ObjectStore {
    const store = new ObjectStore(this, id, props);
    this.storeList.push(store);
    return store;
  }

  /**
   * Makes `store` the ObjectStore of the Clusters added from now on in its namespace without their own
   * `barmanCloud`. One default per namespace; the store joins the fleet's ObjectStores.
   */
  public addDefaultObjectStore(store: IObjectStore): void {
    const namespace = store.namespace ?? (store instanceof ObjectStore ? 'default' : undefined);
    if (namespace === undefined) {
      throw new Error(`[${this.node.path}] defaultObjectStores: ObjectStore ${show(store.name)} has no namespace; a default store is per namespace: give ObjectStore.fromObjectStoreName() its namespace`);
    }
    const current = this.defaultStores.get(namespace);
    if (current !== undefined && current !== store) {
      throw new Error(`[${this.node.path}] defaultObjectStores: namespace ${show(namespace)} already has the default ObjectStore ${show(current.name)}; one default per namespace (give a Cluster another store with its own barmanCloud)`);
    }
    this.defaultStores.set(namespace, store);
    if (!this.storeList.includes(store)) this.storeList.push(store);
  }

  /** The default ObjectStore of a namespace, if the fleet has one. */
  public defaultObjectStore(namespace: string): IObjectStore | undefined {
    return this.defaultStores.get(namespace);
  }

  /** Adds a Database of one of the fleet's Clusters (in the Cluster's namespace). */
  public addDatabase(id: string, props: DatabaseProps): Database {
    const database = new Database(this, id, { ...props, metadata: inClusterNamespace(props) });
    this.databaseList.push(database);
    return database;
  }

  /** Adds a PgBouncer Pooler of one of the fleet's Clusters (in the Cluster's namespace). */
  public addPooler(id: string, props: PoolerProps): Pooler {
    const pooler = new Pooler(this, id, { ...props, metadata: inClusterNamespace(props) });
    this.poolerList.push(pooler);
    return pooler;
  }

  /** Adds a ScheduledBackup of one of the fleet's Clusters (in the Cluster's namespace): a tenant's backups. */
  public addScheduledBackup(id: string, props: ScheduledBackupProps): ScheduledBackup {
    const backup = new ScheduledBackup(this, id, { ...props, metadata: inClusterNamespace(props) });
    this.backupList.push(backup);
    return backup;
  }

  /** Adds a role of one of the fleet's Clusters (in the Cluster's namespace). */
  public addDatabaseRole(id: string, props: DatabaseRoleProps): DatabaseRole {
    return this.track(new DatabaseRole(this, id, { ...props, metadata: inClusterNamespace(props) }));
  }

  /** Adds a publication of a database of one of the fleet's Clusters (in the Cluster's namespace). */
  public addPublication(id: string, props: PublicationProps): Publication {
    return this.track(new Publication(this, id, { ...props, metadata: inClusterNamespace(props) }));
  }

  /**
   * Adds a subscription of one of the fleet's Clusters (in the Cluster's namespace) to a publication: one
   * of the fleet's, or one managed elsewhere by name.
   */
  public addSubscription(id: string, props: SubscriptionProps): Subscription {
    return this.track(new Subscription(this, id, { ...props, metadata: inClusterNamespace(props) }));
  }

  /** The Clusters that reference a catalog (and a major, when given). */
  public clustersUsing(catalog: IImageCatalog, major?: number): Cluster[] {
    return this.clusterList.filter((c) => {
      const ref = c.image.catalog;
      return ref !== undefined && ref.kind === catalog.kind && ref.name === catalog.name
        && (catalog.namespace === undefined || ref.namespace === undefined || ref.namespace === catalog.namespace)
        && (major === undefined || c.image.major === major);
    });
  }

  private track<T extends DatabaseRole | Publication | Subscription>(object: T): T {
    this.clusterObjects.push(object);
    return object;
  }

  /** The fleet's manifests, as the API server would receive them. */
  public toManifests(): any[] {
    return this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson());
  }

  /**
   * What applying this fleet over `before` (manifests of the fleet as it is deployed, e.g. read from the
   * last release) would roll out. The same computation as `cdk8s-cnpg plan`.
   */
  public planRollout(before: any[], options: RolloutPlanOptions = {}): RolloutPlan {
    return RolloutPlan.between(before, this.toManifests(), options);
  }

  private validateFleet(): Violation[] {
    const out: Violation[] = [];
    const known = new Set(this.catalogList.map((c) => `${c.kind}/${c.namespace ?? ''}/${c.name}`));
    // (two objects of one kind, namespace and name are refused at construction by the resource base)
    for (const cluster of this.clusterList) {
      const catalog = cluster.image.catalog;
      // A catalog construct of this app must be one of the fleet's; a reference (fromName/fromOfficial) is external by design.
      if (catalog instanceof ImageCatalogBase && !known.has(`${catalog.kind}/${catalog.namespace ?? ''}/${catalog.name}`)) {
        out.push({
          path: `clusters[${show(`${cluster.namespace ?? 'default'}/${cluster.name}`)}].image`,
          message: `${catalog.kind} ${show(catalog.name)} [${catalog.node.path}] is not one of the fleet's catalogs; add it with addCatalog() so the fleet can plan its updates`,
          source: 'library',
        });
      }
    }
    const clusters = new Set<Cluster>(this.clusterList);
    const publications = new Set(this.clusterObjects.filter((o): o is Publication => o instanceof Publication));
    // The operator reconciles one object per PostgreSQL object of a Cluster (MustHaveManagedResourceExclusivity);
    // paths are computed only for a message
    const managed = new Map<string, IConstruct>();
    for (const object of [...this.databaseList, ...this.clusterObjects]) {
      const kind = object.apiObject.kind;
      const at = () => `${kind[0].toLowerCase()}${kind.slice(1)}s[${show(object.name)}]`;
      const cluster = object.cluster;
      if (cluster instanceof Cluster && !clusters.has(cluster)) {
        out.push({ path: `${at()}.cluster`, message: `Cluster ${show(cluster.name)} [${cluster.node.path}] is not one of the fleet's Clusters`, source: 'library' });
      }
      const publication = object instanceof Subscription ? object.publication : undefined;
      if (publication && !publications.has(publication)) {
        out.push({
          path: `${at()}.publication`,
          message: `Publication ${show(publication.name)} [${publication.node.path}] is not one of the fleet's Publications; add it with addPublication()`,
          source: 'library',
        });
      }
      const key = `${kind}/${object.namespace ?? ''}/${cluster.name}/${object.postgresName}`;
      const other = managed.get(key);
      if (other !== undefined) {
        out.push({
          path: `${at()}.name`,
          message: `${kind} [${other.node.path}] already manages ${show(object.postgresName)} of Cluster ${show(cluster.name)}; the operator lets one object manage it (the one it reconciles first) and fails the other`,
          source: 'operator',
        });
      } else {
        managed.set(key, object);
      }
    }
    for (const [list, object] of [...this.poolerList.map((p) => ['poolers', p] as const), ...this.backupList.map((b) => ['scheduledBackups', b] as const)]) {
      const cluster = object.cluster;
      if (cluster instanceof Cluster && !clusters.has(cluster)) {
        out.push({ path: `${list}[${show(object.name)}].cluster`, message: `Cluster ${show(cluster.name)} [${cluster.node.path}] is not one of the fleet's Clusters`, source: 'library' });
      }
    }
    const stores = new Set<IObjectStore>(this.storeList);
    for (const [cluster, store] of this.clusterStores) {
      if (store instanceof ObjectStore && !stores.has(store)) {
        out.push({
          path: `clusters[${show(`${cluster.namespace ?? 'default'}/${cluster.name}`)}].barmanCloud`,
          message: `ObjectStore ${show(store.name)} [${store.node.path}] is not one of the fleet's ObjectStores; add it with addObjectStore() so the fleet knows where its backups go`,
          source: 'library',
        });
      }
    }
    return out;
  }
}

/** The metadata of an object of a Cluster: in the Cluster's namespace unless it says otherwise. */
function inClusterNamespace(props: { readonly metadata?: ApiObjectMetadata; readonly cluster: { readonly namespace?: string } }): ApiObjectMetadata {
  return { ...props.metadata, namespace: props.metadata?.namespace ?? props.cluster?.namespace };
}
