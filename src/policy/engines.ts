import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AppImage } from './images';
import type * as kyverno from '../../imports/kyverno.io';
import type * as kyvernoPolicies from '../../imports/policies.kyverno.io';
import type * as sigstore from '../../imports/policy.sigstore.dev';
import { Violation } from '../common/errors';
import { clusterScopedL1Class } from '../resource/l1';
import { CnpgResource } from '../resource/resource';
import { FULCIO_URL, GITHUB_ACTIONS_ISSUER, ImagePublisher, REKOR_URL } from '../supply-chain/identities';

// The objects each admission engine reads, built from the images a policy covers. One class per kind; each
// writes one object and extends the resource base, so the manifest is validated at synth against the
// engine's CRD schema (the admission layer dispatches by API group). The bindings are loaded on first use:
// an app without a policy never loads them.

/** What an engine object is built from; the images are read at synth. */
export interface EngineInputs {
  /** `metadata.name`. */
  readonly name: string;
  /** Refuse (true) or only report (false) what fails. */
  readonly enforce: boolean;
  /** Refuse an image given by tag alone. */
  readonly requireDigest: boolean;
  /** The covered images (each with its publisher), in a stable order. */
  images(): AppImage[];
}

/** The keyless identity a publisher's signatures must carry: exact when upstream documents one. */
function identity(p: ImagePublisher): { issuer: string; subject?: string; subjectRegExp?: string } {
  return p.subject !== undefined
    ? { issuer: GITHUB_ACTIONS_ISSUER, subject: p.subject }
    : { issuer: GITHUB_ACTIONS_ISSUER, subjectRegExp: p.subjectRegExp };
}

/** The identity in words, for messages. */
export function identityText(p: ImagePublisher): string {
  return p.subject !== undefined ? p.subject : `an identity matching ${p.subjectRegExp}`;
}

/** Publishers with at least one image, in the order of their first image. */
function publishersOf(images: readonly AppImage[]): ImagePublisher[] {
  return [...new Set(images.map((i) => i.publisher!))];
}

/** The ways a Pod may spell an image: as written, by digest alone, by tag alone (each once). */
export function spellings(image: AppImage): string[] {
  const { repository, tag, digest } = image.parsed;
  return [...new Set([image.reference, ...(digest ? [`${repository}@${digest}`] : []), ...(tag ? [`${repository}:${tag}`] : [])])];
}

/**
 * What Kyverno compares an image with (`registry/path@digest` when it has a digest, else `registry/path:tag`),
 * for each way a Pod may spell it: a Pod that names the image by tag alone is matched too, so that it is
 * verified (its tag resolved) or, with requireDigest, refused.
 */
export function kyvernoPatterns(image: AppImage): string[] {
  const { repository, tag, digest } = image.parsed;
  const byDigest = digest ? [`${repository}@${digest}`] : [];
  // a reference with neither tag nor digest means `latest` to the runtime and to Kyverno
  const byTag = tag ? [`${repository}:${tag}`] : digest ? [] : [`${repository}:latest`];
  return [...byDigest, ...byTag];
}

/** A change of the covered images changes the output: the revision the resource base caches by. */
function revision(inputs: EngineInputs): () => string {
  return () => inputs.images().map((i) => i.reference).join('\n');
}

type L1 = new (scope: Construct, id: string, props: any) => ApiObject;
const L1_CLASSES = new Map<string, L1>();

/** The library's (cluster-scoped) L1 class of a generated binding, loaded once. */
function l1(module: string, kind: string): L1 {
  let cls = L1_CLASSES.get(kind);
  if (!cls) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cls = clusterScopedL1Class(require(module)[kind] as L1);
    L1_CLASSES.set(kind, cls);
  }
  return cls;
}

/**
 * sigstore policy-controller `ClusterImagePolicy` (policy.sigstore.dev/v1beta1) for one publisher: every
 * policy whose globs match an image must be satisfied, and within one policy any authority suffices, so
 * each publisher gets its own policy with its one authority.
 *
 * Globs: policy-controller matches `registry/repository@digest` after resolving a tag, and allows no `@` in
 * a glob, so an image is covered by `<repository>*<digest>`: its own digest, in its repository (or one whose
 * name only extends it, which must then hold the very same content under the same signature check).
 */
export class SigstoreImagePolicy extends CnpgResource {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, private readonly inputs: EngineInputs, private readonly publisher: ImagePublisher) {
    super(scope, id);
    const spec = (): sigstore.ClusterImagePolicySpec => ({
      mode: inputs.enforce ? 'enforce' : 'warn',
      images: this.images().map((i) => ({ glob: `${i.parsed.repository}*${i.parsed.digest}` })),
      authorities: [{
        name: publisher.name,
        keyless: { url: FULCIO_URL, identities: [identity(publisher)] },
        ctlog: { url: REKOR_URL },
      }],
    });
    const Cls = l1('../../imports/policy.sigstore.dev', 'ClusterImagePolicy');
    this.apiObject = new Cls(this, 'Resource', { metadata: { name: inputs.name }, spec: Lazy.any({ produce: spec }) });
    this._initResource({ revision: revision(inputs) });
  }

  private images(): AppImage[] {
    return this.inputs.images().filter((i) => i.publisher === this.publisher);
  }

  /** @internal */
  protected _validateAtSynth(): Violation[] {
    if (this.images().length > 0) return [];
    return [{
      path: 'spec.images',
      message: `no image of ${this.publisher.repository} is left to cover (policy-controller refuses a ClusterImagePolicy without images)`,
      source: 'library',
    }];
  }
}

/**
 * The Pod's images as Kyverno's verifyImages rules extract them: containers, init and ephemeral containers
 * (Kyverno's defaults, which a custom extractor replaces) and image volumes, where extensions are mounted.
 */
const POD_IMAGE_EXTRACTORS: kyverno.ClusterPolicySpecRulesImageExtractors[] = [
  { name: 'initContainers', path: '/spec/initContainers/*/image', key: 'name' },
  { name: 'containers', path: '/spec/containers/*/image', key: 'name' },
  { name: 'ephemeralContainers', path: '/spec/ephemeralContainers/*/image', key: 'name' },
  { name: 'imageVolumes', path: '/spec/volumes/*/image/reference' },
];

/**
 * Kyverno `ClusterPolicy` (kyverno.io/v1) with one `verifyImages` rule per publisher, for Pods (CloudNativePG
 * creates its instance Pods itself; no autogen for controllers). `imageReferences` lists each image by digest
 * and by tag, matched as Kyverno matches (`registry/path@digest`, or `registry/path:tag`).
 */
export class KyvernoImagePolicy extends CnpgResource {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, inputs: EngineInputs) {
    super(scope, id);
    const spec = (): kyverno.ClusterPolicySpec => {
      const images = inputs.images();
      return {
        background: false,
        webhookConfiguration: { failurePolicy: 'Fail' as kyverno.ClusterPolicySpecWebhookConfigurationFailurePolicy, timeoutSeconds: 30 },
        rules: publishersOf(images).map((p) => ({
          name: p.name,
          match: { any: [{ resources: { kinds: ['Pod'] } }] },
          imageExtractors: { Pod: POD_IMAGE_EXTRACTORS },
          verifyImages: [{
            imageReferences: [...new Set(images.filter((i) => i.publisher === p).flatMap(kyvernoPatterns))],
            failureAction: (inputs.enforce ? 'Enforce' : 'Audit') as kyverno.ClusterPolicySpecRulesVerifyImagesFailureAction,
            // Kyverno refuses mutateDigest with Audit; requireDigest refuses a tag instead of resolving it
            mutateDigest: inputs.enforce && !inputs.requireDigest,
            verifyDigest: true,
            required: true,
            attestors: [{ entries: [{ keyless: { ...identity(p), rekor: { url: REKOR_URL } } }] }],
          }],
        })),
      };
    };
    const Cls = l1('../../imports/kyverno.io', 'ClusterPolicy');
    this.apiObject = new Cls(this, 'Resource', {
      // verifyImages rules for Pods only: no rules generated for Deployments, StatefulSets, ...
      metadata: { name: inputs.name, annotations: { 'pod-policies.kyverno.io/autogen-controllers': 'none' } },
      spec: Lazy.any({ produce: spec }),
    });
    this._initResource({ revision: revision(inputs) });
  }
}

/** Every image of a Pod, init, ephemeral and image volumes included, as a CEL list (ImageValidatingPolicy). */
const POD_IMAGES = [
  '(has(object.spec.initContainers) ? object.spec.initContainers.map(c, c.image) : [])',
  'object.spec.containers.map(c, c.image)',
  '(has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers.map(c, c.image) : [])',
  '(has(object.spec.volumes) ? object.spec.volumes.filter(v, has(v.image)).map(v, v.image.reference) : [])',
].join(' + ');

/**
 * Kyverno `ImageValidatingPolicy` (policies.kyverno.io/v1): one attestor per publisher, and one validation per
 * publisher requiring every Pod image of that publisher (as the Pod spells it) to verify. `verifyImageSignatures`
 * counts 0 for an image outside `matchImageReferences`, so each validation filters the Pod's images first.
 */
export class KyvernoImageValidatingPolicy extends CnpgResource {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, inputs: EngineInputs) {
    super(scope, id);
    const spec = (): kyvernoPolicies.ImageValidatingPolicySpec => {
      const images = inputs.images();
      const publishers = publishersOf(images);
      const listOf = (p: ImagePublisher) => `[${images.filter((i) => i.publisher === p).flatMap(spellings).map((s) => `'${s}'`).join(', ')}]`;
      return {
        validationActions: [(inputs.enforce ? 'Deny' : 'Audit') as kyvernoPolicies.ImageValidatingPolicySpecValidationActions],
        failurePolicy: 'Fail' as kyvernoPolicies.ImageValidatingPolicySpecFailurePolicy,
        webhookConfiguration: { timeoutSeconds: 30 },
        evaluation: { background: { enabled: false } },
        autogen: { podControllers: { controllers: [] } },
        matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] }] },
        matchImageReferences: images.flatMap(spellings).map((glob) => ({ glob })),
        validationConfigurations: { mutateDigest: inputs.enforce && !inputs.requireDigest, verifyDigest: true, required: true },
        attestors: publishers.map((p) => ({ name: p.id, cosign: { keyless: { identities: [identity(p)] }, ctlog: { url: REKOR_URL } } })),
        variables: [
          { name: 'podImages', expression: POD_IMAGES },
          ...publishers.map((p) => ({ name: `${p.id}Images`, expression: listOf(p) })),
        ],
        validations: publishers.map((p) => ({
          expression: `variables.podImages.filter(image, image in variables.${p.id}Images).all(image, verifyImageSignatures(image, [attestors.${p.id}]) > 0)`,
          message: `every image of ${p.repository} must carry a keyless signature by ${identityText(p)} (issuer ${GITHUB_ACTIONS_ISSUER})`,
        })),
      };
    };
    const Cls = l1('../../imports/policies.kyverno.io', 'ImageValidatingPolicy');
    this.apiObject = new Cls(this, 'Resource', { metadata: { name: inputs.name }, spec: Lazy.any({ produce: spec }) });
    this._initResource({ revision: revision(inputs) });
  }
}
