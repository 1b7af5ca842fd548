import { Extension } from './extension';
import { extensionToKube } from './extension-wire';
import { OfficialExtension } from './official-extension';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { show, Violation } from '../common/errors';
import { DebianRelease, ImageType } from '../common/flavour';
import { ImageReference } from '../common/image-reference';
import { extensionViolations, ExtensionInput } from '../rules/rules';

/** Lowest PostgreSQL major that can load extensions from image volumes (`extension_control_path`). */
export const MIN_EXTENSION_MAJOR = 18;

/** Official extensions the standard and system images bundle (postgres-containers' image definitions). */
const BUNDLED_EXTENSIONS: { readonly [type in ImageType]: readonly string[] } = {
  [ImageType.MINIMAL]: [],
  [ImageType.STANDARD]: [OfficialExtension.PGAUDIT.catalogName, OfficialExtension.PGVECTOR.catalogName],
  [ImageType.SYSTEM]: [OfficialExtension.PGAUDIT.catalogName, OfficialExtension.PGVECTOR.catalogName],
};

/** What an ExtensionSet needs to know of its Cluster. @internal */
export interface ExtensionHost {
  /** The PostgreSQL major, when known. */
  readonly major?: number;
  /** The Cluster's image comes from a catalog (which may define extensions by name). */
  readonly catalogBacked: boolean;
  /** Extension images must be digest-pinned. */
  readonly requireDigest: boolean;
  /** The flavour of the Cluster's PostgreSQL image, when known. */
  readonly imageType?: ImageType;
  /** The Debian release of the Cluster's PostgreSQL image, when known. */
  readonly os?: DebianRelease;
  /** The declared `postgresql.parameters`: the set adds what official extensions need. */
  readonly parameters: { [name: string]: string };
  /** The declared `postgresql.shared_preload_libraries`: the set adds what official extensions need. */
  readonly preloads: string[];
  /** Throws the violations, prefixed with the Cluster's path. */
  fail(violations: readonly Violation[]): void;
}

interface Entry {
  readonly extension: Extension;
  readonly spec: ExtensionInput;
}

/**
 * The extensions of one Cluster: every extension rule runs here, once per extension, when it is added.
 * It knows what each official extension needs (preloads, parameters, the extensions it requires), which
 * extensions the Cluster's image bundles, and which image flavours match the Cluster's.
 * @internal
 */
export class ExtensionSet {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly host: ExtensionHost) {}

  /** Names, in the order added. */
  public get names(): string[] {
    return [...this.entries.keys()];
  }

  public get size(): number {
    return this.entries.size;
  }

  /** Each extension with the image reference set on the Cluster (undefined: the catalog's), in the order added. */
  public get references(): ReadonlyArray<{ readonly name: string; readonly reference?: string }> {
    return [...this.entries.values()].map((e) => ({ name: e.extension.name, reference: e.spec.reference }));
  }

  /** Whether the instances can run `CREATE EXTENSION` for it: mounted, or bundled in the image. */
  public provides(ext: OfficialExtension): boolean {
    if (this.entries.has(ext.catalogName)) return true;
    const type = this.host.imageType;
    return type !== undefined && BUNDLED_EXTENSIONS[type].includes(ext.catalogName);
  }

  /** Whether the Cluster preloads a library (declared, or added by an extension). */
  public preloads(library: string): boolean {
    return this.host.preloads.includes(library);
  }

  /** Adds an extension (and, from the catalog, those it requires). Throws on any broken rule. */
  public add(extension: Extension): void {
    const at = `extensions[${show(extension.name)}]`;
    const major = this.host.major;
    if (major !== undefined && major < MIN_EXTENSION_MAJOR) {
      this.host.fail([{
        path: at,
        message: `extension image volumes need PostgreSQL ${MIN_EXTENSION_MAJOR} or later (extension_control_path), but this Cluster runs PostgreSQL ${major}; the operator does not check this, so the extension would silently never load. Use a major ${MIN_EXTENSION_MAJOR} image`,
        source: 'library',
      }]);
    }
    if (this.entries.has(extension.name)) {
      this.host.fail([{ path: at, message: `extension ${show(extension.name)} is already added; each name may appear once`, source: 'CRD schema' }]);
    }
    const official = OfficialExtension.fromCatalogName(extension.name);
    const reference = extension.reference !== undefined && extension.reference !== '' ? ImageReference.parse(extension.reference) : undefined;
    const spec = official ? this.officialSpec(official, extension, reference, at) : extension._spec;
    this.host.fail(this.flavourViolations(`${at}.reference`, reference));
    const list = [...[...this.entries.values()].map((e) => e.spec), spec];
    this.host.fail(extensionViolations(list, {
      at: 'spec.postgresql.extensions',
      from: list.length - 1,
      requireReference: !this.host.catalogBacked,
      requireDigest: this.host.requireDigest,
      references: reference ? [[list.length - 1, reference]] : undefined,
    }));

    if (official) this.applyNeeds(official, at);
    this.entries.set(extension.name, { extension, spec });
    for (const required of official?.requires ?? []) {
      if (!this.entries.has(required) && extension.isFromCatalog) this.add(Extension.fromCatalog(required));
    }
  }

  /** The L1 (camelCase) entries of `spec.postgresql.extensions`. */
  public toKube(): cnpg.ClusterSpecPostgresqlExtensions[] {
    return [...this.entries.values()].map((e) => extensionToKube(e.spec));
  }

  /**
   * What is known only at synth: the catalog defines the extensions named without an image, and the
   * extensions an official one requires are there.
   */
  public synthViolations(
    catalogRef: string | undefined,
    catalogExtensions: ReadonlyArray<{ readonly name: string }> | undefined,
    major: number | undefined,
  ): Violation[] {
    const out: Violation[] = [];
    for (const { extension: ext } of this.entries.values()) {
      const undefinedInCatalog = catalogExtensions !== undefined && !catalogExtensions.some((d) => d.name === ext.name);
      if (undefinedInCatalog && ext.isFromCatalog && ext.reference === undefined) {
        out.push({
          path: `extensions[${show(ext.name)}]`,
          message: `${catalogRef} defines no extension ${show(ext.name)} for major ${major} (it defines ${catalogExtensions.map((d) => d.name).join(', ') || 'none'}); use Extension.fromImage() with its image`,
          source: 'operator',
          upstream: `extension "${ext.name}" found in the Cluster Spec but no ImageVolumeSource.Reference is defined`,
        });
      }
      for (const required of OfficialExtension.fromCatalogName(ext.name)?.requires ?? []) {
        if (!this.entries.has(required)) {
          out.push({ path: `extensions[${show(ext.name)}]`, message: `${ext.name} requires the ${required} extension; add it to the Cluster too`, source: 'library' });
        }
      }
    }
    return out;
  }

  /** Adds the preload libraries and parameters an official extension needs; throws on a conflict. */
  private applyNeeds(official: OfficialExtension, at: string): void {
    for (const lib of official.sharedPreloadLibraries) {
      if (!this.host.preloads.includes(lib)) this.host.preloads.push(lib);
    }
    for (const [name, value] of Object.entries(official.parameters)) {
      const current = this.host.parameters[name];
      if (current === undefined) {
        this.host.parameters[name] = value;
        continue;
      }
      const compatible = name === 'output_plugin_libraries'
        ? value.split(',').map((s) => s.trim()).every((lib) => current.split(',').map((s) => s.trim()).includes(lib))
        : current === value;
      if (!compatible) {
        this.host.fail([{
          path: at,
          message: `${official.catalogName} needs postgresql.parameters.${name} = ${show(value)}, but it is set to ${show(current)}; remove the setting or make it ${show(value)}`,
          source: 'library',
        }]);
      }
    }
  }

  /**
   * An official extension given by image gets the settings its catalog entry would carry, and must use
   * the official image repository when it comes from cloudnative-pg.
   */
  private officialSpec(official: OfficialExtension, extension: Extension, reference: ImageReference | undefined, at: string): ExtensionInput {
    const spec = extension._spec;
    if (extension.isFromCatalog || reference === undefined) return spec;
    if (reference.official && reference.repository !== official.imageRepository) {
      this.host.fail([{
        path: `${at}.reference`,
        message: `${official.catalogName}'s extension image is ${official.imageRepository}, not ${reference.repository}${official.catalogName === 'postgis' ? ' (ghcr.io/cloudnative-pg/postgis is the PostGIS operand image, not an extension image)' : ''}`,
        source: 'library',
      }]);
    }
    return {
      ...spec,
      ldLibraryPath: spec.ldLibraryPath ?? (official.ldLibraryPath.length > 0 ? official.ldLibraryPath : undefined),
      env: spec.env ?? (Object.keys(official.env).length > 0 ? Object.entries(official.env) : undefined),
    };
  }

  /**
   * An official extension image (`ghcr.io/cloudnative-pg/<image>:<version>-<stamp>-<major>-<os>`) is built
   * for one PostgreSQL major and one Debian release: it must match the Cluster's.
   */
  private flavourViolations(path: string, reference: ImageReference | undefined): Violation[] {
    if (reference?.builtForMajor === undefined) return [];
    const out: Violation[] = [];
    const major = this.host.major;
    if (major !== undefined && reference.builtForMajor !== major) {
      out.push({ path, message: `${show(reference.text)} is built for PostgreSQL ${reference.builtForMajor}, but the Cluster runs ${major}; an extension image must match the PostgreSQL major`, source: 'library' });
    }
    if (this.host.os !== undefined && reference.debianRelease !== this.host.os) {
      out.push({ path, message: `${show(reference.text)} is built for Debian ${reference.debianRelease}, but the Cluster's image is ${this.host.os}; an extension image must match the OS of the PostgreSQL image`, source: 'library' });
    }
    return out;
  }
}
