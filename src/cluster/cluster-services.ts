import * as kplus from 'cdk8s-plus-28';

// How clients reach the Cluster: its Services and its TLS certificates.

/** The instances a Service selects. */
export enum ServiceSelectorType {
  /** The primary (read-write). */
  RW = 'rw',
  /** The replicas (read-only). */
  RO = 'ro',
  /** Any instance (read). */
  R = 'r',
}

/** The type of a Kubernetes Service. */
export enum ServiceType {
  /** A cluster-internal IP (the default). */
  CLUSTER_IP = 'ClusterIP',
  /** A port on every node. */
  NODE_PORT = 'NodePort',
  /** An external load balancer. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** How the operator reconciles a managed Service that differs from its template. */
export enum ServiceUpdateStrategy {
  /** Patch the Service (the default). */
  PATCH = 'patch',
  /** Delete and recreate it. */
  REPLACE = 'replace',
}

/** A Service the operator creates and keeps in line, besides its default ones. */
export interface AdditionalService {
  /** The Service's name (not `<cluster>-rw`, `-ro`, `-r` or `-any`, which the operator uses). */
  readonly name: string;
  /** The instances it selects. */
  readonly selectorType: ServiceSelectorType;
  /**
   * The Service type.
   * @default ServiceType.CLUSTER_IP
   */
  readonly serviceType?: ServiceType;
  /**
   * Labels of the Service.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Service (e.g. for a cloud load balancer).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * With a load balancer, the client CIDRs allowed.
   * @default - any
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * How differences are reconciled.
   * @default ServiceUpdateStrategy.PATCH
   */
  readonly updateStrategy?: ServiceUpdateStrategy;
}

/** The Services of the Cluster (`spec.managed.services`). */
export interface ManagedServices {
  /**
   * Default Services not created (`RO`, `R`; the read-write one cannot be disabled).
   * @default - the operator creates rw, ro and r
   */
  readonly disabledDefaultServices?: ServiceSelectorType[];
  /**
   * Additional Services.
   * @default - none
   */
  readonly additional?: AdditionalService[];
}

/**
 * TLS of the Cluster (`spec.certificates`): the operator issues what is not given. Secrets are references.
 */
export interface ClusterCertificates {
  /**
   * CA that signs the server certificate (`ca.crt`, and `ca.key` when the operator issues the server
   * certificate).
   * @default - the operator's own CA
   */
  readonly serverCaSecret?: kplus.ISecret;
  /**
   * `kubernetes.io/tls` Secret with the server certificate (e.g. from cert-manager).
   * @default - issued by the operator
   */
  readonly serverTlsSecret?: kplus.ISecret;
  /**
   * CA that signs client certificates (`ca.crt`, and `ca.key` when the operator issues the replication
   * certificate).
   * @default - the operator's own CA
   */
  readonly clientCaSecret?: kplus.ISecret;
  /**
   * `kubernetes.io/tls` Secret with the `streaming_replica` client certificate.
   * @default - issued by the operator
   */
  readonly replicationTlsSecret?: kplus.ISecret;
  /**
   * More DNS names in the server certificate the operator issues.
   * @default - none
   */
  readonly serverAltDnsNames?: string[];
}
