import { IImageCatalog } from '../catalog/image-catalog';
import { Cluster } from '../cluster/cluster';
import { OFFICIAL_IMAGE_PREFIX } from '../common/constants';
import { ImageReference } from '../common/image-reference';
import { OfficialExtension } from '../extension/official-extension';
import { EXTENSIONS_PUBLISHER, ImagePublisher, OPERAND_PUBLISHER, OPERATOR_PUBLISHER } from '../supply-chain/identities';

// The images an app runs, from its catalogs and Clusters, each with its publisher: the workflow whose
// keyless signature an admission policy requires. Only CloudNativePG's own repositories have a known
// publisher; any other image (another registry, another repository, a fork) has none and is left out of
// the policy, never given a publisher by guess.

/** One image an app references. */
export interface AppImage {
  /** The reference as written. */
  readonly reference: string;
  readonly parsed: ImageReference;
  /** Who signs it, when known. */
  readonly publisher?: ImagePublisher;
  /** Where the app references it (for messages). */
  readonly from: string;
}

/** The repositories of the official extension images, by repository. */
let extensionRepositories: Set<string> | undefined;

/** The publisher of an image, by its repository; undefined for any repository CloudNativePG does not publish. */
export function publisherOf(ref: ImageReference): ImagePublisher | undefined {
  if (!ref.valid) return undefined;
  if (ref.repository === `${OFFICIAL_IMAGE_PREFIX}postgresql`) return OPERAND_PUBLISHER;
  if (ref.repository === `${OFFICIAL_IMAGE_PREFIX}cloudnative-pg`) return OPERATOR_PUBLISHER;
  extensionRepositories ??= new Set(OfficialExtension.all().map((e) => `${OFFICIAL_IMAGE_PREFIX}${e.imageName}`));
  return extensionRepositories.has(ref.repository) ? EXTENSIONS_PUBLISHER : undefined;
}

function image(reference: string, from: string): AppImage {
  const parsed = ImageReference.parse(reference);
  return { reference, parsed, publisher: publisherOf(parsed), from };
}

function catalogName(catalog: IImageCatalog): string {
  return `${catalog.kind} ${catalog.namespace ? `${catalog.namespace}/` : ''}${catalog.name}`;
}

/** Every image of a catalog: each major's and its extensions'. A catalog whose content is unknown has none. */
function catalogImages(catalog: IImageCatalog): AppImage[] {
  const out: AppImage[] = [];
  for (const major of catalog.majors ?? []) {
    const main = catalog.imageForMajor(major);
    if (main !== undefined) out.push(image(main, `${catalogName(catalog)} major ${major}`));
    for (const ext of catalog.extensionsForMajor(major) ?? []) {
      if (ext.reference) out.push(image(ext.reference, `${catalogName(catalog)} major ${major} extension ${ext.name}`));
    }
  }
  return out;
}

/** The images a Cluster runs: its PostgreSQL image and its extensions' (its own reference, or its catalog's). */
function clusterImages(cluster: Cluster): AppImage[] {
  const where = `Cluster ${cluster.namespace ? `${cluster.namespace}/` : ''}${cluster.name}`;
  const out: AppImage[] = [];
  const { catalog, major, imageName } = cluster.image;
  if (imageName !== undefined) {out.push(image(imageName, where));} else if (catalog !== undefined && major !== undefined) {
    const main = catalog.imageForMajor(major);
    if (main !== undefined) out.push(image(main, `${where} (${catalogName(catalog)} major ${major})`));
  }
  const fromCatalog = catalog !== undefined && major !== undefined ? catalog.extensionsForMajor(major) ?? [] : [];
  for (const { name, reference } of cluster._extensions.references) {
    const ref = reference ?? fromCatalog.find((e) => e.name === name)?.reference;
    if (ref) out.push(image(ref, `${where} extension ${name}`));
  }
  return out;
}

/** The images of catalogs, Clusters and extra references (e.g. the operator's), once each, in that order. */
export function appImages(
  catalogs: readonly IImageCatalog[],
  clusters: readonly Cluster[],
  extra: ReadonlyArray<readonly [string, string]>,
): AppImage[] {
  const seen = new Map<string, AppImage>();
  const all = [...catalogs.flatMap(catalogImages), ...clusters.flatMap(clusterImages), ...extra.map(([ref, from]) => image(ref, from))];
  for (const i of all) if (!seen.has(i.reference)) seen.set(i.reference, i);
  return [...seen.values()];
}
