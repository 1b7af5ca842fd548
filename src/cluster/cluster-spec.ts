import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { SecretKey } from './cluster-options';
import {
  ClusterProbes, ProbeOptions, ReadinessProbeOptions, ReplicationSlotsOptions, SeccompProfile, ServiceAccountTemplate,
} from './cluster-pod';
import { ClusterCertificates, ManagedServices } from './cluster-services';
import { ClusterStorage, EphemeralVolumeClaim, EphemeralVolumesSizeLimit, PvcTemplate, Tablespace, VolumeAccessMode } from './cluster-storage';
import { ExternalCluster } from './external-cluster';
import { barmanCloudNamespaceViolations, barmanCloudViolations, barmanObjectName } from './object-store';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { BARMAN_CLOUD_PLUGIN } from '../common/constants';
import { defined } from '../common/defined';
import { wholeDurationViolations, wholeUnits } from '../common/duration';
import { show, Violation } from '../common/errors';
import { l1Enum } from '../resource/l1';

// The Cluster's typed props in the bindings' camelCase shape (the bindings write the wire names): volumes,
// pods, Services and certificates, external clusters. Internal: the public types are in cluster-storage.ts,
// cluster-pod.ts, cluster-services.ts and external-cluster.ts.

// ---------------------------------------------------------------------------------------------
// Volumes

/** A data, WAL or tablespace volume in the bindings' shape. */
export function storageToKube(s: ClusterStorage): cnpg.ClusterSpecStorage {
  return defined({
    size: s.size?.asString(),
    storageClass: s.storageClass,
    resizeInUseVolumes: s.resizeInUseVolumes,
    pvcTemplate: s.pvcTemplate ? pvcTemplateToKube(s.pvcTemplate) : undefined,
  });
}

/** Tablespaces in the bindings' shape. */
export function tablespacesToKube(list: readonly Tablespace[] | undefined): cnpg.ClusterSpecTablespaces[] | undefined {
  return list?.map((t) => defined({
    name: t.name,
    storage: storageToKube(t.storage),
    owner: t.owner !== undefined ? { name: t.owner } : undefined,
    temporary: t.temporary,
  }));
}

/** The ephemeral volume source in the bindings' shape. */
export function ephemeralVolumeToKube(e: EphemeralVolumeClaim | undefined): cnpg.ClusterSpecEphemeralVolumeSource | undefined {
  if (!e) return undefined;
  const metadata = defined({ labels: e.labels, annotations: e.annotations });
  return {
    volumeClaimTemplate: defined({
      metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
      spec: defined({
        accessModes: e.accessModes ?? [VolumeAccessMode.READ_WRITE_ONCE],
        storageClassName: e.storageClassName,
        resources: {
          requests: { storage: cnpg.ClusterSpecEphemeralVolumeSourceVolumeClaimTemplateSpecResourcesRequests.fromString(e.size.asString()) },
        },
      }),
    }),
  };
}

/** The ephemeral volumes' size limits in the bindings' shape. */
export function ephemeralLimitsToKube(l: EphemeralVolumesSizeLimit | undefined): cnpg.ClusterSpecEphemeralVolumesSizeLimit | undefined {
  if (!l) return undefined;
  return defined({
    shm: l.shm ? cnpg.ClusterSpecEphemeralVolumesSizeLimitShm.fromString(l.shm.asString()) : undefined,
    temporaryData: l.temporaryData ? cnpg.ClusterSpecEphemeralVolumesSizeLimitTemporaryData.fromString(l.temporaryData.asString()) : undefined,
  });
}

function pvcTemplateToKube(t: PvcTemplate): cnpg.ClusterSpecStoragePvcTemplate {
  const requests = t.storageRequest
    ? { storage: cnpg.ClusterSpecStoragePvcTemplateResourcesRequests.fromString(t.storageRequest.asString()) }
    : undefined;
  const limits = t.storageLimit ? { storage: cnpg.ClusterSpecStoragePvcTemplateResourcesLimits.fromString(t.storageLimit.asString()) } : undefined;
  return defined({
    accessModes: t.accessModes,
    volumeMode: t.volumeMode,
    storageClassName: t.storageClassName,
    resources: requests || limits ? defined({ requests, limits }) : undefined,
    volumeName: t.volumeName,
    volumeAttributesClassName: t.volumeAttributesClassName,
    selector: t.selectorLabels ? { matchLabels: t.selectorLabels } : undefined,
    dataSource: t.dataSource ? defined({ kind: t.dataSource.kind, name: t.dataSource.name, apiGroup: t.dataSource.apiGroup }) : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Pods

/** Environment variables in the bindings' shape (cdk8s-plus EnvValues are read by their fields). */
export function envToKube(env: { [name: string]: kplus.EnvValue } | undefined): cnpg.ClusterSpecEnv[] | undefined {
  if (!env) return undefined;
  return Object.entries(env).map(([name, value]) => defined({ name, value: value.value, valueFrom: value.valueFrom }));
}

/** Probes in the bindings' shape. */
export function probesToKube(p: ClusterProbes | undefined): cnpg.ClusterSpecProbes | undefined {
  if (!p) return undefined;
  return defined({
    startup: p.startup ? startupToKube(p.startup) : undefined,
    readiness: p.readiness ? readinessToKube(p.readiness) : undefined,
    liveness: p.liveness
      ? defined({
        ...probeToKube(p.liveness),
        isolationCheck: p.liveness.isolationCheck
          ? defined({
            enabled: p.liveness.isolationCheck.enabled,
            requestTimeout: ms(p.liveness.isolationCheck.requestTimeout),
            connectionTimeout: ms(p.liveness.isolationCheck.connectionTimeout),
          })
          : undefined,
      })
      : undefined,
  });
}

/** Replication slots in the bindings' shape. */
export function replicationSlotsToKube(r: ReplicationSlotsOptions | undefined): cnpg.ClusterSpecReplicationSlots | undefined {
  if (!r) return undefined;
  const ha = defined({ enabled: r.highAvailability, slotPrefix: r.slotPrefix, synchronizeLogicalDecoding: r.synchronizeLogicalDecoding });
  const sync = r.synchronizeReplicas !== undefined || r.excludePatterns !== undefined
    ? defined({ enabled: r.synchronizeReplicas ?? true, excludePatterns: r.excludePatterns })
    : undefined;
  return defined({
    highAvailability: Object.keys(ha).length > 0 ? ha : undefined,
    synchronizeReplicas: sync,
    updateInterval: seconds(r.updateInterval),
  });
}

/** The seccomp profile in the bindings' shape. */
export function seccompToKube(s: SeccompProfile | undefined): cnpg.ClusterSpecSeccompProfile | undefined {
  return s ? defined({ type: s.type, localhostProfile: s.localhostProfile }) : undefined;
}

/** The service account template in the bindings' shape. */
export function serviceAccountTemplateToKube(t: ServiceAccountTemplate | undefined): cnpg.ClusterSpecServiceAccountTemplate | undefined {
  return t ? { metadata: defined({ labels: t.labels, annotations: t.annotations }) } : undefined;
}

/**
 * Durations the CRD takes as integers, refused at construction when they are not whole: the probes' and
 * the replication slots' (the Cluster's own delays are checked by the Cluster).
 */
export function podDurationViolations(probes: ClusterProbes | undefined, slots: ReplicationSlotsOptions | undefined): Violation[] {
  const out: Violation[] = [];
  for (const kind of ['startup', 'liveness', 'readiness'] as const) {
    const probe: ProbeOptions | undefined = probes?.[kind];
    if (!probe) continue;
    for (const field of ['initialDelay', 'period', 'timeout', 'terminationGracePeriod'] as const) {
      out.push(...wholeDurationViolations(`probes.${kind}.${field}`, probe[field], 'seconds'));
    }
  }
  const isolation = probes?.liveness?.isolationCheck;
  out.push(...wholeDurationViolations('probes.liveness.isolationCheck.requestTimeout', isolation?.requestTimeout, 'milliseconds'));
  out.push(...wholeDurationViolations('probes.liveness.isolationCheck.connectionTimeout', isolation?.connectionTimeout, 'milliseconds'));
  out.push(...wholeDurationViolations('replicationSlots.updateInterval', slots?.updateInterval, 'seconds'));
  return out;
}

/** Whole seconds of a Duration (checked at construction). */
export function seconds(d: Duration | undefined): number | undefined {
  return d === undefined ? undefined : wholeUnits(d, 'seconds');
}

function ms(d: Duration | undefined): number | undefined {
  return d === undefined ? undefined : wholeUnits(d, 'milliseconds');
}

function probeToKube(p: ProbeOptions) {
  return {
    initialDelaySeconds: seconds(p.initialDelay),
    periodSeconds: seconds(p.period),
    timeoutSeconds: seconds(p.timeout),
    successThreshold: p.successThreshold,
    failureThreshold: p.failureThreshold,
    terminationGracePeriodSeconds: seconds(p.terminationGracePeriod),
  };
}

function readinessToKube(p: ReadinessProbeOptions): cnpg.ClusterSpecProbesReadiness {
  return defined({
    ...probeToKube(p),
    type: l1Enum(cnpg.ClusterSpecProbesReadinessType, p.type),
    maximumLag: p.maximumLag ? cnpg.ClusterSpecProbesReadinessMaximumLag.fromString(p.maximumLag.asString()) : undefined,
  });
}

function startupToKube(p: ReadinessProbeOptions): cnpg.ClusterSpecProbesStartup {
  return defined({
    ...probeToKube(p),
    type: l1Enum(cnpg.ClusterSpecProbesStartupType, p.type),
    maximumLag: p.maximumLag ? cnpg.ClusterSpecProbesStartupMaximumLag.fromString(p.maximumLag.asString()) : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Services and certificates

/** Managed Services in the bindings' shape. */
export function managedServicesToKube(s: ManagedServices | undefined): cnpg.ClusterSpecManagedServices | undefined {
  if (!s) return undefined;
  return defined({
    disabledDefaultServices: s.disabledDefaultServices?.map((t) => l1Enum(cnpg.ClusterSpecManagedServicesDisabledDefaultServices, t)!),
    additional: s.additional?.map((a) => {
      const metadata = defined({ name: a.name, labels: a.labels, annotations: a.annotations });
      const spec = defined({ type: a.serviceType, loadBalancerSourceRanges: a.loadBalancerSourceRanges });
      return defined({
        selectorType: l1Enum(cnpg.ClusterSpecManagedServicesAdditionalSelectorType, a.selectorType)!,
        serviceTemplate: defined({ metadata, spec: Object.keys(spec).length > 0 ? spec : undefined }),
        updateStrategy: l1Enum(cnpg.ClusterSpecManagedServicesAdditionalUpdateStrategy, a.updateStrategy),
      });
    }),
  });
}

/** Certificates in the bindings' shape. */
export function certificatesToKube(c: ClusterCertificates | undefined): cnpg.ClusterSpecCertificates | undefined {
  if (!c) return undefined;
  return defined({
    serverCaSecret: c.serverCaSecret?.name,
    serverTlsSecret: c.serverTlsSecret?.name,
    clientCaSecret: c.clientCaSecret?.name,
    replicationTlsSecret: c.replicationTlsSecret?.name,
    serverAltDnsNames: c.serverAltDnsNames,
  });
}

// ---------------------------------------------------------------------------------------------
// External clusters

/** An external cluster in the bindings' shape. */
export function externalClusterToKube(c: ExternalCluster): cnpg.ClusterSpecExternalClusters {
  const key = (k: SecretKey | undefined) => (k ? { name: k.secret.name, key: k.key } : undefined);
  const plugin = c.barmanCloud
    ? { name: BARMAN_CLOUD_PLUGIN, parameters: { barmanObjectName: barmanObjectName(c.barmanCloud), serverName: c.barmanCloud.serverName ?? c.name } }
    : c.plugin
      ? defined({ name: c.plugin.name, parameters: c.plugin.parameters, enabled: c.plugin.enabled, isWalArchiver: c.plugin.isWalArchiver })
      : undefined;
  return defined({
    name: c.name,
    connectionParameters: c.connectionParameters,
    password: key(c.password),
    sslCert: key(c.sslCert),
    sslKey: key(c.sslKey),
    sslRootCert: key(c.sslRootCert),
    plugin,
  });
}

/**
 * The external clusters of one Cluster, from wherever they are declared, each name once. `add` returns
 * what is wrong with an entry (two different definitions of one name; both `barmanCloud` and `plugin`).
 */
export class ExternalClusterSet {
  // created with the first entry: most Clusters have none, and an empty Map costs about 200 bytes
  private entries?: Map<string, { readonly cluster: ExternalCluster; readonly where: string; readonly json: string }>;

  public add(cluster: ExternalCluster, where: string): Violation[] {
    const out: Violation[] = barmanCloudViolations(cluster.barmanCloud, `${where}.barmanCloud`);
    if (out.length > 0) return out;
    if (cluster.barmanCloud && cluster.plugin) {
      out.push({ path: where, message: `external cluster ${show(cluster.name)} has both barmanCloud and plugin; barmanCloud is the Barman Cloud plugin, give one`, source: 'library' });
    }
    const json = JSON.stringify(externalClusterToKube(cluster));
    this.entries ??= new Map();
    const known = this.entries.get(cluster.name);
    if (known === undefined) {
      this.entries.set(cluster.name, { cluster, where, json });
    } else if (known.json !== json) {
      out.push({
        path: where,
        message: `external cluster ${show(cluster.name)} is defined differently by ${known.where}; one name, one definition (the operator would refuse the duplicate: "the list of external clusters contains duplicate values")`,
        source: 'library',
      });
    }
    return out;
  }

  /** The ObjectStores read are in the Cluster's namespace (the plugin looks them up there). */
  public namespaceViolations(namespace: string | undefined): Violation[] {
    return [...this.entries?.values() ?? []].flatMap((e) => barmanCloudNamespaceViolations(e.cluster.barmanCloud, namespace, `${e.where}.barmanCloud`));
  }

  public get names(): string[] {
    return [...this.entries?.keys() ?? []];
  }

  public toKube(): cnpg.ClusterSpecExternalClusters[] | undefined {
    return this.entries ? [...this.entries.values()].map((e) => externalClusterToKube(e.cluster)) : undefined;
  }
}
