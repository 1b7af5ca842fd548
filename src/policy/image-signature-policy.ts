import { Construct } from 'constructs';
import { identityText, kyvernoPatterns, KyvernoImagePolicy, KyvernoImageValidatingPolicy, SigstoreImagePolicy, spellings } from './engines';
import { AppImage, appImages } from './images';
import { imageValidatingCovers, kyvernoCovers, policyControllerCovers } from './matching';
import { IImageCatalog } from '../catalog/image-catalog';
import { Cluster } from '../cluster/cluster';
import { OFFICIAL_IMAGE_PREFIX } from '../common/constants';
import { formatViolation, show, Violation } from '../common/errors';
import { ImageReference } from '../common/image-reference';
import { objectNameViolations } from '../common/names';
import { GITHUB_ACTIONS_ISSUER, IMAGE_PUBLISHERS, ImagePublisher } from '../supply-chain/identities';

/** The admission controller that enforces the signatures. */
export enum PolicyEngine {
  /**
   * sigstore policy-controller: one `ClusterImagePolicy` (policy.sigstore.dev/v1beta1) per publisher.
   * It resolves a tag to its digest before it verifies, so it cannot refuse a tag (no `requireDigest`), and
   * it checks containers, not image volumes: extension images are not enforced by it.
   */
  SIGSTORE_POLICY_CONTROLLER = 'sigstore-policy-controller',
  /** Kyverno: one `ClusterPolicy` (kyverno.io/v1) with a `verifyImages` rule per publisher. */
  KYVERNO = 'kyverno',
  /** Kyverno's CEL policy: one `ImageValidatingPolicy` (policies.kyverno.io/v1). */
  KYVERNO_IMAGE_VALIDATING_POLICY = 'kyverno-image-validating-policy',
}

/** What the engine does with an image that fails the check. */
export enum PolicyEnforcement {
  /** Refuse the Pod. */
  ENFORCE = 'enforce',
  /** Admit the Pod and report the failure (policy-controller `warn`, Kyverno `Audit`): for a first rollout. */
  AUDIT = 'audit',
}

/** How an image-signature policy is written (without the images it covers). */
export interface ImageSignaturePolicyOptions {
  /** The admission controller that enforces it. */
  readonly engine: PolicyEngine;

  /**
   * Also refuse a Pod that names a covered image by tag alone. A tag can be moved; a digest cannot. Kyverno
   * engines only: policy-controller resolves tags itself and cannot refuse them.
   * @default false (a tag is resolved to its digest at admission, and that digest is verified)
   */
  readonly requireDigest?: boolean;

  /**
   * Refuse or only report.
   * @default PolicyEnforcement.ENFORCE
   */
  readonly enforcement?: PolicyEnforcement;

  /**
   * The operator's image (`ghcr.io/cloudnative-pg/cloudnative-pg:<version>@sha256:...`), signed by
   * CloudNativePG's release workflow. The Pods of every Cluster run it too (it installs the instance
   * manager), so an engine that refuses images no policy covers needs it covered.
   * @default - the operator image is not covered
   */
  readonly operatorImage?: string;

  /**
   * `metadata.name` of the policy (policy-controller: the prefix of one policy per publisher).
   * @default 'cnpg-image-signatures'
   */
  readonly name?: string;

  /**
   * Accept that some of the app's images are not covered (images CloudNativePG does not publish, and for
   * policy-controller images given by tag alone); what happens to them is the engine's default for images
   * no policy matches. Without it, each such image is a synth-time error naming it.
   * @default false
   */
  readonly allowUncoveredImages?: boolean;
}

/** Properties of an ImageSignaturePolicy. */
export interface ImageSignaturePolicyProps extends ImageSignaturePolicyOptions {
  /** The catalogs whose images (every major, and their extensions) the policy covers; more with `addCatalog()`. */
  readonly catalogs: IImageCatalog[];

  /**
   * Clusters whose images the policy covers too: the image they run and their extensions' images (those
   * given on the Cluster, not only the catalog's); more with `addCluster()`.
   * @default - none
   */
  readonly clusters?: Cluster[];
}

/** One image the policy leaves out, and why. */
interface Uncovered {
  readonly image: AppImage;
  readonly reason: string;
}

const DEFAULT_NAME = 'cnpg-image-signatures';

/**
 * Admission policies that require the images of the app's catalogs and Clusters to carry the keyless
 * signature of the CloudNativePG workflow that publishes them, for one engine: sigstore policy-controller or
 * Kyverno. Operand images must be signed by postgres-containers, extension images by
 * postgres-extensions-containers, the operator image by cloudnative-pg's release workflow, each with issuer
 * `https://token.actions.githubusercontent.com`; each identity is exact where upstream documents one.
 *
 * The patterns cover exactly those images (by digest, and by their tag, as each engine matches them), never
 * a whole registry or repository: an image of any other publisher is not covered, and is reported at synth
 * unless `allowUncoveredImages`. The written objects are validated at synth against the engine's CRD schema.
 */
export class ImageSignaturePolicy extends Construct {
  /** The engine the policy is written for. */
  public readonly engine: PolicyEngine;
  /** Whether a Pod naming a covered image by tag alone is refused. */
  public readonly requireDigest: boolean;
  /** The policy objects (policy-controller: one per publisher). */
  public readonly policies: Construct[] = [];

  private readonly catalogList: IImageCatalog[] = [];
  private readonly clusterList: Cluster[] = [];
  private readonly extra: Array<readonly [string, string]> = [];
  private readonly name: string;
  private readonly enforce: boolean;
  private readonly allowUncovered: boolean;
  /** policy-controller: the policy of each publisher. */
  private readonly byPublisher = new Map<ImagePublisher, SigstoreImagePolicy>();

  /**
   * @param scope the parent construct (a Chart, or a construct inside one)
   * @param id the construct id, unique among its siblings
   * @param props the engine and what the policy covers
   */
  constructor(scope: Construct, id: string, props: ImageSignaturePolicyProps) {
    super(scope, id);
    const fail = (v: Violation) => {
      throw new Error(`[${this.node.path}] ${formatViolation(v)}`);
    };
    if (!Object.values(PolicyEngine).includes(props?.engine)) {
      fail({ path: 'engine', message: `${show(props?.engine)} is not an engine; expected one of ${Object.values(PolicyEngine).join(', ')}`, source: 'library' });
    }
    if (props.enforcement !== undefined && !Object.values(PolicyEnforcement).includes(props.enforcement)) {
      fail({ path: 'enforcement', message: `${show(props.enforcement)} is not accepted; expected one of ${Object.values(PolicyEnforcement).join(', ')}`, source: 'library' });
    }
    if (!Array.isArray(props.catalogs)) fail({ path: 'catalogs', message: `${show(props.catalogs)} is not a list of catalogs`, source: 'library' });
    this.engine = props.engine;
    this.requireDigest = props.requireDigest ?? false;
    this.enforce = (props.enforcement ?? PolicyEnforcement.ENFORCE) === PolicyEnforcement.ENFORCE;
    this.allowUncovered = props.allowUncoveredImages ?? false;
    this.name = props.name ?? DEFAULT_NAME;
    for (const v of objectNameViolations('name', this.name)) fail(v);
    if (this.requireDigest && this.engine === PolicyEngine.SIGSTORE_POLICY_CONTROLLER) {
      fail({
        path: 'requireDigest',
        message: 'policy-controller cannot refuse an image given by tag: its mutating webhook resolves the tag to a digest, which it then verifies and pins in the Pod. Use a Kyverno engine to refuse tags, or leave requireDigest off',
        source: 'library',
      });
    }
    if (props.operatorImage !== undefined) {
      const ref = ImageReference.parse(String(props.operatorImage));
      if (!ref.valid || ref.repository !== `${OFFICIAL_IMAGE_PREFIX}cloudnative-pg`) {
        fail({ path: 'operatorImage', message: `${show(props.operatorImage)} is not CloudNativePG's operator image; expected ${OFFICIAL_IMAGE_PREFIX}cloudnative-pg:<version>@sha256:<digest>`, source: 'library' });
      }
      this.extra.push([ref.text, 'operatorImage']);
    }
    if (this.engine === PolicyEngine.KYVERNO) this.policies.push(new KyvernoImagePolicy(this, 'ClusterPolicy', this.inputs(this.name)));
    if (this.engine === PolicyEngine.KYVERNO_IMAGE_VALIDATING_POLICY) {
      this.policies.push(new KyvernoImageValidatingPolicy(this, 'ImageValidatingPolicy', this.inputs(this.name)));
    }
    for (const catalog of props.catalogs) this.addCatalog(catalog);
    for (const cluster of props.clusters ?? []) this.addCluster(cluster);
    this.addPublisherPolicies();
    this.node.addValidation({ validate: () => this.synthViolations().map(formatViolation) });
  }

  /**
   * Covers the images of one more catalog (or, called again, images added to it since).
   * @param catalog a catalog of the app, or a reference whose content is known (`fromOfficial`)
   */
  public addCatalog(catalog: IImageCatalog): void {
    if (!this.catalogList.includes(catalog)) this.catalogList.push(catalog);
    this.addPublisherPolicies();
  }

  /**
   * Covers the images of one more Cluster: its image and its extensions' (or, called again, extensions added since).
   * @param cluster a Cluster of the app
   */
  public addCluster(cluster: Cluster): void {
    if (!this.clusterList.includes(cluster)) this.clusterList.push(cluster);
    this.addPublisherPolicies();
  }

  /** The images the policy covers, as the app references them. */
  public get coveredImages(): string[] {
    return this.split().covered.map((i) => i.reference);
  }

  /** The app's images the policy does not cover (another publisher, or a tag policy-controller cannot pin). */
  public get uncoveredImages(): string[] {
    return this.split().uncovered.map((u) => u.image.reference);
  }

  /**
   * Whether the written patterns match an image the way the engine matches them (policy-controller: its
   * glob against `registry/repository@digest`; Kyverno: its wildcard against `registry/path@digest` or
   * `registry/path:tag`; ImageValidatingPolicy: its globs against the image as the Pod spells it).
   * @param image an image reference as a Pod would name it
   */
  public coversImage(image: string): boolean {
    const covered = this.split().covered;
    switch (this.engine) {
      case PolicyEngine.SIGSTORE_POLICY_CONTROLLER:
        return covered.some((i) => policyControllerCovers(`${i.parsed.repository}*${i.parsed.digest}`, image));
      case PolicyEngine.KYVERNO:
        return kyvernoCovers(covered.flatMap(kyvernoPatterns), image);
      default:
        return imageValidatingCovers(covered.flatMap(spellings), image);
    }
  }

  private inputs(name: string): { name: string; enforce: boolean; requireDigest: boolean; images: () => AppImage[] } {
    return { name, enforce: this.enforce, requireDigest: this.requireDigest, images: () => this.split().covered };
  }

  /** The app's images, covered or not. */
  private split(): { covered: AppImage[]; uncovered: Uncovered[] } {
    const covered: AppImage[] = [];
    const uncovered: Uncovered[] = [];
    for (const image of appImages(this.catalogList, this.clusterList, this.extra)) {
      if (image.publisher === undefined) {
        uncovered.push({
          image,
          reason: `not an image CloudNativePG publishes (it publishes ${OFFICIAL_IMAGE_PREFIX}postgresql, the official extension images and ${OFFICIAL_IMAGE_PREFIX}cloudnative-pg), so no signing identity is known for it`,
        });
      } else if (this.engine === PolicyEngine.SIGSTORE_POLICY_CONTROLLER && image.parsed.digest === undefined) {
        uncovered.push({ image, reason: 'given by tag alone: policy-controller matches the digest it resolves at admission, which is not known at synth; pin it by digest' });
      } else {
        covered.push(image);
      }
    }
    return { covered, uncovered };
  }

  /** policy-controller: a policy for each publisher the covered images have so far. */
  private addPublisherPolicies(): void {
    if (this.engine !== PolicyEngine.SIGSTORE_POLICY_CONTROLLER) return;
    const present = new Set(this.split().covered.map((i) => i.publisher!));
    for (const publisher of IMAGE_PUBLISHERS) {
      if (!present.has(publisher) || this.byPublisher.has(publisher)) continue;
      const policy = new SigstoreImagePolicy(this, publisher.name, this.inputs(`${this.name}-${publisher.name}`), publisher);
      this.byPublisher.set(publisher, policy);
      this.policies.push(policy);
    }
  }

  private synthViolations(): Violation[] {
    const { covered, uncovered } = this.split();
    const out: Violation[] = [];
    if (!this.allowUncovered) {
      for (const { image, reason } of uncovered) {
        out.push({
          path: 'images',
          message: `${show(image.reference)} (${image.from}) is not covered: ${reason}. Remove it, or set allowUncoveredImages to leave it to the engine's default for images no policy matches`,
          source: 'library',
        });
      }
    }
    if (this.requireDigest) {
      for (const image of covered.filter((i) => i.parsed.digest === undefined)) {
        out.push({
          path: 'requireDigest',
          message: `the policy would refuse the app's own image ${show(image.reference)} (${image.from}): it is given by tag alone. Pin it by digest, or leave requireDigest off`,
          source: 'library',
        });
      }
    }
    if (covered.length === 0) {
      out.push({ path: 'images', message: 'the catalogs and Clusters given hold no image CloudNativePG publishes: there is nothing to cover', source: 'library' });
    }
    for (const publisher of new Set(covered.map((i) => i.publisher!))) {
      if (this.engine === PolicyEngine.SIGSTORE_POLICY_CONTROLLER && !this.byPublisher.has(publisher)) {
        out.push({
          path: 'images',
          message: `images of ${publisher.repository} (${identityText(publisher)}, issuer ${GITHUB_ACTIONS_ISSUER}) appeared after the policies were created (an image or extension added to a catalog or Cluster later): policy-controller needs one ClusterImagePolicy per publisher, made when the policy learns of it. Call addCatalog() or addCluster() again after the change, or create the policy after it`,
          source: 'library',
        });
      }
    }
    return out;
  }
}
