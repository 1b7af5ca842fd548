import { createHash } from 'crypto';
import { ApiObject, Duration, JsonPatch, Lazy } from 'cdk8s';
import type { IConfigMap, ISecret } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { globProblem } from './glob';
import {
  DEFAULT_CERTIFICATE_DAYS,
  DEFAULT_DRAIN_TAINTS,
  DEFAULT_EXPIRING_CHECK_DAYS,
  ENV_ONLY_KEYS,
  KEY_NAME_PATTERN,
  REMOVED_KEYS,
  TYPED_KEYS,
} from './keys';
import { OPERATOR_CONFIG_NAME } from '../common/constants';
import { constructError, show, Violation } from '../common/errors';
import { isObject } from '../common/json';
import { objectNameViolations, DNS_LABEL, DNS_SUBDOMAIN, qualifiedKeyProblem } from '../common/names';
import { checkProps } from '../resource/props-check';
import { CnpgResource } from '../resource/resource';
import { imageReferenceViolations, parseImageReference } from '../rules/rules';
import { imageNameViolations } from '../rules/webhook';

/** The kind of object that holds the operator configuration. */
export enum OperatorConfigKind {
  /** A ConfigMap (the operator's `--config-map-name`). */
  CONFIG_MAP = 'ConfigMap',
  /** A Secret with `stringData` (the operator's `--secret-name`), read after the ConfigMap. */
  SECRET = 'Secret',
}

/**
 * Properties of the CloudNativePG operator configuration.
 *
 * Every key is optional: an unset key keeps the operator's built-in default, or the value of the
 * environment variable of the same name on the operator Deployment. A key set here beats that
 * environment variable.
 *
 * @see https://cloudnative-pg.io/documentation/current/operator_conf/
 */
export interface OperatorConfigProps {
  /**
   * Name of the ConfigMap (and of the Secret). The operator reads the names given by its
   * `--config-map-name` and `--secret-name` flags, which the release manifest sets to this default.
   * @default "cnpg-controller-manager-config"
   */
  readonly name?: string;

  /**
   * Namespace: the operator reads its configuration from its own namespace only.
   * @default "cnpg-system"
   */
  readonly namespace?: string;

  /**
   * The kind of object that holds the keys. `SECRET` writes a Secret instead of a ConfigMap (like the
   * Helm chart's `config.secret: true`); the operator must then run with `--secret-name`.
   * @default OperatorConfigKind.CONFIG_MAP
   */
  readonly kind?: OperatorConfigKind;

  /**
   * Keys (wire names such as `PULL_SECRET_NAME`) written to a Secret of the same name instead of the
   * ConfigMap. Only with `kind: CONFIG_MAP`; each listed key must be set. A key is written to exactly
   * one of the two objects, so this construct never makes the Secret silently override its ConfigMap.
   * @default - none: every key goes to the object of `kind`
   */
  readonly secretKeys?: string[];

  /**
   * Refuse `postgresImageName` and `pgbouncerImageName` unless pinned by `@sha256:` digest, as image
   * catalogs do. `operatorImageName` is exempt: it must name the operator release that runs, which the
   * release manifest gives by tag.
   * @default true
   */
  readonly requireDigest?: boolean;

  /**
   * `CLUSTERS_ROLLOUT_DELAY`: minimum gap between Pod rollouts of *different* Clusters, written in
   * whole seconds. It gates every rolling update (catalog and image changes included, not only operator
   * upgrades). The operator keeps one global slot: the gap counts from the last Pod rolled in any
   * Cluster, so with N Clusters a catalog change takes at least (N-1) times this delay. Delayed Clusters
   * show phase "Cluster upgrade delayed" and are retried every 15 s.
   * @default - the operator's default, 0 (no delay)
   */
  readonly clustersRolloutDelay?: Duration;

  /**
   * `INSTANCES_ROLLOUT_DELAY`: minimum gap between Pod rollouts within the *same* Cluster, written in
   * whole seconds. Measured per Pod across the whole operator, like `clustersRolloutDelay`.
   * @default - the operator's default, 0 (no delay)
   */
  readonly instancesRolloutDelay?: Duration;

  /**
   * `CERTIFICATE_DURATION`: lifetime of the certificates the operator generates, in whole days (at
   * least 1, and longer than `expiringCheckThreshold`).
   * @default - the operator's default, 90 days
   */
  readonly certificateDuration?: Duration;

  /**
   * `EXPIRING_CHECK_THRESHOLD`: a certificate this close to its expiry counts as expiring and is
   * renewed; whole days, at least 1, shorter than `certificateDuration`.
   * @default - the operator's default, 7 days
   */
  readonly expiringCheckThreshold?: Duration;

  /**
   * `CREATE_ANY_SERVICE`: create the `<cluster>-any` Service and set the Pods' `subdomain`.
   * @default - the operator's default, false
   */
  readonly createAnyService?: boolean;

  /**
   * `DRAIN_TAINTS`: node taint keys that mean "this node is being drained". The list **replaces** the
   * operator's default list (`OperatorConfig.DEFAULT_DRAIN_TAINTS`); spread that list to extend it.
   * @default - the operator's default: node.kubernetes.io/unschedulable, ToBeDeletedByClusterAutoscaler, karpenter.sh/disrupted, karpenter.sh/disruption
   */
  readonly drainTaints?: string[];

  /**
   * `ENABLE_INSTANCE_MANAGER_INPLACE_UPDATES`: after an operator upgrade, replace the instance manager
   * binary inside running Pods instead of rolling them. Such updates are not gated by the rollout delays.
   * @default - the operator's default, false
   */
  readonly enableInstanceManagerInplaceUpdates?: boolean;

  /**
   * `ENABLE_WEBHOOK_NAMESPACE_SUFFIX` (1.30+): look up the webhook configurations as
   * `cnpg-{mutating,validating}-webhook-configuration-<operator namespace>`, so several operators can
   * coexist. You create those configurations yourself.
   * @default - the operator's default, false
   */
  readonly enableWebhookNamespaceSuffix?: boolean;

  /**
   * `MANAGE_WEBHOOK_CONFIGURATIONS` (1.30+): let the operator inject its CA bundle into the webhook
   * configurations. Set false when cert-manager or a GitOps tool injects it.
   * @default - the operator's default, true
   */
  readonly manageWebhookConfigurations?: boolean;

  /**
   * `INCLUDE_PLUGINS`: CNPG-i plugins added, enabled, to every Cluster's `spec.plugins`.
   * @default - none
   */
  readonly includePlugins?: string[];

  /**
   * `INHERITED_ANNOTATIONS`: Cluster annotations copied to every object the operator generates,
   * Pods included. Entries are names or Go `path.Match` globs, in which `*` does not cross `/`:
   * `example.com/*` matches `example.com/team`, and `*` alone matches no prefixed key.
   * @default - none
   */
  readonly inheritedAnnotations?: string[];

  /**
   * `INHERITED_LABELS`: Cluster labels copied to every generated object, Pods included. Names or Go
   * `path.Match` globs, as for `inheritedAnnotations`.
   * @default - none
   */
  readonly inheritedLabels?: string[];

  /**
   * `KUBERNETES_CLUSTER_DOMAIN`: suffix of Service FQDNs, used in server certificate SANs and in the
   * `fqdn-*` connection strings of the app and superuser Secrets.
   * @default - the operator's default, "cluster.local"
   */
  readonly kubernetesClusterDomain?: string;

  /**
   * `MONITORING_QUERIES_CONFIGMAP`: a ConfigMap **in the operator's namespace** whose key `queries`
   * holds default monitoring queries, copied to every Cluster's namespace as `cnpg-default-monitoring`.
   * @default - the release manifest's environment variable, "cnpg-default-monitoring"
   */
  readonly monitoringQueriesConfigMap?: IConfigMap;

  /**
   * `MONITORING_QUERIES_SECRET`: like `monitoringQueriesConfigMap`, from a Secret in the operator's
   * namespace.
   * @default - none
   */
  readonly monitoringQueriesSecret?: ISecret;

  /**
   * `OPERATOR_IMAGE_NAME`: the image of the bootstrap init container of every instance Pod. Changing it
   * rolls every Cluster (unless in-place updates are enabled). A key here overrides the Deployment's
   * environment variable, so update it together with the operator's own image on every upgrade.
   * @default - the operator's own image, from the Deployment's environment variable
   */
  readonly operatorImageName?: string;

  /**
   * `POSTGRES_IMAGE_NAME`: default image of new Clusters that name neither an image nor a catalog. The
   * webhook's tag rules apply to it (a version tag; not `latest`, not a digest alone).
   * @default - the operator's default (ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie in 1.30.0)
   */
  readonly postgresImageName?: string;

  /**
   * `PGBOUNCER_IMAGE_NAME`: default PgBouncer image of Poolers.
   * @default - the operator's default (ghcr.io/cloudnative-pg/pgbouncer:1.25.1 in 1.30.0)
   */
  readonly pgbouncerImageName?: string;

  /**
   * `PULL_SECRET_NAME`: a Secret in the operator's namespace copied to each Cluster as
   * `<cluster>-pull`; ignored when absent.
   * @default - the operator's default, "cnpg-pull-secret"
   */
  readonly pullSecretName?: string;

  /**
   * `STANDBY_TCP_USER_TIMEOUT`: `tcp_user_timeout` of standbys' connection to the primary, written in
   * whole milliseconds; zero means the OS default. It reaches every instance Pod as an environment
   * variable, so changing it rolls every Cluster.
   * @default - unset: the instance manager uses 5000 ms
   */
  readonly standbyTcpUserTimeout?: Duration;

  /**
   * `PLUGIN_SOCKET_DIR`: directory of the CNPG-i plugin sockets (an absolute path).
   * @default - the operator's default, "/plugins"
   */
  readonly pluginSocketDir?: string;

  /**
   * Keys this library does not type yet (a later CloudNativePG release), written as given. Names are
   * upper snake case; typed, environment-only and removed keys are refused with an explanation. Note
   * that a key present with an empty value still overrides the Deployment's environment variable.
   * @default - none
   */
  readonly additionalKeys?: { [key: string]: string };
}

/** Options of `OperatorConfig.restartOperatorOnChange()`. */
export interface RestartOperatorOptions {
  /**
   * `metadata.name` of the operator Deployment.
   * @default - a Deployment named "cnpg-controller-manager", else the only Deployment whose container
   * passes this configuration's name in `--config-map-name` or `--secret-name` (the Helm chart names
   * the Deployment after the release)
   */
  readonly deploymentName?: string;
}

const MS_PER_SECOND = 1000;
const MS_PER_DAY = 86_400_000;
const INVALID_INTEGER = 'Skipping invalid integer value parsing configuration';
const INVALID_GLOB = 'Skipping invalid glob pattern during labels/annotations inheritance';

const ANNOTATED = new WeakMap<ApiObject, string>();

/**
 * The CloudNativePG operator configuration: the ConfigMap `cnpg-controller-manager-config` in
 * `cnpg-system`, and optionally a Secret of the same name, with every key of CloudNativePG 1.30 typed.
 *
 * The operator reads the ConfigMap, then the Secret (the Secret wins per key), **once, at start**.
 * Nothing watches them: after a change the operator must restart. `checksum` is a stable hash of the
 * configuration; `restartOperatorOnChange()` puts it on the operator Deployment's Pod template as
 * `checksum/config`, so that a change of configuration rolls the operator.
 */
export class OperatorConfig extends CnpgResource {
  /** The name the release manifest and the Helm chart give the configuration. */
  public static readonly DEFAULT_NAME = OPERATOR_CONFIG_NAME;

  /** The namespace of the release manifest. */
  public static readonly DEFAULT_NAMESPACE = 'cnpg-system';

  /** The name of the operator Deployment in the release manifest. */
  public static readonly DEFAULT_DEPLOYMENT_NAME = 'cnpg-controller-manager';

  /** The Pod template annotation that restarts the operator when the configuration changes. */
  public static readonly CHECKSUM_ANNOTATION = 'checksum/config';

  /** The operator's default `DRAIN_TAINTS` (1.30), which `drainTaints` replaces. */
  public static readonly DEFAULT_DRAIN_TAINTS: string[] = Object.freeze([...DEFAULT_DRAIN_TAINTS]) as string[];

  /** The kind of object that holds the keys not listed in `secretKeys`. */
  public readonly kind: OperatorConfigKind;

  /** Whether `postgresImageName` and `pgbouncerImageName` must be digest-pinned. */
  public readonly requireDigest: boolean;

  /** The object of `kind` (also `node.defaultChild`): the escape hatch to the raw manifest. */
  public readonly apiObject: ApiObject;

  /**
   * The ConfigMap.
   * @default - none with `kind: SECRET`
   */
  public readonly configMap?: ApiObject;

  /**
   * The Secret.
   * @default - none with `kind: CONFIG_MAP` and no `secretKeys`
   */
  public readonly secret?: ApiObject;

  private readonly configName: string;
  private readonly configNamespace: string;
  private readonly configMapData = new Map<string, string>();
  private readonly secretData = new Map<string, string>();
  private readonly secretKeys: ReadonlySet<string>;
  private readonly monitoringQueriesConfigMap?: IConfigMap;
  private readonly monitoringQueriesSecret?: ISecret;
  private readonly operators: Array<{ deployment: ApiObject; scope: IConstruct }> = [];

  /**
   * @param scope the parent construct (a Chart, or a construct inside one)
   * @param id the construct id, unique among its siblings
   * @param props the properties of the configuration
   */
  constructor(scope: Construct, id: string, props: OperatorConfigProps = {}) {
    checkProps(scope, id, 'OperatorConfigProps', props);
    super(scope, id);
    this.configName = props.name ?? OperatorConfig.DEFAULT_NAME;
    this.configNamespace = props.namespace ?? OperatorConfig.DEFAULT_NAMESPACE;
    this.kind = props.kind ?? OperatorConfigKind.CONFIG_MAP;
    this.requireDigest = props.requireDigest ?? true;
    this.secretKeys = new Set(props.secretKeys ?? []);
    this.monitoringQueriesConfigMap = props.monitoringQueriesConfigMap;
    this.monitoringQueriesSecret = props.monitoringQueriesSecret;

    this._throwIfAny([
      ...objectNameViolations('name', this.configName),
      ...checkNamespace(this.configNamespace),
      ...this.checkSecretKeys(props.secretKeys),
    ]);

    const entries = wireEntries(props, this.requireDigest);
    this._throwIfAny(entries.violations);
    for (const [key, value] of entries.values) this.place(key, value);
    for (const [key, value] of Object.entries(props.additionalKeys ?? {})) {
      this.addKeyAt(`additionalKeys[${show(key)}]`, key, value);
    }

    const metadata = { name: this.configName, namespace: this.configNamespace };
    if (this.kind === OperatorConfigKind.CONFIG_MAP) {
      this.configMap = new ApiObject(this, 'Resource', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata,
        data: Lazy.any({ produce: () => sortedObject(this.configMapData) }),
      });
    }
    if (this.kind === OperatorConfigKind.SECRET || this.secretKeys.size > 0) {
      this.secret = new ApiObject(this, this.configMap ? 'Secret' : 'Resource', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata,
        type: 'Opaque',
        stringData: Lazy.any({ produce: () => sortedObject(this.secretData) }),
      });
    }
    this.apiObject = (this.configMap ?? this.secret)!;

    // a ConfigMap or Secret: no CRD or webhook of CloudNativePG applies to it
    this._initResource({ skipManifestValidation: true });
  }

  /**
   * What the operator reads: the ConfigMap's keys and the Secret's, by wire name (a copy).
   */
  public get data(): { [key: string]: string } {
    return sortedObject(new Map([...this.configMapData, ...this.secretData])) ?? {};
  }

  /**
   * SHA-256 (hex) of what the operator reads: every key and value of the ConfigMap and the Secret,
   * sorted. It is stable across runs and changes when any value changes, but not when a key only moves
   * between the ConfigMap and the Secret.
   */
  public get checksum(): string {
    const canonical = JSON.stringify(Object.entries(this.data));
    return createHash('sha256').update(canonical).digest('hex');
  }

  /**
   * `{ "checksum/config": checksum }`: the Pod template annotation to put on an operator Deployment
   * managed elsewhere (kustomize patch, `kubectl patch`, a Helm value), so that it restarts when this
   * configuration changes.
   */
  public get checksumAnnotation(): { [key: string]: string } {
    return { [OperatorConfig.CHECKSUM_ANNOTATION]: this.checksum };
  }

  /**
   * Sets a key that this library does not type yet (a later CloudNativePG release). The name must be
   * upper snake case and not a typed, environment-only or removed key. The value is written as given.
   */
  public addKey(name: string, value: string): void {
    this.addKeyAt(`addKey(${show(name)})`, name, value);
  }

  /**
   * Restarts the operator whenever this configuration changes, by annotating the Pod template of its
   * Deployment with `checksum/config` (the annotation follows keys added later).
   *
   * `operator` is the Deployment's `ApiObject`, or any construct holding it, such as the cdk8s
   * `Include` of the release manifest or the cdk8s `Helm` construct of the operator chart. At synth,
   * the Deployment must run in this configuration's namespace and pass its name in
   * `--config-map-name` (and `--secret-name` when a Secret is written), and `operator` must not define
   * a ConfigMap or Secret of the same name (set the Helm chart's `config.create: false`).
   *
   * @returns the Deployment that was annotated
   */
  public restartOperatorOnChange(operator: IConstruct, options: RestartOperatorOptions = {}): ApiObject {
    const deployment = this.findDeployment(operator, options);
    if (this.operators.some((o) => o.deployment === deployment)) return deployment;
    const other = ANNOTATED.get(deployment);
    if (other !== undefined) {
      throw constructError(this, {
        path: 'restartOperatorOnChange',
        message: `Deployment ${show(deployment.name)} at [${deployment.node.path}] already restarts on the configuration [${other}]; an operator reads one configuration`,
        source: 'library',
      });
    }
    const json = jsonOf(deployment);
    if (json?.spec?.template === undefined) {
      throw constructError(this, {
        path: 'restartOperatorOnChange',
        message: `Deployment ${show(deployment.name)} at [${deployment.node.path}] has no spec.template to annotate`,
        source: 'library',
      });
    }
    if (json.spec.template.metadata === undefined) {
      deployment.addJsonPatch(JsonPatch.add('/spec/template/metadata', {}));
    }
    if (json.spec.template.metadata?.annotations === undefined) {
      deployment.addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations', {}));
    }
    // cdk8s applies patches after resolving tokens and clones their values through JSON, so an object
    // with toJSON() is how the value stays late-bound (keys added after this call still count).
    const late = { toJSON: () => this.checksum };
    deployment.addJsonPatch(JsonPatch.add(`/spec/template/metadata/annotations/${OperatorConfig.CHECKSUM_ANNOTATION.replace('/', '~1')}`, late));
    this.operators.push({ deployment, scope: operator });
    ANNOTATED.set(deployment, this.node.path);
    return deployment;
  }

  private place(key: string, value: string): void {
    if (this.kind === OperatorConfigKind.SECRET || this.secretKeys.has(key)) {
      this.secretData.set(key, value);
    } else {
      this.configMapData.set(key, value);
    }
  }

  private addKeyAt(path: string, name: string, value: string): void {
    const problem = keyNameProblem(name);
    if (problem) throw constructError(this, { path, ...problem });
    if (typeof value !== 'string') {
      throw constructError(this, { path, message: `value ${show(value)} is not a string; every value of the configuration is a string`, source: 'library' });
    }
    if (this.configMapData.has(name) || this.secretData.has(name)) {
      throw constructError(this, { path, message: `${show(name)} is set twice; each key may be set once`, source: 'library' });
    }
    this.place(name, value);
  }

  private checkSecretKeys(keys: string[] | undefined): Violation[] {
    if (keys === undefined) return [];
    const out: Violation[] = [];
    if (this.kind === OperatorConfigKind.SECRET) {
      out.push({ path: 'secretKeys', message: 'with kind: SECRET every key is already in the Secret; remove secretKeys', source: 'library' });
    }
    if (keys.length === 0) {
      out.push({ path: 'secretKeys', message: 'the list is empty; omit it to write every key to the ConfigMap', source: 'library' });
    }
    keys.forEach((key, i) => {
      const problem = TYPED_KEYS.has(key) ? undefined : keyNameProblem(key);
      if (problem) out.push({ path: `secretKeys[${i}]`, ...problem });
      if (keys.indexOf(key) !== i) out.push({ path: `secretKeys[${i}]`, message: `${show(key)} is listed twice`, source: 'library' });
    });
    return out;
  }

  /** @internal */
  protected _validateAtSynth(): Violation[] {
    const out: Violation[] = [];
    for (const key of this.secretKeys) {
      if (!this.secretData.has(key)) {
        out.push({
          path: 'secretKeys',
          message: `${show(key)} is listed but not set${TYPED_KEYS.has(key) ? ` (set it with ${TYPED_KEYS.get(key)})` : ' (set it with additionalKeys or addKey())'}`,
          source: 'library',
        });
      }
    }
    out.push(...this.checkQueries('monitoringQueriesConfigMap', 'ConfigMap', this.monitoringQueriesConfigMap));
    out.push(...this.checkQueries('monitoringQueriesSecret', 'Secret', this.monitoringQueriesSecret));
    for (const { deployment, scope } of this.operators) out.push(...this.checkOperator(deployment, scope));
    return out;
  }

  /**
   * A queries object of this app must be in the operator's namespace and hold the key `queries`. The
   * object is recognised by its manifest (apiVersion v1, kind and name), not by its class, so that a
   * ConfigMap or Secret of any cdk8s-plus release (or a plain ApiObject construct) is checked; a
   * reference to an object managed elsewhere (`fromConfigMapName`) has no manifest and is not checked.
   */
  private checkQueries(prop: string, kind: 'ConfigMap' | 'Secret', ref: IConfigMap | ISecret | undefined): Violation[] {
    const manifest = ref === undefined ? undefined : manifestOf(ref, kind, ref.name);
    if (manifest === undefined) return [];
    const out: Violation[] = [];
    const namespace = manifest.metadata?.namespace;
    if (namespace !== undefined && namespace !== this.configNamespace) {
      out.push({
        path: prop,
        message: `${kind} ${show(ref!.name)} is in namespace ${show(namespace)}, but the operator reads it from its own namespace, ${show(this.configNamespace)}; create it there`,
        source: 'operator',
      });
    }
    const sections = kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
    if (!sections.some((section) => isObject(manifest[section]) && 'queries' in manifest[section])) {
      out.push({
        path: prop,
        message: `${kind} ${show(ref!.name)} has no key "queries"; the operator reads the default monitoring queries from that key only`,
        source: 'operator',
      });
    }
    return out;
  }

  private checkOperator(deployment: ApiObject, scope: IConstruct): Violation[] {
    const out: Violation[] = [];
    const at = `restartOperatorOnChange(${deployment.node.path})`;
    const json = jsonOf(deployment);
    const namespace = json?.metadata?.namespace;
    if (namespace !== undefined && namespace !== this.configNamespace) {
      out.push({
        path: at,
        message: `the operator runs in namespace ${show(namespace)} and reads its configuration there, but this configuration is in ${show(this.configNamespace)}; set namespace: ${show(namespace)}`,
        source: 'operator',
      });
    }
    const args = containerArgs(json);
    const wanted: Array<[string, OperatorConfigKind]> = [];
    if (this.configMap) wanted.push(['--config-map-name', OperatorConfigKind.CONFIG_MAP]);
    if (this.secret) wanted.push(['--secret-name', OperatorConfigKind.SECRET]);
    for (const [flag, kind] of wanted) {
      const value = flagValue(args, flag);
      if (value !== this.configName) {
        out.push({
          path: at,
          message: value === undefined
            ? `Deployment ${show(deployment.name)} does not pass ${flag}, so the operator reads no ${kind}; add ${flag}=${this.configName} to its arguments`
            : `Deployment ${show(deployment.name)} passes ${flag}=${value}, so the operator would not read the ${kind} ${show(this.configName)}; set name: ${show(value)} or change the flag`,
          source: 'operator',
        });
      }
    }
    const mine = new Set<IConstruct>(this.node.findAll());
    for (const c of scope.node.findAll()) {
      if (!ApiObject.isApiObject(c) || mine.has(c) || (c.kind !== 'ConfigMap' && c.kind !== 'Secret') || c.apiVersion !== 'v1') continue;
      const other = jsonOf(c)?.metadata;
      if (other?.name === this.configName && (other.namespace === undefined || other.namespace === this.configNamespace)) {
        out.push({
          path: at,
          message: `[${c.node.path}] also defines ${c.kind} ${show(this.configName)}, which would fight with this configuration${c.kind === 'Secret' ? ' and override its keys' : ''}; remove it (Helm chart: config.create: false)`,
          source: 'library',
        });
      }
    }
    return out;
  }

  private findDeployment(operator: IConstruct, options: RestartOperatorOptions): ApiObject {
    const deployments = operator.node.findAll().filter(
      (c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'Deployment' && c.apiVersion === 'apps/v1',
    );
    const wantedName = options.deploymentName ?? OperatorConfig.DEFAULT_DEPLOYMENT_NAME;
    let found = deployments.filter((d) => d.name === wantedName);
    if (found.length === 0 && options.deploymentName === undefined) {
      found = deployments.filter((d) => {
        const args = containerArgs(jsonOf(d));
        return flagValue(args, '--config-map-name') === this.configName || flagValue(args, '--secret-name') === this.configName;
      });
    }
    if (found.length === 1) return found[0];
    const listed = deployments.length > 0 ? deployments.map((d) => show(d.name)).join(', ') : 'none';
    const expected = options.deploymentName !== undefined
      ? `a Deployment named ${show(wantedName)}`
      : `a Deployment named ${show(wantedName)}, or one passing --config-map-name=${this.configName} or --secret-name=${this.configName}`;
    throw constructError(this, {
      path: 'restartOperatorOnChange',
      message: found.length === 0
        ? `no operator Deployment under [${operator.node.path}]: expected ${expected} (Deployments found: ${listed}); pass the Include, Helm or ApiObject of the operator, or options.deploymentName`
        : `${found.length} Deployments under [${operator.node.path}] could be the operator (${found.map((d) => show(d.name)).join(', ')}); choose one with options.deploymentName`,
      source: 'library',
    });
  }

}

/** Why a key cannot go through the escape hatch, or undefined when it can. */
function keyNameProblem(name: string): Omit<Violation, 'path'> | undefined {
  const typed = TYPED_KEYS.get(name);
  if (typed !== undefined) {
    return { message: `${show(name)} is a typed key; set it with the prop ${typed}, which validates it`, source: 'library' };
  }
  const envOnly = ENV_ONLY_KEYS.get(name);
  if (envOnly !== undefined) {
    return { message: `${show(name)} has no effect in the operator configuration: ${envOnly}`, source: 'operator' };
  }
  const removed = REMOVED_KEYS.get(name);
  if (removed !== undefined) {
    return { message: `${show(name)} is not a key of CloudNativePG 1.30: ${removed}`, source: 'operator' };
  }
  if (typeof name !== 'string' || !KEY_NAME_PATTERN.test(name)) {
    return { message: `${show(name)} is not a configuration key name; expected upper snake case (${KEY_NAME_PATTERN.source}), like every key the operator reads`, source: 'library' };
  }
  return undefined;
}

interface WireEntries {
  readonly values: Array<[string, string]>;
  readonly violations: Violation[];
}

/** The typed props as wire keys and string values, with every violation. */
function wireEntries(props: OperatorConfigProps, requireDigest: boolean): WireEntries {
  const values: Array<[string, string]> = [];
  const violations: Violation[] = [];
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) values.push([key, value]);
  };
  const collect = (result: { value?: string; violations: Violation[] }) => {
    violations.push(...result.violations);
    return result.value;
  };

  set('CLUSTERS_ROLLOUT_DELAY', collect(whole('clustersRolloutDelay', 'CLUSTERS_ROLLOUT_DELAY', props.clustersRolloutDelay, SECONDS)));
  set('INSTANCES_ROLLOUT_DELAY', collect(whole('instancesRolloutDelay', 'INSTANCES_ROLLOUT_DELAY', props.instancesRolloutDelay, SECONDS)));
  set('STANDBY_TCP_USER_TIMEOUT', collect(whole('standbyTcpUserTimeout', 'STANDBY_TCP_USER_TIMEOUT', props.standbyTcpUserTimeout, MILLISECONDS)));
  const certificateDays = collect(whole('certificateDuration', 'CERTIFICATE_DURATION', props.certificateDuration, DAYS,
    'generated certificates would expire as soon as they are issued'));
  const thresholdDays = collect(whole('expiringCheckThreshold', 'EXPIRING_CHECK_THRESHOLD', props.expiringCheckThreshold, DAYS,
    'certificates would be renewed only once they have expired'));
  set('CERTIFICATE_DURATION', certificateDays);
  set('EXPIRING_CHECK_THRESHOLD', thresholdDays);
  violations.push(...checkCertificateDays(certificateDays, thresholdDays));

  set('CREATE_ANY_SERVICE', bool(props.createAnyService));
  set('ENABLE_INSTANCE_MANAGER_INPLACE_UPDATES', bool(props.enableInstanceManagerInplaceUpdates));
  set('ENABLE_WEBHOOK_NAMESPACE_SUFFIX', bool(props.enableWebhookNamespaceSuffix));
  set('MANAGE_WEBHOOK_CONFIGURATIONS', bool(props.manageWebhookConfigurations));

  set('DRAIN_TAINTS', collect(list('drainTaints', props.drainTaints, 'taint key', taintKeyProblem,
    'the operator would keep its default taints; omit drainTaints for that')));
  set('INCLUDE_PLUGINS', collect(list('includePlugins', props.includePlugins, 'plugin name', () => undefined,
    'omit includePlugins to include no plugin')));
  set('INHERITED_ANNOTATIONS', collect(list('inheritedAnnotations', props.inheritedAnnotations, 'annotation name or pattern', globViolation,
    'omit inheritedAnnotations to inherit no annotation')));
  set('INHERITED_LABELS', collect(list('inheritedLabels', props.inheritedLabels, 'label name or pattern', globViolation,
    'omit inheritedLabels to inherit no label')));

  if (props.kubernetesClusterDomain !== undefined) {
    const domain = props.kubernetesClusterDomain;
    if (typeof domain !== 'string' || domain.length > 253 || !DNS_SUBDOMAIN.test(domain)) {
      violations.push({ path: 'kubernetesClusterDomain', message: `${show(domain)} is not a DNS domain; expected lowercase labels separated by dots, without a trailing dot (e.g. "cluster.local")`, source: 'library' });
    }
    set('KUBERNETES_CLUSTER_DOMAIN', domain);
  }
  if (props.pluginSocketDir !== undefined) {
    if (typeof props.pluginSocketDir !== 'string' || !props.pluginSocketDir.startsWith('/')) {
      violations.push({ path: 'pluginSocketDir', message: `${show(props.pluginSocketDir)} is not an absolute path; expected a directory such as "/plugins"`, source: 'library' });
    }
    set('PLUGIN_SOCKET_DIR', props.pluginSocketDir);
  }
  if (props.pullSecretName !== undefined) {
    violations.push(...objectNameViolations('pullSecretName', props.pullSecretName));
    set('PULL_SECRET_NAME', props.pullSecretName);
  }
  if (props.monitoringQueriesConfigMap !== undefined) set('MONITORING_QUERIES_CONFIGMAP', props.monitoringQueriesConfigMap.name);
  if (props.monitoringQueriesSecret !== undefined) set('MONITORING_QUERIES_SECRET', props.monitoringQueriesSecret.name);

  const images: Array<[string, string, string | undefined, boolean]> = [
    ['operatorImageName', 'OPERATOR_IMAGE_NAME', props.operatorImageName, false],
    ['postgresImageName', 'POSTGRES_IMAGE_NAME', props.postgresImageName, requireDigest],
    ['pgbouncerImageName', 'PGBOUNCER_IMAGE_NAME', props.pgbouncerImageName, requireDigest],
  ];
  for (const [prop, key, image, pinned] of images) {
    if (image === undefined) continue;
    violations.push(...imageReferenceViolations(prop, image, pinned));
    set(key, image);
  }
  if (props.postgresImageName !== undefined && parseImageReference(props.postgresImageName)) {
    // It becomes spec.imageName of every new Cluster without an image: the webhook's tag rules apply.
    violations.push(...imageNameViolations(props.postgresImageName, 'postgresImageName').map((v) => ({
      ...v,
      message: `${v.message}; the operator would write it as spec.imageName of every new Cluster that names no image, and the webhook would refuse them`,
    })));
  }
  return { values, violations };
}

interface Unit {
  readonly name: string;
  readonly ms: number;
  readonly example: string;
}

const SECONDS: Unit = { name: 'seconds', ms: MS_PER_SECOND, example: 'Duration.seconds(90)' };
const MILLISECONDS: Unit = { name: 'milliseconds', ms: 1, example: 'Duration.millis(5000)' };
const DAYS: Unit = { name: 'days', ms: MS_PER_DAY, example: 'Duration.days(30)' };

/**
 * A Duration as a whole, non-negative number of `unit`, written in decimal. With `zero`, a zero
 * duration is refused for that reason.
 */
function whole(prop: string, key: string, duration: Duration | undefined, unit: Unit, zero?: string): { value?: string; violations: Violation[] } {
  if (duration === undefined) return { violations: [] };
  const amount = duration.toMilliseconds({ integral: false }) / unit.ms;
  const described = `${amount} ${unit.name}`;
  const refuse = (v: Omit<Violation, 'path'>) => ({ violations: [{ path: prop, ...v }] });
  if (!Number.isFinite(amount)) {
    return refuse({ message: `${described} is not a finite duration; ${key} takes a whole number of ${unit.name}`, source: 'library' });
  }
  if (amount < 0) {
    return refuse({ message: `${described} is negative; ${key} takes a whole number of ${unit.name}, ${zero ? 'at least 1' : '0 or more'}`, source: 'library' });
  }
  if (!Number.isInteger(amount)) {
    return refuse({
      message: `${described} is not a whole number of ${unit.name}; ${key} takes whole ${unit.name}, e.g. ${unit.example}, and the operator would ignore "${amount}" and keep its previous value`,
      source: 'operator',
      upstream: INVALID_INTEGER,
    });
  }
  if (amount === 0 && zero) {
    return refuse({ message: `${described} is refused: ${zero}; ${key} takes at least 1 ${unit.name.replace(/s$/, '')}`, source: 'library' });
  }
  return { value: String(amount), violations: [] };
}

/** EXPIRING_CHECK_THRESHOLD must be shorter than CERTIFICATE_DURATION, or every certificate is always expiring. */
function checkCertificateDays(certificate: string | undefined, threshold: string | undefined): Violation[] {
  if (certificate === undefined && threshold === undefined) return [];
  const cert = certificate !== undefined ? Number(certificate) : DEFAULT_CERTIFICATE_DAYS;
  const check = threshold !== undefined ? Number(threshold) : DEFAULT_EXPIRING_CHECK_DAYS;
  if (check < cert) return [];
  const certText = certificate !== undefined ? `certificateDuration (${cert} days)` : `the operator's default certificateDuration (${cert} days)`;
  const checkText = threshold !== undefined ? `expiringCheckThreshold (${check} days)` : `the operator's default expiringCheckThreshold (${check} days)`;
  return [{
    path: threshold !== undefined ? 'expiringCheckThreshold' : 'certificateDuration',
    message: `${checkText} is not shorter than ${certText}: every certificate would count as expiring as soon as it is issued and be renewed again and again; expected expiringCheckThreshold < certificateDuration`,
    source: 'library',
  }];
}

function bool(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'true' : 'false';
}

/** "an" before a vowel ("an annotation name"), "a" otherwise. */
function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** A comma-joined list; entries may not be empty, contain a comma or whitespace, or repeat. */
function list(
  prop: string,
  entries: string[] | undefined,
  what: string,
  entryProblem: (entry: string) => Omit<Violation, 'path'> | undefined,
  whenEmpty: string,
): { value?: string; violations: Violation[] } {
  if (entries === undefined) return { violations: [] };
  const violations: Violation[] = [];
  if (entries.length === 0) {
    violations.push({ path: prop, message: `the list is empty; the operator treats an empty value as unset, so ${whenEmpty}`, source: 'operator' });
  }
  entries.forEach((entry, i) => {
    const path = `${prop}[${i}]`;
    if (typeof entry !== 'string' || entry.trim().length === 0) {
      violations.push({ path, message: `${show(entry)} is empty; expected ${article(what)} ${what}`, source: 'library' });
      return;
    }
    if (entry.includes(',')) {
      violations.push({ path, message: `${show(entry)} contains ","; the operator splits the value on ",", so give each ${what} as its own entry`, source: 'operator' });
      return;
    }
    if (/\s/.test(entry)) {
      violations.push({ path, message: `${show(entry)} contains whitespace; ${article(what)} ${what} cannot (the operator trims only the ends)`, source: 'library' });
      return;
    }
    if (entries.indexOf(entry) !== i) {
      violations.push({ path, message: `${show(entry)} is listed twice`, source: 'library' });
      return;
    }
    const problem = entryProblem(entry);
    if (problem) violations.push({ path, ...problem });
  });
  return { value: violations.length === 0 ? entries.join(',') : undefined, violations };
}

function globViolation(pattern: string): Omit<Violation, 'path'> | undefined {
  const problem = globProblem(pattern);
  if (!problem) return undefined;
  return problem.badPattern
    ? { message: `${show(pattern)} is not a valid Go path.Match pattern: ${problem.message}; the operator would skip it`, source: 'operator', upstream: INVALID_GLOB }
    : { message: `${show(pattern)} would match nothing: ${problem.message}`, source: 'library' };
}

/** Taint keys are qualified names: an optional DNS subdomain prefix and "/", then a name of at most 63 characters. */
function taintKeyProblem(key: string): Omit<Violation, 'path'> | undefined {
  if (qualifiedKeyProblem(key) === undefined) return undefined;
  return {
    message: `${show(key)} is not a taint key; expected [prefix/]name, with a DNS subdomain as prefix and a name of at most 63 letters, digits, "-", "_" or "." (e.g. "karpenter.sh/disrupted")`,
    source: 'library',
  };
}

function checkNamespace(namespace: string): Violation[] {
  if (typeof namespace === 'string' && namespace.length <= 63 && DNS_LABEL.test(namespace)) return [];
  return [{ path: 'namespace', message: `${show(namespace)} is not a valid namespace; expected a lowercase DNS label of at most 63 characters`, source: 'library' }];
}

function sortedObject(map: ReadonlyMap<string, string>): { [key: string]: string } | undefined {
  if (map.size === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!;
  return out;
}

function jsonOf(obj: ApiObject): any {
  return obj.toJson();
}

/**
 * The manifest of the v1 object of this kind and name that `ref` is or holds (a cdk8s-plus resource
 * holds its ApiObject as a child), or undefined for a reference to an object managed elsewhere.
 */
function manifestOf(ref: IConstruct, kind: string, name: string): any {
  const found = [ref, ...ref.node.findAll()].find((c): c is ApiObject =>
    ApiObject.isApiObject(c) && c.apiVersion === 'v1' && c.kind === kind && c.name === name);
  return found === undefined ? undefined : jsonOf(found);
}

/** Every argument and command word of the Pod template's containers. */
function containerArgs(json: any): string[] {
  const containers: any[] = json?.spec?.template?.spec?.containers ?? [];
  return containers.flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]).filter((a): a is string => typeof a === 'string');
}

/** The value of `--flag=value` or `--flag value`. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith(`${flag}=`)) return args[i].slice(flag.length + 1);
    if (args[i] === flag && i + 1 < args.length) return args[i + 1];
  }
  return undefined;
}
